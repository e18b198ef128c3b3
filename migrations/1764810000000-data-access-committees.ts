import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data access committees (issue #15, "Review and decision"): members and chairs per dataset, who handles each
 * request, review assignments (reviewer or chair, reassignable), votes (every change kept: a changed vote
 * supersedes the previous row, at most one current vote per reviewer), a local ResearcherStatus attestation,
 * and the visibility of each timeline entry (INTERNAL entries — votes, internal remarks, review assignments —
 * are shown to the committee only).
 */
export class DataAccessCommittees1764810000000 implements MigrationInterface {
  name = 'DataAccessCommittees1764810000000';

  async up(q: QueryRunner): Promise<void> {
    // Two new roles a local user may hold.
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_roles_check`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT app_user_roles_check
         CHECK (roles <@ ARRAY['researcher', 'steward', 'compliance', 'admin', 'dac_member', 'dac_chair']::text[])`,
    );
    await q.query(`
      CREATE TABLE dac_member (
        dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        subject text NOT NULL,
        is_chair boolean NOT NULL DEFAULT false,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset_id, issuer, subject)
      )`);
    await q.query(`CREATE INDEX dac_member_subject ON dac_member (issuer, subject)`);
    await q.query(`ALTER TABLE access_request ADD COLUMN handler text`);
    await q.query(`ALTER TABLE access_request ADD COLUMN researcher_status jsonb`);
    await q.query(`ALTER TABLE access_request ADD COLUMN researcher_attested_by text`);
    await q.query(`ALTER TABLE access_request ADD COLUMN researcher_attested_at timestamptz`);
    await q.query(`ALTER TABLE access_request ADD COLUMN researcher_attestation_note text`);
    await q.query(
      `ALTER TABLE access_request_event ADD COLUMN visibility text NOT NULL DEFAULT 'APPLICANT'
         CHECK (visibility IN ('APPLICANT', 'INTERNAL'))`,
    );
    // The person an entry is about (the reviewer asked, the new handler), as issuer#subject.
    await q.query(`ALTER TABLE access_request_event ADD COLUMN about text`);
    await q.query(`
      CREATE TABLE access_review (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES access_request(id) ON DELETE CASCADE,
        reviewer text NOT NULL,
        role text NOT NULL CHECK (role IN ('REVIEWER', 'CHAIR')),
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        removed_by text,
        removed_at timestamptz,
        replaced_by text
      )`);
    await q.query(
      `CREATE UNIQUE INDEX access_review_active ON access_review (request_id, reviewer) WHERE removed_at IS NULL`,
    );
    await q.query(`CREATE INDEX access_review_reviewer ON access_review (reviewer) WHERE removed_at IS NULL`);
    await q.query(`
      CREATE TABLE access_vote (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES access_request(id) ON DELETE CASCADE,
        reviewer text NOT NULL,
        vote text NOT NULL CHECK (vote IN ('APPROVE', 'REJECT', 'ABSTAIN')),
        rationale text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz
      )`);
    // One current vote per reviewer and request, enforced by the database as well as by the service.
    await q.query(
      `CREATE UNIQUE INDEX access_vote_current ON access_vote (request_id, reviewer) WHERE superseded_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE access_remark (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES access_request(id) ON DELETE CASCADE,
        author text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('APPLICANT', 'INTERNAL')),
        body text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX access_remark_request ON access_remark (request_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_remark`);
    await q.query(`DROP TABLE access_vote`);
    await q.query(`DROP TABLE access_review`);
    await q.query(`ALTER TABLE access_request_event DROP COLUMN about`);
    await q.query(`ALTER TABLE access_request_event DROP COLUMN visibility`);
    for (const c of [
      'researcher_attestation_note',
      'researcher_attested_at',
      'researcher_attested_by',
      'researcher_status',
      'handler',
    ]) {
      await q.query(`ALTER TABLE access_request DROP COLUMN ${c}`);
    }
    await q.query(`DROP TABLE dac_member`);
    await q.query(`UPDATE app_user SET roles = array_remove(array_remove(roles, 'dac_member'), 'dac_chair')`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_roles_check`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT app_user_roles_check
         CHECK (roles <@ ARRAY['researcher', 'steward', 'compliance', 'admin']::text[])`,
    );
  }
}
