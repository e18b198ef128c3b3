import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `participant_withdrawal`: a withdrawal under way (libs/variants participant-withdrawal.service.ts), one per
 * dataset at most. Each batch of re-sealed variant rows moves `last_variant_id` in the batch's own transaction,
 * so a withdrawal that stopped (crash, kill, abort) continues from there when it is run again. The row goes in
 * the transaction that finishes the withdrawal. It names the participant by index only.
 */
export class ParticipantWithdrawalProgress1764910000000 implements MigrationInterface {
  name = 'ParticipantWithdrawalProgress1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE participant_withdrawal (
        dataset_id text PRIMARY KEY REFERENCES dataset(id) ON DELETE CASCADE,
        individual_idx integer NOT NULL,
        new_key_version integer NOT NULL,
        old_key_versions integer[] NOT NULL,
        last_variant_id bigint NOT NULL,
        end_variant_id bigint NOT NULL,
        variant_total bigint NOT NULL,
        variants_rewritten bigint NOT NULL DEFAULT 0,
        variants_deleted bigint NOT NULL DEFAULT 0,
        max_variant_length integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE participant_withdrawal`);
  }
}
