import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { EnvelopeService, MasterKeyRing, type Opener, type Sealer } from '@helixgate/crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { copiesOf, countsFromCodes, GENOTYPE_CODEC_VERSION, NO_CALL } from '../ingest/genotype-codec';
import { IndividualMetadataService } from '../individuals/individual-metadata.service';
import {
  withdrawalRepository as repo,
  type RewrittenBatch,
  type SealedVariantRow,
  type WithdrawalJob,
} from './participant-withdrawal.repository';

export interface WithdrawalResult {
  datasetId: string;
  /** Internal position of the individual (never the sample id). */
  individualIdx: number;
  variantsRewritten: number;
  /** Variant rows only the withdrawn individual carried: deleted, so nothing of them remains. */
  variantsDeleted: number;
  newKeyVersion: number;
  destroyedKeyVersions: number[];
  /**
   * Whether copies of the old data in earlier database backups are unrecoverable too: true when the master
   * key that wrapped the destroyed data keys was retired (key-ring file). With HELIXGATE_MASTER_KEY from the
   * environment that key must be rotated in the secrets manager; the result says so.
   */
  backupsShredded: boolean;
  /** Seconds of this run (a resumed withdrawal counts from its resumption). */
  seconds: number;
  /** True when this run continued a withdrawal that had stopped part-way. */
  resumed: boolean;
}

/** The start (or resumption) of a withdrawal, as the `onStarted` hook sees it. */
export interface WithdrawalStart {
  datasetId: string;
  individualIdx: number;
  newKeyVersion: number;
  resumed: boolean;
  /** Variant rows already done (re-sealed or deleted) by an earlier run. */
  variantsDone: number;
}

export interface WithdrawalProgress {
  /** Variant rows done (re-sealed or deleted), earlier runs included. */
  done: number;
  /** The dataset's variant rows when the withdrawal started. */
  total: number;
}

export interface WithdrawalOptions {
  /** Runs inside the transaction that starts (or resumes) the withdrawal, e.g. to audit it with it. */
  onStarted?: (tx: EntityManager, s: WithdrawalStart) => Promise<void>;
  /** Runs inside the transaction that finishes it (key destruction), just before it commits. */
  onCommitted?: (
    tx: EntityManager,
    r: Omit<WithdrawalResult, 'backupsShredded' | 'seconds' | 'resumed'>,
  ) => Promise<void>;
  /** After each committed batch. */
  onProgress?: (p: WithdrawalProgress) => void;
  /** Stops between batches (the work so far stays committed; a later run continues). */
  signal?: AbortSignal;
  /** Width of a batch in variant ids (default 5,000). */
  batchIds?: number;
}

const BATCH_IDS = 5000;

/**
 * The right to erasure (GDPR Art. 17) for one participant, by crypto-shredding, resumable:
 * 1. one transaction starts it: a NEW data-key version, the other individuals' sample ids and metadata
 *    re-sealed under it, the participant marked withdrawn (from this commit on no record or carrier list names
 *    them) and the work recorded in `participant_withdrawal`;
 * 2. the dataset's variant rows, walked in primary-key ranges, one transaction per batch: every genotype
 *    vector re-sealed under the new version with the participant's calls blanked and the aggregates recounted
 *    (rows only they carried are deleted); each batch moves the recorded cursor in its own transaction, so a
 *    run that stops (crash, kill, abort) is continued by running the withdrawal again, with the same result;
 * 3. one transaction finishes it: their sample id erased, the counters updated, every older data-key version
 *    destroyed, the record of the work deleted.
 * Then the master key is rotated and the old one retired, so the wrapped old data keys in earlier backups can
 * no longer be unwrapped either. Aggregate counts lose the participant batch by batch; from step 3's commit
 * on, nothing of them can be decrypted.
 */
