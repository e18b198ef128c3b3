import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant's lifecycle after approval: reminders before it ends (one row per grant and reminder day, so each
 * is sent once however many processes sweep), renewal requests linked to the request they renew, and the
 * project close-out (final report or attestation that data copies are deleted), recorded once per grant.
 */
export class GrantLifecycle1764820000001 implements MigrationInterface {
  name = 'GrantLifecycle1764820000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grant_reminder (
        request_id uuid NOT NULL REFERENCES access_request(id) ON DELETE CASCADE,
        days integer NOT NULL CHECK (days > 0),
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, days)
      )`);
    await q.query(`ALTER TABLE access_request ADD COLUMN renewal_of uuid REFERENCES access_request(id)`);
    await q.query(
      `CREATE INDEX access_request_renewal_of ON access_request (renewal_of) WHERE renewal_of IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE access_closeout (
        request_id uuid PRIMARY KEY REFERENCES access_request(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('FINAL_REPORT', 'DELETION_ATTESTATION')),
        statement text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_closeout`);
    await q.query(`DROP INDEX access_request_renewal_of`);
    await q.query(`ALTER TABLE access_request DROP COLUMN renewal_of`);
    await q.query(`DROP TABLE grant_reminder`);
  }
}
