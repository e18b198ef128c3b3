import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console sign-ins that left for the identity provider and have not come back, in the database instead of
 * one process's memory: with several gateway processes (HELIXGATE_WORKERS, several hosts) the provider's
 * redirect may reach another process than the one that started the sign-in. A row lives ten minutes and is
 * spent (deleted) by the first callback that names it.
 */
export class OidcPendingFlow1764840000001 implements MigrationInterface {
  name = 'OidcPendingFlow1764840000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oidc_pending_flow (
        id text PRIMARY KEY,
        issuer text NOT NULL,
        code_verifier text NOT NULL,
        state text NOT NULL,
        nonce text NOT NULL,
        redirect_uri text NOT NULL,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX oidc_pending_flow_expiry ON oidc_pending_flow (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE oidc_pending_flow');
  }
}
