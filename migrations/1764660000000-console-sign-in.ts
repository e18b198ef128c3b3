import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console sign-in: local passwords (scrypt), one-time invitations, display names, users linked to an
 * institutional OpenID Connect identity, and console sessions (refresh tokens, stored hashed).
 */
export class ConsoleSignIn1764660000000 implements MigrationInterface {
  name = 'ConsoleSignIn1764660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN display_name text,
        ADD COLUMN password_hash text,
        ADD COLUMN password_set_at timestamptz,
        ADD COLUMN invitation_hash text UNIQUE,
        ADD COLUMN invitation_expires_at timestamptz,
        ADD COLUMN external_issuer text,
        ADD COLUMN external_subject text,
        ADD CONSTRAINT app_user_external_identity UNIQUE (external_issuer, external_subject),
        ADD CONSTRAINT app_user_external_both CHECK ((external_issuer IS NULL) = (external_subject IS NULL))`);
    await q.query(`
      CREATE TABLE console_session (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        refresh_hash text NOT NULL UNIQUE,
        method text NOT NULL CHECK (method IN ('password', 'oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX console_session_user ON console_session (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE console_session`);
    await q.query(`
      ALTER TABLE app_user
        DROP CONSTRAINT app_user_external_both,
        DROP CONSTRAINT app_user_external_identity,
        DROP COLUMN external_subject,
        DROP COLUMN external_issuer,
        DROP COLUMN invitation_expires_at,
        DROP COLUMN invitation_hash,
        DROP COLUMN password_set_at,
        DROP COLUMN password_hash,
        DROP COLUMN display_name`);
  }
}
