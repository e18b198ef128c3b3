import type { INestApplicationContext } from '@nestjs/common';
import { EnvelopeService } from '@helixgate/crypto';
import { DataSource } from 'typeorm';

/**
 * Test data for beacon queries written straight to the tables (the ingest path has its own tests). The
 * rows are real: the aggregate columns are what the test gives, and the sealed genotype vectors hold
 * exactly `het` heterozygous, `homAlt` homozygous and `hemi` haploid carriers (the privacy guard and
 * record-level answers decrypt them), over the dataset's individuals (sample ids `<dataset>-S<n>`).
 */
export interface TestVariant {
  chrom: string;
  /** VCF POS, 1-based. */
  pos: number;
  ref: string;
  alt: string;
  /** 1-based inclusive end; default pos + ref.length - 1. */
  endPos?: number;
  type?: string;
  ac?: number;
  an?: number;
  het?: number;
  homAlt?: number;
  hemi?: number;
  /** Heterozygous carriers at these individual indexes (instead of the first `het`); sets `het`. */
  carriers?: number[];
}

export async function createTestDataset(
  app: INestApplicationContext,
  id: string,
  opts: { assembly?: 'GRCh37' | 'GRCh38'; securityLevel?: 'PUBLIC' | 'REGISTERED' | 'CONTROLLED' } = {},
): Promise<string> {
  await app
    .get(DataSource)
    .query(`INSERT INTO dataset (id, name, assembly, security_level) VALUES ($1, $2, $3, $4)`, [
      id,
      `test ${id}`,
      opts.assembly ?? 'GRCh37',
      opts.securityLevel ?? 'PUBLIC',
    ]);
  return id;
}

const DIPLOID = 2 << 4;
const HAPLOID = 1 << 4;

/**
 * Inserts the rows (and, the first time, `individuals` individuals) and keeps the dataset's counters as
 * ingest maintains them.
 */
export async function insertTestVariants(
  app: INestApplicationContext,
  datasetId: string,
  rows: TestVariant[],
  opts: { individuals?: number } = {},
): Promise<void> {
  const ds = app.get(DataSource);
  const sealer = await app.get(EnvelopeService).sealerFor(datasetId);
  const [{ n }] = await ds.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM individual WHERE dataset_id = $1',
    [datasetId],
  );
  let individuals = n;
  if (individuals === 0) {
    individuals = opts.individuals ?? 100;
    for (let idx = 0; idx < individuals; idx++) {
      const sampleId = Buffer.from(`${datasetId}-S${idx + 1}`, 'utf8');
      await ds.query(
        'INSERT INTO individual (dataset_id, idx, sample_id_enc, key_version) VALUES ($1, $2, $3, $4)',
        [
          datasetId,
          idx,
          sealer.seal(sampleId, { table: 'individual', row: String(idx), column: 'sample_id' }),
          sealer.keyVersion,
        ],
      );
    }
  }
  for (const r of rows) {
    const endPos = r.endPos ?? r.pos + r.ref.length - 1;
    // The types ingest stores (libs/variants variant-allele.ts): any length change is an INDEL.
    const type = r.type ?? (r.ref.length !== r.alt.length ? 'INDEL' : r.ref.length === 1 ? 'SNP' : 'MNP');
    const het = r.carriers?.length ?? r.het ?? 1;
    const homAlt = r.homAlt ?? 0;
    const hemi = r.hemi ?? 0;
    if (het + homAlt + hemi > individuals)
      throw new Error(`test variant has more carriers than the ${individuals} individuals`);
    const codes = Buffer.alloc(1 + individuals, DIPLOID); // 0/0 by default
    codes[0] = 1; // codec version
    let i = 1;
    if (r.carriers) for (const c of r.carriers) codes[1 + c] = DIPLOID | 1;
    else for (let k = 0; k < het; k++) codes[i++] = DIPLOID | 1;
    for (let k = 0; k < homAlt; k++) codes[i++] = DIPLOID | 2;
    for (let k = 0; k < hemi; k++) codes[i++] = HAPLOID | 1;
    const genotypes = sealer.seal(codes, {
      table: 'variant',
      row: `${r.chrom}:${r.pos}:${r.ref}:${r.alt}`,
      column: 'genotypes',
    });
    await ds.query(
      `INSERT INTO variant (dataset_id, chrom, pos, end_pos, ref, alt, variant_type, ac, an, het, hom_alt, hemi, genotypes, key_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        datasetId,
        r.chrom,
        r.pos,
        endPos,
        r.ref,
        r.alt,
        type,
        r.ac ?? het + 2 * homAlt + hemi,
        r.an ?? 200,
        het,
        homAlt,
        hemi,
        genotypes,
        sealer.keyVersion,
      ],
    );
  }
  await ds.query(
    `UPDATE dataset SET variant_count = (SELECT count(*) FROM variant WHERE dataset_id = $1),
       individual_count = (SELECT count(*) FROM individual WHERE dataset_id = $1 AND withdrawn_at IS NULL),
       max_variant_length = (SELECT coalesce(max(end_pos - pos), 0) FROM variant WHERE dataset_id = $1)
     WHERE id = $1`,
    [datasetId],
  );
}
