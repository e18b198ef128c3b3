import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Functional annotations read at ingest from VEP `CSQ` / SnpEff `ANN` (libs/variants ingest/annotations.ts):
 * one row per allele x transcript or feature, aggregate facts about the allele (no individual), so not
 * sealed. Rows belong to their variant row and go with it (replace, withdrawal, dataset deletion).
 */
export class VariantAnnotation1764750000000 implements MigrationInterface {
  name = 'VariantAnnotation1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE variant_annotation (
      id bigserial PRIMARY KEY,
      variant_id bigint NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
      dataset_id text NOT NULL,
      source text NOT NULL CHECK (source IN ('VEP', 'SnpEff')),
      gene_symbol text,
      gene_id text,
      consequences text[] NOT NULL,
      impact text,
      transcript text,
      hgvs_c text,
      hgvs_p text
    )`);
    await q.query(`CREATE INDEX variant_annotation_variant ON variant_annotation (variant_id)`);
    await q.query(
      `CREATE INDEX variant_annotation_gene ON variant_annotation (dataset_id, upper(gene_symbol))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE variant_annotation`);
  }
}
