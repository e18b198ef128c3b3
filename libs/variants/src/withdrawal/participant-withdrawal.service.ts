import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { EnvelopeService, MasterKeyRing, type Opener, type Sealer } from '@helixgate/crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { copiesOf, countsFromCodes, GENOTYPE_CODEC_VERSION, NO_CALL } from '../ingest/genotype-codec';
import { IndividualMetadataService } from '../individuals/individual-metadata.service';

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
  seconds: number;
}

const BATCH = 2000;

/**
 * The right to erasure (GDPR Art. 17) for one participant, by crypto-shredding:
 * in one transaction, every genotype vector of the dataset is re-sealed under a NEW data-key version with
 * the participant's calls blanked (aggregates recomputed; rows only they carried are deleted), the other
 * individuals' sample ids are re-sealed, theirs is erased, and every older data-key version is destroyed.
 * Then the master key is rotated and the old one retired, so the wrapped old data keys in earlier backups
 * can no longer be unwrapped either. From the commit on, no answer counts the participant.
 */
@Injectable()
export class ParticipantWithdrawalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly envelope: EnvelopeService,
    private readonly masterKeys: MasterKeyRing,
  ) {}

  /**
   * `onCommitted` runs inside the transaction just before it commits (e.g. to write the audit event with
   * the same transaction, so the withdrawal and its record commit together).
   */
  async withdraw(
    datasetId: string,
    sampleId: string,
    onCommitted?: (
      tx: EntityManager,
      r: Omit<WithdrawalResult, 'backupsShredded' | 'seconds'>,
    ) => Promise<void>,
  ): Promise<WithdrawalResult> {
    const started = process.hrtime.bigint();
    const oldOpener = await this.envelope.openerFor(datasetId);
    const partial = await this.dataSource.transaction(async (tx) => {
      const locked: unknown[] = await tx.query('SELECT 1 FROM dataset WHERE id = $1 FOR UPDATE', [datasetId]);
      if (locked.length === 0)
        throw new DomainError('UNKNOWN_DATASET', `dataset "${datasetId}" not found or no access`);
      const { ids, target } = await currentParticipants(tx, datasetId, sampleId, oldOpener);

      const oldVersions: { version: number }[] = await tx.query(
        'SELECT version FROM dataset_key WHERE dataset_id = $1',
        [datasetId],
      );
      const newVersion = await this.envelope.rotateDataKey(datasetId, tx);
      const sealer = await this.envelope.sealerFor(datasetId, tx);
      const keys = { opener: oldOpener, sealer, newVersion };

      await resealSampleIds(tx, datasetId, ids, target, keys);
      // Their metadata record goes; the others' records and the term bitmaps are re-sealed without them.
      await IndividualMetadataService.resealForWithdrawal(tx, datasetId, target, oldOpener, sealer);
      const { rewritten, deleted, maxLength } = await rewriteGenotypes(tx, datasetId, target, keys);
      await tx.query(
        `UPDATE dataset SET individual_count = individual_count - 1, variant_count = variant_count - $2,
                max_variant_length = $3, updated_at = now() WHERE id = $1`,
        [datasetId, deleted, maxLength],
      );
      const destroyed = oldVersions.map((v) => v.version).sort((a, b) => a - b);
      for (const v of destroyed) await this.envelope.destroyDataKey(datasetId, v, tx);
      const result = {
        datasetId,
        individualIdx: target,
        variantsRewritten: rewritten,
        variantsDeleted: deleted,
        newKeyVersion: newVersion,
        destroyedKeyVersions: destroyed,
      };
      if (onCommitted) await onCommitted(tx, result);
      return result;
    });

    // Earlier backups hold the destroyed data keys wrapped by the current master key: retire that key too.
    let backupsShredded = false;
    if (!this.masterKeys.fromEnvironment) {
      await this.envelope.rotateMasterKey({ retireOld: true });
      backupsShredded = true;
    }
    return { ...partial, backupsShredded, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }
}

/** The old data keys' opener, the new version's sealer and that version. */
interface Rekeying {
  opener: Opener;
  sealer: Sealer;
  newVersion: number;
}

/**
 * The dataset's current (not withdrawn) participants' sample ids by index, and the index of `sampleId`;
 * the same refusal whether the individual never existed or was already withdrawn.
 */
