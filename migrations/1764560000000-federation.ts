import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Federation: the peer registry and the replay cache of peer request ids (jti) with their expiry. */
export class Federation1764560000000 implements MigrationInterface {
  name = 'Federation1764560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE peer (
        id text PRIMARY KEY,
        base_url text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('helixgate', 'beacon-v2')),
        status text NOT NULL CHECK (status IN ('active', 'disabled')),
        issuer text,
        key_thumbprints text[] NOT NULL DEFAULT '{}',
        certificate_sha256 text,
        jwks jsonb,
        timeout_ms integer CHECK (timeout_ms IS NULL OR timeout_ms > 0),
        source text NOT NULL CHECK (source IN ('file', 'api')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'beacon-v2' OR issuer IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX peer_issuer ON peer (issuer) WHERE issuer IS NOT NULL`);
    await q.query(`
      CREATE TABLE peer_request_seen (
        peer_id text NOT NULL,
        jti text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (peer_id, jti)
      )`);
    await q.query(`CREATE INDEX peer_request_seen_expiry ON peer_request_seen (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE peer_request_seen');
    await q.query('DROP TABLE peer');
  }
}
