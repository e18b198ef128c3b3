-- Helixgate: the variant table partitioned by dataset (PostgreSQL declarative partitioning, HASH on
-- dataset_id into 16 partitions). Run once, as the schema owner, on a node whose variant table is empty or
-- small (rows are copied); see docs/scaling.md. test/scale/partitioned-variants.e2e.spec.ts runs the beacon
-- on a database converted by this file.
--
-- What changes: the primary key becomes (dataset_id, id) and the allele key is unique per partition
-- (every key includes dataset_id, so that is the same rule); variant_annotation refers to
-- (dataset_id, variant_id). Every statement of the application already names dataset_id, so each query
-- reads one partition per dataset it asks about (partition pruning), and deleting a dataset touches one.
BEGIN;
ALTER TABLE variant_annotation DROP CONSTRAINT variant_annotation_variant_id_fkey;
ALTER TABLE variant RENAME TO variant_unpartitioned;
ALTER INDEX variant_pkey RENAME TO variant_unpartitioned_pkey;
ALTER INDEX variant_allele RENAME TO variant_unpartitioned_allele;
ALTER INDEX variant_locus RENAME TO variant_unpartitioned_locus;
CREATE TABLE variant (
  id bigint NOT NULL DEFAULT nextval('variant_id_seq'),
  dataset_id text NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
  chrom text NOT NULL,
  pos integer NOT NULL CHECK (pos >= 0),
  end_pos integer NOT NULL,
  ref text NOT NULL,
  alt text NOT NULL,
  variant_type text NOT NULL,
  ac integer NOT NULL,
  an integer NOT NULL,
  het integer NOT NULL,
  hom_alt integer NOT NULL,
  hemi integer NOT NULL,
  genotypes bytea NOT NULL,
  key_version integer NOT NULL,
  CHECK (end_pos >= pos),
  PRIMARY KEY (dataset_id, id)
) PARTITION BY HASH (dataset_id);
DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE variant_p%s PARTITION OF variant FOR VALUES WITH (MODULUS 16, REMAINDER %s)', i, i);
    -- The allele key, per partition (a unique index on the parent cannot hold the md5 expression).
    EXECUTE format('CREATE UNIQUE INDEX variant_p%s_allele ON variant_p%s (dataset_id, chrom, pos, md5(ref || ''>'' || alt))', i, i);
  END LOOP;
END $$;
CREATE INDEX variant_locus ON variant (dataset_id, chrom, pos);
INSERT INTO variant SELECT * FROM variant_unpartitioned;
ALTER SEQUENCE variant_id_seq OWNED BY variant.id;
DROP TABLE variant_unpartitioned;
ALTER TABLE variant_annotation
  ADD CONSTRAINT variant_annotation_variant_fkey FOREIGN KEY (dataset_id, variant_id)
  REFERENCES variant (dataset_id, id) ON DELETE CASCADE;
COMMIT;
