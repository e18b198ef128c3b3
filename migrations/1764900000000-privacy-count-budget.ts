import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `privacy_quota.count_spent`: the evidence (nats) of the noisy counts one principal has been answered in one
 * dataset, held against its count budget (`counts.budget` of policies/privacy.yaml, docs/privacy.md rule 7).
 * Unlike `used` and `drawn` it is not reset when the quota window turns: the count budget never refills.
 */
export class PrivacyCountBudget1764900000000 implements MigrationInterface {
  name = 'PrivacyCountBudget1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE privacy_quota ADD COLUMN count_spent double precision NOT NULL DEFAULT 0 CHECK (count_spent >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE privacy_quota DROP COLUMN count_spent`);
  }
}
