import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: hash-chained events (seq assigned by the chain writer under a lock) and signed
 * checkpoints. Both tables are append-only: triggers refuse UPDATE, DELETE and TRUNCATE (PostgreSQL and
 * PGlite alike); only a superuser who disables the triggers can change rows, and verification detects that.
 */
export class AuditTrail1764520000000 implements MigrationInterface {
  name = 'AuditTrail1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        institution text,
        action text NOT NULL,
        resource text,
        dataset_ids text[] NOT NULL DEFAULT '{}',
        granularity text,
        outcome text NOT NULL CHECK (outcome IN ('allow', 'deny', 'error')),
        reason text,
        request_id text,
        detail jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX audit_event_at ON audit_event (at, seq)`);
    await q.query(`CREATE INDEX audit_event_actor ON audit_event (actor, seq)`);
    await q.query(`CREATE INDEX audit_event_action ON audit_event (action, seq)`);
    await q.query(`CREATE INDEX audit_event_datasets ON audit_event USING gin (dataset_ids)`);
    await q.query(`
      CREATE TABLE audit_checkpoint (
        up_to_seq bigint PRIMARY KEY CHECK (up_to_seq > 0),
        head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
        event_count bigint NOT NULL,
        created_at timestamptz NOT NULL,
        kid text NOT NULL,
        jws text NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['audit_event', 'audit_checkpoint']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_checkpoint`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_refuse_change()`);
  }
}
