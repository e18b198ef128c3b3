import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `privacy_quota.drawn`: the nats a principal's queries are expected to draw from one dataset's budgets in
 * the current window (priced from the panel), held against its share (`quota.share` of policies/privacy.yaml)
 * so that one account cannot spend every individual's budget (issue 10).
 */
export class PrivacyQuotaShare1764860000000 implements MigrationInterface {
  name = 'PrivacyQuotaShare1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE privacy_quota ADD COLUMN drawn double precision NOT NULL DEFAULT 0 CHECK (drawn >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE privacy_quota DROP COLUMN drawn`);
  }
}
