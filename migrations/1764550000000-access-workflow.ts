import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dataset stewards, access requests with their event history, and per-dataset blocks of researchers. */
export class AccessWorkflow1764550000000 implements MigrationInterface {
  name = 'AccessWorkflow1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dataset_steward (
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        subject text NOT NULL,
        assigned_by text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset_id, issuer, subject)
      )`);
    await q.query(`CREATE INDEX dataset_steward_subject ON dataset_steward (issuer, subject)`);
    await q.query(`
      CREATE TABLE access_request (
        id uuid PRIMARY KEY,
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        researcher_issuer text NOT NULL,
        researcher_subject text NOT NULL,
        institution text,
        project_title text NOT NULL,
        justification text NOT NULL,
        ethics_ref text,
        purpose jsonb NOT NULL,
        duo_match jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('SUBMITTED', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'REVOKED')),
        decided_by text,
        decision_note text,
        expires_at timestamptz,
        visa_jti text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (state <> 'APPROVED' OR expires_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX access_request_dataset ON access_request (dataset_id, state)`);
    await q.query(
      `CREATE INDEX access_request_researcher ON access_request (researcher_issuer, researcher_subject)`,
    );
    await q.query(`
      CREATE TABLE access_request_event (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES access_request(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX access_request_event_request ON access_request_event (request_id, id)`);
    await q.query(`
      CREATE TABLE access_block (
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        researcher_issuer text NOT NULL,
        researcher_subject text NOT NULL,
        reason text NOT NULL,
        blocked_by text NOT NULL,
        blocked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset_id, researcher_issuer, researcher_subject)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_block`);
    await q.query(`DROP TABLE access_request_event`);
    await q.query(`DROP TABLE access_request`);
    await q.query(`DROP TABLE dataset_steward`);
  }
}
