import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A plain Beacon v2 peer's conventions: how it names chromosomes (`reference_names`: ucsc `chr22`, ensembl
 * `22`, refseq `NC_000022.11`; null: as asked) and what its `numTotalResults` counts (`counts`: variants,
 * individuals or unknown; null: unknown). Its counts are summed with this node's only when they are variants.
 */
export class PeerBeaconV2Mapping1764760000000 implements MigrationInterface {
  name = 'PeerBeaconV2Mapping1764760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE peer ADD COLUMN reference_names text, ADD COLUMN counts text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE peer DROP COLUMN reference_names, DROP COLUMN counts`);
  }
}
