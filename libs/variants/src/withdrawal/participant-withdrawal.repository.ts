import type { EntityManager } from 'typeorm';

/** A withdrawal under way (table `participant_withdrawal`, one per dataset at most). */
export interface WithdrawalJob {
  datasetId: string;
  individualIdx: number;
  newKeyVersion: number;
  oldKeyVersions: number[];
  /** Every variant row with an id up to this one is done (re-sealed or deleted). */
  lastVariantId: bigint;
  /** The dataset's highest variant id when the withdrawal started: rows past it are not the withdrawal's. */
  endVariantId: bigint;
  /** The dataset's variant rows when it started (the progress bar's total). */
  variantTotal: number;
  variantsRewritten: number;
  variantsDeleted: number;
  maxVariantLength: number;
}

interface JobRow {
  dataset_id: string;
  individual_idx: number;
  new_key_version: number;
  old_key_versions: number[];
  last_variant_id: string;
  end_variant_id: string;
  variant_total: string;
  variants_rewritten: string;
  variants_deleted: string;
  max_variant_length: number;
}

export interface SealedVariantRow {
  id: string;
  chrom: string;
  pos: number;
  end_pos: number;
  ref: string;
  alt: string;
  genotypes: Buffer;
}

/** One batch's writes: rows re-sealed with their recounted aggregates, and rows deleted. */
export interface RewrittenBatch {
  id: string[];
  gt: Buffer[];
  ac: number[];
  an: number[];
  het: number[];
  hom: number[];
  hemi: number[];
  deleted: string[];
  maxLength: number;
}

function jobOf(r: JobRow): WithdrawalJob {
  return {
    datasetId: r.dataset_id,
    individualIdx: r.individual_idx,
    newKeyVersion: r.new_key_version,
    oldKeyVersions: r.old_key_versions,
    lastVariantId: BigInt(r.last_variant_id),
    endVariantId: BigInt(r.end_variant_id),
    variantTotal: Number(r.variant_total),
    variantsRewritten: Number(r.variants_rewritten),
    variantsDeleted: Number(r.variants_deleted),
    maxVariantLength: r.max_variant_length,
  };
}

