import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { type DataKeyRow, dataKeyRowsSql, EnvelopeService, type Opener } from '@helixgate/crypto';
import { PooledStatements } from '@helixgate/db';
import { DataSource } from 'typeorm';
import {
  carrierCallOf,
  decodeGenotypes,
  genotypeCodes,
  type DecodedGenotype,
} from '../ingest/genotype-codec';

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
  /** Indexes (never sample ids) of the individuals whose calls and sample ids were released, ascending. */
  individuals: number[];
}

/** One allele's carriers, by column index (withdrawn individuals excluded), with their calls. */
export interface AlleleCarriers {
  carriers: number[];
  /** Copies of the allele each carrier has. */
  copies: number[];
  /** Called alleles of each carrier (ploidy minus missing). */
  called: number[];
}

export const variantKeyOf = (k: VariantKey) => `${k.chrom}:${k.pos}:${k.ref}:${k.alt}`;

interface SealedRow extends VariantKey {
  variant_type: string;
  genotypes: Buffer;
}

/**
 * The only readers of the sealed genotype and sample-id columns besides withdrawal: record-level answers
 * (which individuals carry an allele) and the privacy guard (which individuals an answer would reveal).
 * Callers must have established the caller's right to it and must audit the decryption; withdrawn
 * individuals are never returned.
 */
