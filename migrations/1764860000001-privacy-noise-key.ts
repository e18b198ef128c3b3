import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `privacy_noise_key`: a random key per dataset from which the noise on common alleles' counts is drawn
 * (libs/privacy count-noise.ts: the same noise for every caller and every repeat). Never released; gone with
 * the dataset.
 */
export class PrivacyNoiseKey1764860000001 implements MigrationInterface {
  name = 'PrivacyNoiseKey1764860000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_noise_key (
        dataset_id text PRIMARY KEY REFERENCES dataset(id) ON DELETE CASCADE,
        key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE privacy_noise_key`);
  }
}
