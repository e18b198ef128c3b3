import type { DataSource } from 'typeorm';

/**
 * Test data for beacon queries written straight to the tables (the ingest path has its own tests).
 * Genotypes are a placeholder byte: the beacon reads aggregate columns only and never decrypts.
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
}

export async function createTestDataset(
  ds: DataSource,
  id: string,
  opts: { assembly?: 'GRCh37' | 'GRCh38'; securityLevel?: 'PUBLIC' | 'REGISTERED' | 'CONTROLLED' } = {},
): Promise<string> {
  await ds.query(`INSERT INTO dataset (id, name, assembly, security_level) VALUES ($1, $2, $3, $4)`, [
    id,
    `test ${id}`,
    opts.assembly ?? 'GRCh37',
    opts.securityLevel ?? 'PUBLIC',
  ]);
  return id;
}

/** Inserts the rows and keeps dataset.variant_count and max_variant_length as ingest maintains them. */
export async function insertTestVariants(
  ds: DataSource,
  datasetId: string,
  rows: TestVariant[],
): Promise<void> {
  for (const r of rows) {
    const endPos = r.endPos ?? r.pos + r.ref.length - 1;
    // The types ingest stores (libs/variants variant-allele.ts): any length change is an INDEL.
    const type = r.type ?? (r.ref.length !== r.alt.length ? 'INDEL' : r.ref.length === 1 ? 'SNP' : 'MNP');
    await ds.query(
      `INSERT INTO variant (dataset_id, chrom, pos, end_pos, ref, alt, variant_type, ac, an, het, hom_alt, hemi, genotypes, key_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '\\x00'::bytea, 1)`,
      [
        datasetId,
        r.chrom,
        r.pos,
        endPos,
        r.ref,
        r.alt,
        type,
        r.ac ?? 1,
        r.an ?? 200,
        r.het ?? 1,
        r.homAlt ?? 0,
        r.hemi ?? 0,
      ],
    );
  }
  await ds.query(
    `UPDATE dataset SET variant_count = (SELECT count(*) FROM variant WHERE dataset_id = $1),
       max_variant_length = (SELECT coalesce(max(end_pos - pos), 0) FROM variant WHERE dataset_id = $1)
     WHERE id = $1`,
    [datasetId],
  );
}
