import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the end of an approved grant was recorded in the audit trail (`access.expire`): set once, by the
 * first sweep that sees the grant expired, in the same transaction as the event, so each expiry is
 * recorded exactly once however many processes sweep.
 */
export class AccessExpiryAudit1764600000000 implements MigrationInterface {
  name = 'AccessExpiryAudit1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_request ADD COLUMN expiry_recorded_at timestamptz`);
    // Grants that ended before this migration are recorded by the first sweep after it.
    await q.query(
      `CREATE INDEX access_request_unrecorded_expiry ON access_request (expires_at)
        WHERE state = 'APPROVED' AND expiry_recorded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX access_request_unrecorded_expiry`);
    await q.query(`ALTER TABLE access_request DROP COLUMN expiry_recorded_at`);
  }
}
