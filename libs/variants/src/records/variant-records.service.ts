import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { EnvelopeService } from '@helixgate/crypto';
import { DataSource } from 'typeorm';
import { decodeGenotypes, genotypeToString } from '../ingest/genotype-codec';

export interface VariantKey {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
}

export interface CarrierRecord {
  /** The individual's identifier in the source VCF (decrypted). */
  sampleId: string;
  /** The call for this allele as the split VCF shows it (`0|1`, `1/1`, `1`, `1/.`). */
  genotype: string;
}

export interface VariantRecord extends VariantKey {
  variantType: string;
  carriers: CarrierRecord[];
}

export interface DecryptionReport {
  datasetId: string;
  variantsDecrypted: number;
  individualsDecrypted: number;
}

/**
 * Record-level answers: which individuals carry an allele, with their genotypes. The only reader of the
 * sealed columns besides withdrawal. Callers (the beacon) must have established the caller's grant; every
 * call returns a decryption report for the audit trail. Withdrawn individuals are never returned.
 */
@Injectable()
export class VariantRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly envelope: EnvelopeService,
  ) {}

  async carriers(
    datasetId: string,
    keys: readonly VariantKey[],
  ): Promise<{ records: VariantRecord[]; report: DecryptionReport }> {
    if (keys.length === 0)
      return { records: [], report: { datasetId, variantsDecrypted: 0, individualsDecrypted: 0 } };
    if (keys.length > 1000)
      throw new DomainError('BAD_REQUEST', 'at most 1,000 variants per record-level answer');
    const rows: {
      chrom: string;
      pos: number;
      ref: string;
      alt: string;
      variant_type: string;
      genotypes: Buffer;
    }[] = await this.dataSource.query(
      `SELECT v.chrom, v.pos, v.ref, v.alt, v.variant_type, v.genotypes
         FROM variant v
         JOIN unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS k(chrom, pos, ref, alt)
           ON v.chrom = k.chrom AND v.pos = k.pos AND v.ref = k.ref AND v.alt = k.alt
        WHERE v.dataset_id = $1
        ORDER BY v.chrom, v.pos, v.ref, v.alt`,
      [
        datasetId,
        keys.map((k) => k.chrom),
        keys.map((k) => k.pos),
        keys.map((k) => k.ref),
        keys.map((k) => k.alt),
      ],
    );
    const opener = await this.envelope.openerFor(datasetId);
    const individuals: { idx: number; sample_id_enc: Buffer; withdrawn: boolean }[] =
      await this.dataSource.query(
        'SELECT idx, sample_id_enc, withdrawn_at IS NOT NULL AS withdrawn FROM individual WHERE dataset_id = $1 ORDER BY idx',
        [datasetId],
      );
    const byIdx = new Map(individuals.map((i) => [i.idx, i]));
    const sampleIds = new Map<number, string>();
    const sampleId = (idx: number): string => {
      let id = sampleIds.get(idx);
      if (id === undefined) {
        const ind = byIdx.get(idx)!;
        id = opener
          .open(ind.sample_id_enc, { table: 'individual', row: String(idx), column: 'sample_id' })
          .toString('utf8');
        sampleIds.set(idx, id);
      }
      return id;
    };
    const records = rows.map((r): VariantRecord => {
      const plain = opener.open(r.genotypes, {
        table: 'variant',
        row: `${r.chrom}:${r.pos}:${r.ref}:${r.alt}`,
        column: 'genotypes',
      });
      const calls = decodeGenotypes(plain);
      const carriers: CarrierRecord[] = [];
      calls.forEach((g, idx) => {
        const ind = byIdx.get(idx);
        if (g.copies > 0 && ind && !ind.withdrawn)
          carriers.push({ sampleId: sampleId(idx), genotype: genotypeToString(g) });
      });
      return { chrom: r.chrom, pos: r.pos, ref: r.ref, alt: r.alt, variantType: r.variant_type, carriers };
    });
    return {
      records,
      report: { datasetId, variantsDecrypted: rows.length, individualsDecrypted: sampleIds.size },
    };
  }
}
