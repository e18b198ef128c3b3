import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dataset's ingest history: one row per VCF load that committed, written in the ingest's own transaction
 * (a failed ingest leaves no row; its refusal is in the audit trail). File name and SHA-256, what was
 * loaded, who loaded it (`issuer#subject`, or the operator name the CLI records) and how long it took.
 */
export class DatasetIngestHistory1764800000000 implements MigrationInterface {
  name = 'DatasetIngestHistory1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dataset_ingest (
        id bigserial PRIMARY KEY,
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        file text NOT NULL,
        sha256 text,
        replace boolean NOT NULL DEFAULT false,
        records integer NOT NULL,
        alt_rows integer NOT NULL,
        skipped integer NOT NULL,
        individuals integer NOT NULL,
        annotations integer NOT NULL,
        seconds double precision NOT NULL,
        actor text,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dataset_ingest_dataset ON dataset_ingest (dataset_id, ingested_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dataset_ingest`);
  }
}
