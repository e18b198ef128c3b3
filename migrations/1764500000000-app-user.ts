import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Local users of a node without an external identity provider (`helixgate users`, `helixgate tokens`). */
export class AppUser1764500000000 implements MigrationInterface {
  name = 'AppUser1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
        roles text[] NOT NULL DEFAULT '{}'
          CHECK (roles <@ ARRAY['researcher', 'steward', 'compliance', 'admin']::text[]),
        institution text,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_user`);
  }
}