@Injectable()
export class ParticipantWithdrawalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly envelope: EnvelopeService,
    private readonly masterKeys: MasterKeyRing,
  ) {}

  /**
   * The index of the participant a sample id names in a dataset (as audit events name participants), found by
   * opening the dataset's sealed sample ids in memory; null when no current participant has it (a withdrawn
   * participant's id was shredded with their key: look them up by index). UNKNOWN_DATASET for no dataset.
   */
  async indexOfSample(datasetId: string, sampleId: string): Promise<number | null> {
    const exists = await this.dataSource.query<unknown[]>('SELECT 1 FROM dataset WHERE id = $1', [datasetId]);
    if (exists.length === 0)
      throw new DomainError('UNKNOWN_DATASET', `dataset "${datasetId}" not found or no access`);
    const opener = await this.envelope.openerFor(datasetId);
    const individuals = await repo.findIndividuals(this.dataSource.manager, datasetId);
    const wanted = sampleId.trim();
    const hit = individuals.find(
      (i) => !i.withdrawn && opener.open(i.sample_id_enc, sampleIdRef(i.idx)).toString('utf8') === wanted,
    );
    return hit ? hit.idx : null;
  }

  async withdraw(
    datasetId: string,
    sampleId: string,
    options: WithdrawalOptions = {},
  ): Promise<WithdrawalResult> {
    const started = process.hrtime.bigint();
    const { job, resumed } = await this.start(datasetId, sampleId, options.onStarted);
    // Every version still present: the old ones for rows not yet done, the new one for those done.
    const opener = await this.envelope.openerFor(datasetId);
    const sealer = await this.envelope.sealerFor(datasetId);
    if (sealer.keyVersion !== job.newKeyVersion)
      throw new DomainError(
        'CONFLICT',
        `dataset ${datasetId}'s data key was rotated during the withdrawal (v${job.newKeyVersion} → v${sealer.keyVersion})`,
      );
    const progress = await this.rewriteGenotypes(job, { opener, sealer }, options);
    const partial = await this.finish(progress, options.onCommitted);

    // Earlier backups hold the destroyed data keys wrapped by the current master key: retire that key too.
    let backupsShredded = false;
    if (!this.masterKeys.fromEnvironment) {
      await this.envelope.rotateMasterKey({ retireOld: true });
      backupsShredded = true;
    }
    return {
      ...partial,
      backupsShredded,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      resumed,
    };
  }

  /** Step 1, or the recorded work of a run that stopped when the same participant is named again. */
  private async start(
    datasetId: string,
    sampleId: string,
    onStarted: WithdrawalOptions['onStarted'],
  ): Promise<{ job: WithdrawalJob; resumed: boolean }> {
    const oldOpener = await this.envelope.openerFor(datasetId);
    return this.dataSource.transaction(async (tx) => {
      if (!(await repo.lockDataset(tx, datasetId)))
        throw new DomainError('UNKNOWN_DATASET', `dataset "${datasetId}" not found or no access`);
      const individuals = await repo.findIndividuals(tx, datasetId);
      const sampleOf = (i: { idx: number; sample_id_enc: Buffer }) =>
        oldOpener.open(i.sample_id_enc, sampleIdRef(i.idx)).toString('utf8');
      let job = await repo.lockJob(tx, datasetId);
      const resumed = job !== undefined;
      if (job) {
        const target = individuals.find((i) => i.idx === job!.individualIdx);
        if (!target || sampleOf(target) !== sampleId)
          throw new DomainError(
            'CONFLICT',
            `another participant's withdrawal is under way in dataset ${datasetId}: run it to the end first`,
          );
      } else {
        const target = individuals.find((i) => !i.withdrawn && sampleOf(i) === sampleId);
        if (!target)
          throw new DomainError('NOT_FOUND', `no current participant with that id in dataset ${datasetId}`);
        const oldKeyVersions = await repo.keyVersions(tx, datasetId);
        const newKeyVersion = await this.envelope.rotateDataKey(datasetId, tx);
        const sealer = await this.envelope.sealerFor(datasetId, tx);
        for (const i of individuals)
          if (!i.withdrawn && i.idx !== target.idx)
            await repo.resealSampleId(
              tx,
              datasetId,
              i.idx,
              sealer.seal(Buffer.from(sampleOf(i), 'utf8'), sampleIdRef(i.idx)),
              newKeyVersion,
            );
        await repo.markWithdrawn(tx, datasetId, target.idx);
        // Their metadata record goes; the others' records and the term bitmaps are re-sealed without them.
        await IndividualMetadataService.resealForWithdrawal(tx, datasetId, target.idx, oldOpener, sealer);
        job = await repo.insertJob(tx, {
          datasetId,
          individualIdx: target.idx,
          newKeyVersion,
          oldKeyVersions,
        });
      }
      if (onStarted)
        await onStarted(tx, {
          datasetId,
          individualIdx: job.individualIdx,
          newKeyVersion: job.newKeyVersion,
          resumed,
          variantsDone: job.variantsRewritten + job.variantsDeleted,
        });
      return { job, resumed };
    });
  }

  /**
   * Step 2: one transaction per primary-key range of `batchIds` ids, each moving the recorded cursor; the
   * cursor is read under the job row's lock, so two runs at once never do a range twice.
   *
   * Pipelined: while one range's transaction writes (PostgreSQL's work: the UPDATE, its index entries, the
   * commit), the next range is read on another pooled connection and re-sealed in this process, so the two
   * cores work at once. The read happens outside the job lock, which is sound because nothing else writes a
   * range the cursor has not passed (ingest and other withdrawals are refused while a job exists) and the
   * transaction writes a prepared range only when the locked cursor still stands at the range's start; when
   * another run moved it, the prepared range is dropped and the walk continues from that run's cursor.
   *
   * Each range commits asynchronously (`synchronous_commit = off` for that transaction alone). Its rows and
   * its cursor are in the same transaction, so they are durable together or lost together. A crash can lose
   * only a suffix of such commits (WAL is replayed in order up to the last record flushed): the cursor then
   * stands where the surviving rows end, and a resumed run redoes the lost ranges from rows still sealed
   * under the old key versions, which are kept until step 3. Step 3 (which destroys those versions) commits
   * synchronously: its commit record follows every range's in the WAL, so once it is durable every range is.
   */
  private async rewriteGenotypes(
    job: WithdrawalJob,
    keys: { opener: Opener; sealer: Sealer },
    options: WithdrawalOptions,
  ): Promise<WithdrawalJob> {
    const width = BigInt(options.batchIds ?? BATCH_IDS);
    const end = job.endVariantId;
    const partitioned = await repo.isPartitioned(this.dataSource.manager);
    const prepare = (from: bigint): PreparedRange => {
      const to = from + width < end ? from + width : end;
      const batch = repo
        .findSealedVariants(this.dataSource.manager, job.datasetId, from, to, partitioned)
        .then((rows) => rewriteBatch(rows, job.individualIdx, keys));
      batch.catch(() => undefined); // awaited below; not an unhandled rejection while the previous range writes
      return { from, to, batch };
    };
    let current = job;
    options.onProgress?.({
      done: current.variantsRewritten + current.variantsDeleted,
      total: current.variantTotal,
    });
    let ahead: PreparedRange | undefined;
    try {
      while (current.lastVariantId < current.endVariantId) {
        options.signal?.throwIfAborted();
        const range: PreparedRange =
          ahead && ahead.from === current.lastVariantId ? ahead : prepare(current.lastVariantId);
        const batch = await range.batch;
        ahead = range.to < end ? prepare(range.to) : undefined;
        const next = await this.dataSource.transaction(async (tx) => {
          const locked = await repo.lockJob(tx, job.datasetId);
          if (!locked || locked.lastVariantId !== range.from) return locked; // finished or moved by another run
          await tx.query('SET LOCAL synchronous_commit = off');
          await repo.writeBatch(
            tx,
            { datasetId: job.datasetId, partitioned },
            range.from,
            range.to,
            locked.newKeyVersion,
            batch,
          );
          await repo.advanceJob(tx, job.datasetId, range.to, batch);
          return {
            ...locked,
            lastVariantId: range.to,
            variantsRewritten: locked.variantsRewritten + batch.id.length,
            variantsDeleted: locked.variantsDeleted + batch.deleted.length,
            maxVariantLength: Math.max(locked.maxVariantLength, batch.maxLength),
          };
        });
        if (!next) break; // another run finished it
        current = next;
        options.onProgress?.({
          done: current.variantsRewritten + current.variantsDeleted,
          total: current.variantTotal,
        });
      }
    } finally {
      // A range read ahead and not written (abort, failure): let its read end before the caller goes on.
      await ahead?.batch.catch(() => undefined);
    }
    return current;
  }

  /** Step 3: erase the sample id, update the counters, destroy the old data keys, forget the job. */
  private async finish(
    job: WithdrawalJob,
    onCommitted: WithdrawalOptions['onCommitted'],
  ): Promise<Omit<WithdrawalResult, 'backupsShredded' | 'seconds' | 'resumed'>> {
    return this.dataSource.transaction(async (tx) => {
      await repo.lockDataset(tx, job.datasetId);
      const current = await repo.lockJob(tx, job.datasetId);
      if (!current || current.lastVariantId < current.endVariantId)
        throw new DomainError(
          'CONFLICT',
          `the withdrawal in dataset ${job.datasetId} was finished by another run`,
        );
      await repo.eraseSampleId(tx, job.datasetId, current.individualIdx, current.newKeyVersion);
      await repo.finishDatasetCounters(tx, current);
      for (const v of current.oldKeyVersions) await this.envelope.destroyDataKey(job.datasetId, v, tx);
      await repo.deleteJob(tx, job.datasetId);
      const result = {
        datasetId: job.datasetId,
        individualIdx: current.individualIdx,
        variantsRewritten: current.variantsRewritten,
        variantsDeleted: current.variantsDeleted,
        newKeyVersion: current.newKeyVersion,
        destroyedKeyVersions: current.oldKeyVersions,
      };
      if (onCommitted) await onCommitted(tx, result);
      return result;
    });
  }
}

