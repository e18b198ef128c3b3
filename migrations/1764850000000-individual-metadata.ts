import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Individual metadata (issue #14): per individual, the sealed record (id, sex, ancestry, diseases,
 * phenotypic features as ontology terms), and per dataset and term the individuals who carry it as a
 * sealed bitmap, so that counting by filters decrypts in process and the database never holds who has
 * which term in the clear. Only which terms occur in a dataset (for /filtering_terms) is plain.
 */
export class IndividualMetadata1764850000000 implements MigrationInterface {
  name = 'IndividualMetadata1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE individual_metadata (
        dataset_id text NOT NULL,
        idx integer NOT NULL,
        record_enc bytea NOT NULL,
        key_version integer NOT NULL,
        PRIMARY KEY (dataset_id, idx),
        FOREIGN KEY (dataset_id, idx) REFERENCES individual (dataset_id, idx) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE individual_term (
        dataset_id text NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
        term_id text NOT NULL,
        label text NOT NULL,
        field text NOT NULL,
        members_enc bytea NOT NULL,
        key_version integer NOT NULL,
        PRIMARY KEY (dataset_id, term_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE individual_term`);
    await q.query(`DROP TABLE individual_metadata`);
  }
}