async function currentParticipants(
  tx: EntityManager,
  datasetId: string,
  sampleId: string,
  opener: Opener,
): Promise<{ ids: Map<number, string>; target: number }> {
  const individuals: { idx: number; sample_id_enc: Buffer; withdrawn: boolean }[] = await tx.query(
    'SELECT idx, sample_id_enc, withdrawn_at IS NOT NULL AS withdrawn FROM individual WHERE dataset_id = $1 ORDER BY idx',
    [datasetId],
  );
  const ids = new Map<number, string>();
  let target: number | undefined;
  for (const ind of individuals) {
    if (ind.withdrawn) continue;
    const id = opener
      .open(ind.sample_id_enc, { table: 'individual', row: String(ind.idx), column: 'sample_id' })
      .toString('utf8');
    ids.set(ind.idx, id);
    if (id === sampleId) target = ind.idx;
  }
  if (target === undefined)
    throw new DomainError('NOT_FOUND', `no current participant with that id in dataset ${datasetId}`);
  return { ids, target };
}

/** Re-seals every other participant's sample id under the new key version; erases the participant's. */
async function resealSampleIds(
  tx: EntityManager,
  datasetId: string,
  ids: ReadonlyMap<number, string>,
  target: number,
  keys: Rekeying,
): Promise<void> {
  for (const [idx, id] of ids) {
    if (idx === target) continue;
    const sealed = keys.sealer.seal(Buffer.from(id, 'utf8'), {
      table: 'individual',
      row: String(idx),
      column: 'sample_id',
    });
    await tx.query(
      'UPDATE individual SET sample_id_enc = $3, key_version = $4 WHERE dataset_id = $1 AND idx = $2',
      [datasetId, idx, sealed, keys.newVersion],
    );
  }
  await tx.query(
    `UPDATE individual SET sample_id_enc = '\\x'::bytea, key_version = $3, withdrawn_at = now() WHERE dataset_id = $1 AND idx = $2`,
    [datasetId, target, keys.newVersion],
  );
}

/**
 * Rewrites every genotype vector of the dataset, in keyset-paginated batches, with the participant's call
 * blanked and the aggregates recounted under the new key version; a row only they carried is deleted.
 */
async function rewriteGenotypes(
  tx: EntityManager,
  datasetId: string,
  target: number,
  keys: Rekeying,
): Promise<{ rewritten: number; deleted: number; maxLength: number }> {
  let lastId = '0';
  let rewritten = 0;
  let deleted = 0;
  let maxLength = 0;
  for (;;) {
    const rows: {
      id: string;
      chrom: string;
      pos: number;
      end_pos: number;
      ref: string;
      alt: string;
      genotypes: Buffer;
    }[] = await tx.query(
      `SELECT id, chrom, pos, end_pos, ref, alt, genotypes FROM variant
        WHERE dataset_id = $1 AND id > $2 ORDER BY id LIMIT ${BATCH}`,
      [datasetId, lastId],
    );
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1].id;
    const upd = {
      id: [] as string[],
      gt: [] as Buffer[],
      ac: [] as number[],
      an: [] as number[],
      het: [] as number[],
      hom: [] as number[],
      hemi: [] as number[],
    };
    const del: string[] = [];
    for (const r of rows) {
      const ref = { table: 'variant', row: `${r.chrom}:${r.pos}:${r.ref}:${r.alt}`, column: 'genotypes' };
      const codes = Buffer.from(keys.opener.open(r.genotypes, ref));
      if (codes[0] !== GENOTYPE_CODEC_VERSION)
        throw new DomainError('INTERNAL', 'unsupported genotype codec version');
      const hadCopies = copiesOf(codes[1 + target]) > 0;
      codes[1 + target] = NO_CALL; // the participant contributes nothing
      const c = countsFromCodes(codes);
      if (hadCopies && c.ac === 0) {
        del.push(r.id);
        continue;
      }
      maxLength = Math.max(maxLength, r.end_pos - r.pos);
      upd.id.push(r.id);
      upd.gt.push(keys.sealer.seal(codes, ref));
      upd.ac.push(c.ac);
      upd.an.push(c.an);
      upd.het.push(c.het);
      upd.hom.push(c.homAlt);
      upd.hemi.push(c.hemi);
    }
    if (upd.id.length) {
      await tx.query(
        `UPDATE variant v SET genotypes = u.gt, ac = u.ac, an = u.an, het = u.het, hom_alt = u.hom, hemi = u.hemi, key_version = $8
           FROM unnest($1::bigint[], $2::bytea[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[]) AS u(id, gt, ac, an, het, hom, hemi)
          WHERE v.id = u.id`,
        [upd.id, upd.gt, upd.ac, upd.an, upd.het, upd.hom, upd.hemi, keys.newVersion],
      );
    }
    if (del.length) await tx.query('DELETE FROM variant WHERE id = ANY($1::bigint[])', [del]);
    rewritten += upd.id.length;
    deleted += del.length;
  }
  return { rewritten, deleted, maxLength };
}