/** The queries of a participant withdrawal (tables `participant_withdrawal`, `variant`, `individual`). */
export const withdrawalRepository = {
  /** The dataset's withdrawal under way, locked for this transaction; undefined when none. */
  async lockJob(tx: EntityManager, datasetId: string): Promise<WithdrawalJob | undefined> {
    const rows: JobRow[] = await tx.query(
      'SELECT * FROM participant_withdrawal WHERE dataset_id = $1 FOR UPDATE',
      [datasetId],
    );
    return rows[0] ? jobOf(rows[0]) : undefined;
  },

  async hasJob(tx: EntityManager, datasetId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM participant_withdrawal WHERE dataset_id = $1', [
      datasetId,
    ]);
    return rows.length > 0;
  },

  /** Records the start: the id range to walk, the key versions, the participant's index. */
  async insertJob(
    tx: EntityManager,
    job: Omit<
      WithdrawalJob,
      | 'lastVariantId'
      | 'endVariantId'
      | 'variantTotal'
      | 'variantsRewritten'
      | 'variantsDeleted'
      | 'maxVariantLength'
    >,
  ): Promise<WithdrawalJob> {
    const rows: JobRow[] = await tx.query(
      `INSERT INTO participant_withdrawal
              (dataset_id, individual_idx, new_key_version, old_key_versions, last_variant_id, end_variant_id, variant_total)
       SELECT $1, $2, $3, $4, coalesce(min(id) - 1, 0), coalesce(max(id), 0), count(*)
         FROM variant WHERE dataset_id = $1
       RETURNING *`,
      [job.datasetId, job.individualIdx, job.newKeyVersion, job.oldKeyVersions],
    );
    return jobOf(rows[0]);
  },

  /** Moves the cursor past a committed batch and adds its counts. */
  async advanceJob(tx: EntityManager, datasetId: string, to: bigint, batch: RewrittenBatch): Promise<void> {
    await tx.query(
      `UPDATE participant_withdrawal
          SET last_variant_id = $2, variants_rewritten = variants_rewritten + $3,
              variants_deleted = variants_deleted + $4, max_variant_length = greatest(max_variant_length, $5),
              updated_at = now()
        WHERE dataset_id = $1`,
      [datasetId, to.toString(), batch.id.length, batch.deleted.length, batch.maxLength],
    );
  },

  async deleteJob(tx: EntityManager, datasetId: string): Promise<void> {
    await tx.query('DELETE FROM participant_withdrawal WHERE dataset_id = $1', [datasetId]);
  },

  /**
   * Whether `variant` is partitioned by dataset (docs/sql/partition-variant-by-dataset.sql, docs/scaling.md):
   * the batch read then names the dataset, so that it reads one partition.
   */
  async isPartitioned(tx: EntityManager): Promise<boolean> {
    const rows: { partitioned: boolean }[] = await tx.query(
      `SELECT relkind = 'p' AS partitioned FROM pg_class WHERE oid = to_regclass('variant')`,
    );
    return rows[0]?.partitioned === true;
  },

  /**
   * The dataset's variant rows with ids in (from, to]. On the plain table the range is read first
   * (MATERIALIZED: on its own, by the primary key `id`) and the dataset filtered after: left to itself the
   * planner ANDs in a scan of the dataset's whole `variant_locus` range, which makes each batch cost the size
   * of the dataset. On the table partitioned by dataset the key is `(dataset_id, id)` and the dataset must be
   * named for the read to be pruned to its partition (without it, every batch scans every partition).
   */
  findSealedVariants(
    tx: EntityManager,
    datasetId: string,
    from: bigint,
    to: bigint,
    partitioned: boolean,
  ): Promise<SealedVariantRow[]> {
    return tx.query(
      partitioned
        ? `SELECT id, chrom, pos, end_pos, ref, alt, genotypes FROM variant
            WHERE dataset_id = $1 AND id > $2 AND id <= $3`
        : `WITH range AS MATERIALIZED (
             SELECT id, dataset_id, chrom, pos, end_pos, ref, alt, genotypes FROM variant WHERE id > $2 AND id <= $3)
           SELECT id, chrom, pos, end_pos, ref, alt, genotypes FROM range WHERE dataset_id = $1`,
      [datasetId, from.toString(), to.toString()],
    );
  },

  /**
   * Writes one batch: re-sealed genotypes and recounted aggregates under the new key version; deletions.
   * The rows are found by id (the plain table's key); on the partitioned table the dataset is named too, so
   * that each statement touches the dataset's partition only (the plain table's statements are unchanged:
   * its plans were measured, docs/operations.md "Participant withdrawal").
   */
  async writeBatch(
    tx: EntityManager,
    table: { datasetId: string; partitioned: boolean },
    from: bigint,
    to: bigint,
    keyVersion: number,
    b: RewrittenBatch,
  ): Promise<void> {
    const values = [b.id, b.gt, b.ac, b.an, b.het, b.hom, b.hemi, keyVersion, from.toString(), to.toString()];
    if (b.id.length)
      await tx.query(
        `UPDATE variant v SET genotypes = u.gt, ac = u.ac, an = u.an, het = u.het, hom_alt = u.hom, hemi = u.hemi,
                key_version = $8
           FROM unnest($1::bigint[], $2::bytea[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])
                AS u(id, gt, ac, an, het, hom, hemi)
          WHERE v.id = u.id AND v.id > $9 AND v.id <= $10${table.partitioned ? ' AND v.dataset_id = $11' : ''}`,
        table.partitioned ? [...values, table.datasetId] : values,
      );
    if (b.deleted.length)
      await tx.query(
        `DELETE FROM variant WHERE id = ANY($1::bigint[])${table.partitioned ? ' AND dataset_id = $2' : ''}`,
        table.partitioned ? [b.deleted, table.datasetId] : [b.deleted],
      );
  },

  /** Every individual of the dataset, with its sealed sample id. */
  findIndividuals(
    tx: EntityManager,
    datasetId: string,
  ): Promise<{ idx: number; sample_id_enc: Buffer; withdrawn: boolean }[]> {
    return tx.query(
      'SELECT idx, sample_id_enc, withdrawn_at IS NOT NULL AS withdrawn FROM individual WHERE dataset_id = $1 ORDER BY idx',
      [datasetId],
    );
  },

  async resealSampleId(
    tx: EntityManager,
    datasetId: string,
    idx: number,
    sealed: Buffer,
    keyVersion: number,
  ): Promise<void> {
    await tx.query(
      'UPDATE individual SET sample_id_enc = $3, key_version = $4 WHERE dataset_id = $1 AND idx = $2',
      [datasetId, idx, sealed, keyVersion],
    );
  },

  /** From now on no record or carrier list names the participant (readers skip withdrawn individuals). */
  async markWithdrawn(tx: EntityManager, datasetId: string, idx: number): Promise<void> {
    await tx.query('UPDATE individual SET withdrawn_at = now() WHERE dataset_id = $1 AND idx = $2', [
      datasetId,
      idx,
    ]);
  },

  async eraseSampleId(tx: EntityManager, datasetId: string, idx: number, keyVersion: number): Promise<void> {
    await tx.query(
      `UPDATE individual SET sample_id_enc = '\\x'::bytea, key_version = $3 WHERE dataset_id = $1 AND idx = $2`,
      [datasetId, idx, keyVersion],
    );
  },

  async finishDatasetCounters(tx: EntityManager, job: WithdrawalJob): Promise<void> {
    await tx.query(
      `UPDATE dataset SET individual_count = individual_count - 1, variant_count = variant_count - $2,
              max_variant_length = $3, updated_at = now() WHERE id = $1`,
      [job.datasetId, job.variantsDeleted, job.maxVariantLength],
    );
  },

  /** Locks the dataset row; false when there is no such dataset. */
  async lockDataset(tx: EntityManager, datasetId: string): Promise<boolean> {
    const locked: unknown[] = await tx.query('SELECT 1 FROM dataset WHERE id = $1 FOR UPDATE', [datasetId]);
    return locked.length > 0;
  },

  async keyVersions(tx: EntityManager, datasetId: string): Promise<number[]> {
    const rows: { version: number }[] = await tx.query(
      'SELECT version FROM dataset_key WHERE dataset_id = $1',
      [datasetId],
    );
    return rows.map((r) => r.version).sort((a, b) => a - b);
  },
};
