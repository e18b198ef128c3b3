import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A peer registered over plain HTTP must say so (`helixgate peers add --insecure`, `insecure: true` in
 * policies/peers.yaml): the flag is stored on the peer, and every answer from it carries a warning. Existing
 * plain-HTTP peers are NOT marked: they are not asked until re-registered with the flag.
 */
export class PeerInsecureTransport1764740000000 implements MigrationInterface {
  name = 'PeerInsecureTransport1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE peer ADD COLUMN insecure boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE peer DROP COLUMN insecure`);
  }
}
