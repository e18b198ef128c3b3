import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The backup catalogue: one row per `helixgate backup`, with the master-key ids its data keys are wrapped by,
 * so that retiring a master key can name the backups it would strand. Key ids only, never key material.
 */
export class BackupCatalog1764730000000 implements MigrationInterface {
  name = 'BackupCatalog1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE backup_catalog (
        id uuid PRIMARY KEY,
        created_at timestamptz NOT NULL,
        node_id text NOT NULL,
        location text NOT NULL,
        database_kind text NOT NULL CHECK (database_kind IN ('postgres', 'embedded')),
        schema_version text,
        master_key_ids text[] NOT NULL,
        keys_included boolean NOT NULL,
        manifest_sha256 text NOT NULL,
        bytes bigint NOT NULL,
        created_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX backup_catalog_master_keys ON backup_catalog USING gin (master_key_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE backup_catalog`);
  }
}