/** A range read and re-sealed ahead of its transaction: ids in (from, to]. */
interface PreparedRange {
  from: bigint;
  to: bigint;
  batch: Promise<RewrittenBatch>;
}

function sampleIdRef(idx: number) {
  return { table: 'individual', row: String(idx), column: 'sample_id' };
}

/** Rows re-sealed between two turns of the event loop (see rewriteBatch). */
const ROWS_PER_TURN = 250;

/**
 * One batch in memory: each genotype vector opened, the participant's call blanked, the aggregates recounted
 * and the vector re-sealed under the new version; a row only they carried is marked for deletion. It yields
 * the event loop every ROWS_PER_TURN rows: it runs while the previous range's transaction is under way, whose
 * next statement would otherwise wait for the whole batch (~0.1-0.3 s) before PostgreSQL could start on it.
 */
async function rewriteBatch(
  rows: readonly SealedVariantRow[],
  target: number,
  keys: { opener: Opener; sealer: Sealer },
): Promise<RewrittenBatch> {
  const b: RewrittenBatch = {
    id: [],
    gt: [],
    ac: [],
    an: [],
    het: [],
    hom: [],
    hemi: [],
    deleted: [],
    maxLength: 0,
  };
  for (const [i, r] of rows.entries()) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await nextTurn();
    const ref = { table: 'variant', row: `${r.chrom}:${r.pos}:${r.ref}:${r.alt}`, column: 'genotypes' };
    const codes = Buffer.from(keys.opener.open(r.genotypes, ref));
    if (codes[0] !== GENOTYPE_CODEC_VERSION)
      throw new DomainError('INTERNAL', 'unsupported genotype codec version');
    const hadCopies = copiesOf(codes[1 + target]) > 0;
    codes[1 + target] = NO_CALL; // the participant contributes nothing
    const c = countsFromCodes(codes);
    if (hadCopies && c.ac === 0) {
      b.deleted.push(r.id);
      continue;
    }
    b.maxLength = Math.max(b.maxLength, r.end_pos - r.pos);
    b.id.push(r.id);
    b.gt.push(keys.sealer.seal(codes, ref));
    b.ac.push(c.ac);
    b.an.push(c.an);
    b.het.push(c.het);
    b.hom.push(c.homAlt);
    b.hemi.push(c.hemi);
  }
  return b;
}
