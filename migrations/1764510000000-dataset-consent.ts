import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A dataset's DUO consent: one permission, MONDO disease ids (DS only) and modifiers with their parameters. */
export class DatasetConsent1764510000000 implements MigrationInterface {
  name = 'DatasetConsent1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dataset_consent (
        dataset_id text PRIMARY KEY REFERENCES dataset(id) ON DELETE CASCADE,
        permission text NOT NULL CHECK (permission IN ('NRES', 'GRU', 'HMB', 'DS', 'POA')),
        diseases text[] NOT NULL DEFAULT '{}',
        modifiers jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(modifiers) = 'array'),
        updated_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((permission = 'DS') = (cardinality(diseases) > 0))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dataset_consent`);
  }
}
