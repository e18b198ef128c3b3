import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference panels: allele frequencies of a population separate from every dataset (e.g. gnomAD or a
 * 1000 Genomes subset), imported with `helixgate panel import`. The privacy guard prices each answer from
 * the panel chosen for the dataset (policies/privacy.yaml), never from the dataset's own counts. A panel
 * holds frequencies only: no genotype, no sample.
 */
export class ReferencePanels1764640000000 implements MigrationInterface {
  name = 'ReferencePanels1764640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reference_panel (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
        assembly text NOT NULL CHECK (assembly IN ('GRCh37', 'GRCh38')),
        source_file text NOT NULL,
        sha256 text NOT NULL,
        allele_count integer NOT NULL DEFAULT 0 CHECK (allele_count >= 0),
        -- bounds range lookups: an allele overlapping [a, b] begins at or after a - max_variant_length
        max_variant_length integer NOT NULL DEFAULT 0 CHECK (max_variant_length >= 0),
        frequency_source text NOT NULL,
        imported_by text,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per ALT allele (multi-allelic records split as at ingest). an: the panel's called alleles
    // at the site (null when the file gives INFO/AF without INFO/AN); ac likewise.
    await q.query(`
      CREATE TABLE panel_allele (
        panel_id integer NOT NULL REFERENCES reference_panel(id) ON DELETE CASCADE,
        chrom text NOT NULL,
        pos integer NOT NULL CHECK (pos >= 0),
        end_pos integer NOT NULL,
        ref text NOT NULL,
        alt text NOT NULL,
        variant_type text NOT NULL,
        af double precision NOT NULL CHECK (af >= 0 AND af <= 1),
        ac integer CHECK (ac >= 0),
        an integer CHECK (an >= 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX panel_allele_key ON panel_allele (panel_id, chrom, pos, md5(ref || '>' || alt))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE panel_allele`);
    await q.query(`DROP TABLE reference_panel`);
  }
}
