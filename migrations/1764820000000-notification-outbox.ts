import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox (libs/notifications): an event row written in the same transaction as the domain
 * change it reports, one delivery row per recipient and channel (e-mail address, webhook URL) written with
 * it, and each user's notification preferences. The delivery worker claims deliveries with FOR UPDATE SKIP
 * LOCKED and a lease (`claimed_until`), so several gateway processes never send the same one at once.
 */
export class NotificationOutbox1764820000000 implements MigrationInterface {
  name = 'NotificationOutbox1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_event (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        request_id uuid,
        dataset_id text,
        payload jsonb NOT NULL,
        dedup_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_event_request ON notification_event (request_id)`);
    await q.query(`
      CREATE TABLE notification_delivery (
        id bigserial PRIMARY KEY,
        event_id bigint NOT NULL REFERENCES notification_event(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        target text NOT NULL,
        recipient text,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        claimed_by text,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, channel, target)
      )`);
    await q.query(
      `CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at)
        WHERE status IN ('PENDING', 'SENDING')`,
    );
    await q.query(`CREATE INDEX notification_delivery_status ON notification_delivery (status, id)`);
    await q.query(`
      CREATE TABLE notification_preference (
        issuer text NOT NULL,
        subject text NOT NULL,
        email text,
        email_enabled boolean NOT NULL DEFAULT true,
        events text[],
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE notification_event`);
  }
}
