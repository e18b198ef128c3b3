import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Datasets, their wrapped data keys, individuals (encrypted ids) and variants (encrypted genotypes). */
export class CoreSchema1764470000000 implements MigrationInterface {
  name = 'CoreSchema1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dataset (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        assembly text NOT NULL CHECK (assembly IN ('GRCh37', 'GRCh38')),
        security_level text NOT NULL CHECK (security_level IN ('PUBLIC', 'REGISTERED', 'CONTROLLED')),
        individual_count integer NOT NULL DEFAULT 0,
        variant_count bigint NOT NULL DEFAULT 0,
        max_variant_length integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE dataset_key (
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        master_key_id text NOT NULL,
        wrapped_key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        PRIMARY KEY (dataset_id, version)
      )`);
    await q.query(`
      CREATE TABLE individual (
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        idx integer NOT NULL CHECK (idx >= 0),
        sample_id_enc bytea NOT NULL,
        key_version integer NOT NULL,
        withdrawn_at timestamptz,
        PRIMARY KEY (dataset_id, idx)
      )`);
    await q.query(`
      CREATE TABLE variant (
        id bigserial PRIMARY KEY,
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        chrom text NOT NULL,
        pos integer NOT NULL CHECK (pos >= 0),
        end_pos integer NOT NULL,
        ref text NOT NULL,
        alt text NOT NULL,
        variant_type text NOT NULL,
        ac integer NOT NULL,
        an integer NOT NULL,
        het integer NOT NULL,
        hom_alt integer NOT NULL,
        hemi integer NOT NULL,
        genotypes bytea NOT NULL,
        key_version integer NOT NULL,
        CHECK (end_pos >= pos)
      )`);
    await q.query(`CREATE INDEX variant_locus ON variant (dataset_id, chrom, pos)`);
    // md5 keeps the unique key small for long alleles (structural variants).
    await q.query(
      `CREATE UNIQUE INDEX variant_allele ON variant (dataset_id, chrom, pos, md5(ref || '>' || alt))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE variant`);
    await q.query(`DROP TABLE individual`);
    await q.query(`DROP TABLE dataset_key`);
    await q.query(`DROP TABLE dataset`);
  }
}