@Injectable()
export class VariantRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly envelope: EnvelopeService,
  ) {
    this.statements = new PooledStatements(dataSource);
  }

  /** The guard's reads (every guarded answer) go straight to the pg pool on PostgreSQL. */
  private readonly statements: PooledStatements;

  /** Carriers of each allele by column index, for the privacy guard. Nothing identifying is decrypted. */
  async carrierIndexes(datasetId: string, keys: readonly VariantKey[]): Promise<Map<string, AlleleCarriers>> {
    const out = new Map<string, AlleleCarriers>();
    if (keys.length === 0) return out;
    const { rows, opener, individuals } = await this.sealedRead(datasetId, keys, 'withdrawn');
    const withdrawn = new Set(individuals.map((i) => i.idx));
    for (const r of rows) {
      const entry: AlleleCarriers = { carriers: [], copies: [], called: [] };
      this.calls(opener, r).forEach((g, idx) => {
        if (g.copies > 0 && !withdrawn.has(idx)) {
          entry.carriers.push(idx);
          entry.copies.push(g.copies);
          entry.called.push(g.ploidy - g.missing);
        }
      });
      out.set(variantKeyOf(r), entry);
    }
    return out;
  }

  /**
   * The aggregates of each allele within a cohort (Beacon filters: the individuals matching them): AC, AN,
   * het / hom-alt / hemi carriers counted over the cohort's members only (withdrawn ones never), from the
   * sealed genotypes, opened in process. Nothing identifying is decrypted.
   */
  async cohortCounts(
    datasetId: string,
    keys: readonly VariantKey[],
    cohort: ReadonlySet<number>,
  ): Promise<Map<string, { ac: number; an: number; het: number; homAlt: number; hemi: number }>> {
    const out = new Map<string, { ac: number; an: number; het: number; homAlt: number; hemi: number }>();
    if (keys.length === 0 || cohort.size === 0) return out;
    const { rows, opener, individuals } = await this.sealedRead(datasetId, keys, 'withdrawn');
    const withdrawn = new Set(individuals.map((i) => i.idx));
    const members = [...cohort].filter((i) => !withdrawn.has(i));
    for (const r of rows) {
      const calls = this.calls(opener, r);
      const c = { ac: 0, an: 0, het: 0, homAlt: 0, hemi: 0 };
      for (const idx of members) {
        const g = calls[idx];
        if (!g) continue;
        const called = g.ploidy - g.missing;
        if (called <= 0) continue;
        c.an += called;
        c.ac += g.copies;
        if (g.copies === 0) continue;
        if (called === 1) c.hemi++;
        else if (g.copies === called) c.homAlt++;
        else c.het++;
      }
      out.set(variantKeyOf(r), c);
    }
    return out;
  }

  /** Record-level answer: carriers with their sample ids and genotypes. */
  async carriers(
    datasetId: string,
    keys: readonly VariantKey[],
    /** Beacon filters: only these individuals' calls (and sample ids) are returned and decrypted. */
    cohort?: ReadonlySet<number> | null,
  ): Promise<{ records: VariantRecord[]; report: DecryptionReport }> {
    if (keys.length === 0)
      return {
        records: [],
        report: { datasetId, variantsDecrypted: 0, individualsDecrypted: 0, individuals: [] },
      };
    if (keys.length > 1000)
      throw new DomainError('BAD_REQUEST', 'at most 1,000 variants per record-level answer');
    const { rows, opener, individuals } = await this.sealedRead(datasetId, keys, 'all');
    const byIdx: (IndividualRow | undefined)[] = [];
    for (const i of individuals) byIdx[i.idx] = i;
    const sampleIds = new Map<number, string>();
    // Opened once per individual and answer; the opener remembers the text with its data key, so later
    // answers skip the AES-GCM open (one per individual, ~10 µs each) while the key lives.
    // Withdrawn individuals are decided per answer from the row just read, never from memory.
    const sampleId = (idx: number): string => {
      let id = sampleIds.get(idx);
      if (id === undefined) {
        id = opener.openRememberedText(byIdx[idx]!.sample_id_enc!, {
          table: 'individual',
          row: String(idx),
          column: 'sample_id',
        });
        sampleIds.set(idx, id);
      }
      return id;
    };
    // One table lookup per individual and row (carrierCallOf): a row of 2,500 individuals is 2,500 calls;
    // decoding each into an object and rendering a string per carrier was the largest share of this path's
    // own CPU time in the bench's profile (`BENCH_SECTIONS=records`).
    const records = rows.map((r): VariantRecord => {
      const carriers: CarrierRecord[] = [];
      const codes = genotypeCodes(
        opener.open(r.genotypes, { table: 'variant', row: variantKeyOf(r), column: 'genotypes' }),
      );
      for (let idx = 0; idx < codes.length; idx++) {
        const genotype = carrierCallOf(codes[idx]);
        if (genotype === null) continue;
        const ind = byIdx[idx];
        if (ind && !ind.withdrawn && (!cohort || cohort.has(idx)))
          carriers.push({ sampleId: sampleId(idx), genotype });
      }
      return { chrom: r.chrom, pos: r.pos, ref: r.ref, alt: r.alt, variantType: r.variant_type, carriers };
    });
    return {
      records,
      report: {
        datasetId,
        variantsDecrypted: rows.length,
        individualsDecrypted: sampleIds.size,
        individuals: [...sampleIds.keys()].sort((a, b) => a - b),
      },
    };
  }

  private calls(opener: Opener, r: SealedRow): DecodedGenotype[] {
    return decodeGenotypes(
      opener.open(r.genotypes, { table: 'variant', row: variantKeyOf(r), column: 'genotypes' }),
    );
  }

  /**
   * The sealed rows of these alleles (ordered by locus), the dataset's data-key rows and its individuals
   * (`withdrawn`: only those withdrawn, by index; `all`: every one, with the sealed sample id), in one
   * statement: one round trip where there were three. The keys are read fresh (a destroyed key opens
   * nothing) with the rows they open.
   */
  private async sealedRead(
    datasetId: string,
    keys: readonly VariantKey[],
    individuals: 'withdrawn' | 'all',
  ): Promise<{ rows: SealedRow[]; opener: Opener; individuals: IndividualRow[] }> {
    const who =
      individuals === 'all'
        ? 'SELECT idx, withdrawn_at IS NOT NULL AS withdrawn, sample_id_enc FROM individual WHERE dataset_id = $1'
        : 'SELECT idx, true AS withdrawn, NULL::bytea AS sample_id_enc FROM individual WHERE dataset_id = $1 AND withdrawn_at IS NOT NULL';
    const read = await this.statements.query<SealedReadRow>(
      `helixgate_sealed_read_${individuals}_v1`,
      `WITH s AS (
         SELECT v.chrom, v.pos, v.ref, v.alt, v.variant_type, v.genotypes
           FROM variant v
           JOIN unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS k(chrom, pos, ref, alt)
             ON v.chrom = k.chrom AND v.pos = k.pos AND v.ref = k.ref AND v.alt = k.alt
          WHERE v.dataset_id = $1
       ), i AS (${who}), k AS (${dataKeyRowsSql('$1')})
       SELECT 0 AS src, chrom, pos, ref, alt, variant_type, genotypes, NULL::int AS idx, NULL::bool AS withdrawn,
              NULL::bytea AS sample_id_enc, NULL::text AS dataset_id, NULL::int AS version,
              NULL::text AS master_key_id, NULL::bytea AS wrapped_key
         FROM s
       UNION ALL
       SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, idx, withdrawn, sample_id_enc, NULL, NULL, NULL, NULL FROM i
       UNION ALL
       SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, dataset_id, version, master_key_id, wrapped_key
         FROM k
       ORDER BY src, chrom, pos, ref, alt, idx`,
      [
        datasetId,
        keys.map((k) => k.chrom),
        keys.map((k) => k.pos),
        keys.map((k) => k.ref),
        keys.map((k) => k.alt),
      ],
    );
    return {
      rows: read.filter((r) => r.src === 0),
      individuals: read.filter((r) => r.src === 1),
      opener: this.envelope.openerFromRows(
        datasetId,
        read.filter((r) => r.src === 2),
      ),
    };
  }
}

interface IndividualRow {
  idx: number;
  withdrawn: boolean;
  /** Read for `all` only (null for `withdrawn`). */
  sample_id_enc: Buffer | null;
}

/** One row of `sealedRead`'s statement: a sealed allele (src 0), an individual (1) or a data key (2). */
type SealedReadRow = SealedRow & IndividualRow & DataKeyRow & { src: number };
