import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk budgets of the privacy guard: evidence released per (principal, dataset, individual), and the
 * budget-dependent answers already released per (principal, dataset, variant) so that a repeated query
 * is answered the same way without a second charge. Neither table holds a genotype: no row names a
 * variant together with the individuals counted for it.
 */
export class PrivacyBudget1764530000000 implements MigrationInterface {
  name = 'PrivacyBudget1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_budget (
        principal text NOT NULL,
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        individual_idx integer NOT NULL CHECK (individual_idx >= 0),
        spent double precision NOT NULL CHECK (spent >= 0),
        exhausted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, dataset_id, individual_idx)
      )`);
    await q.query(`
      CREATE TABLE privacy_answer (
        principal text NOT NULL,
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        variant_key text NOT NULL,
        carriers integer NOT NULL CHECK (carriers >= 0),
        admitted integer NOT NULL CHECK (admitted >= 0 AND admitted <= carriers),
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, dataset_id, variant_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE privacy_answer`);
    await q.query(`DROP TABLE privacy_budget`);
  }
}
