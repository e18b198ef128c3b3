import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The privacy guard's ledger becomes one per dataset instead of one per principal (docs/privacy.md):
 * - `privacy_individual_budget`: evidence released about each individual to everyone together, so that
 *   colluding accounts of different institutions learn no more than one account. Existing per-principal
 *   spending is carried over summed per individual (the conservative reading).
 * - `privacy_decision`: the first decision about each budget-dependent allele, replayed to every caller
 *   (no second charge, and no yes-then-no flip between two callers that would tell a carrier ran out).
 *   The per-principal answers of the old table cannot be merged into one decision and are dropped.
 * - `privacy_quota`: priced alleles asked per principal per dataset in the current window (one account
 *   cannot spend everyone's budgets).
 * No table names a variant together with the individuals counted for it.
 */
export class PrivacyGlobalLedger1764640000001 implements MigrationInterface {
  name = 'PrivacyGlobalLedger1764640000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_individual_budget (
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        individual_idx integer NOT NULL CHECK (individual_idx >= 0),
        spent double precision NOT NULL CHECK (spent >= 0),
        exhausted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset_id, individual_idx)
      )`);
    await q.query(`
      INSERT INTO privacy_individual_budget (dataset_id, individual_idx, spent, exhausted_at)
      SELECT dataset_id, individual_idx, sum(spent), min(exhausted_at)
        FROM privacy_budget GROUP BY dataset_id, individual_idx`);
    await q.query(`
      CREATE TABLE privacy_decision (
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        variant_key text NOT NULL,
        carriers integer NOT NULL CHECK (carriers >= 0),
        admitted integer NOT NULL CHECK (admitted >= 0 AND admitted <= carriers),
        decided_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset_id, variant_key)
      )`);
    await q.query(`
      CREATE TABLE privacy_quota (
        principal text NOT NULL,
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        window_start timestamptz NOT NULL,
        used integer NOT NULL CHECK (used >= 0),
        PRIMARY KEY (principal, dataset_id)
      )`);
    await q.query(`DROP TABLE privacy_answer`);
    await q.query(`DROP TABLE privacy_budget`);
  }

  async down(q: QueryRunner): Promise<void> {
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
    // The global spending is kept under one principal so that no evidence already released is forgotten.
    await q.query(`
      INSERT INTO privacy_budget (principal, dataset_id, individual_idx, spent, exhausted_at)
      SELECT '*', dataset_id, individual_idx, spent, exhausted_at FROM privacy_individual_budget`);
    await q.query(`DROP TABLE privacy_quota`);
    await q.query(`DROP TABLE privacy_decision`);
    await q.query(`DROP TABLE privacy_individual_budget`);
  }
}
