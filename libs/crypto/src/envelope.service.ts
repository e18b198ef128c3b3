import { randomBytes, createHash, createSecretKey } from 'node:crypto';
import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { InvalidationBus, PooledStatements } from '@helixgate/db';
import { DataSource, type EntityManager } from 'typeorm';
import { openWithKey, sealWithKey, sealedKeyVersion } from './aead';
import { DatasetKeyEntity } from './dataset-key.entity';
import { MasterKeyRing, type WrappedKeyUsage } from './master-key-ring';

/** Where a sealed value lives. With the dataset id it forms the AAD: a value copied elsewhere fails to open. */
export interface FieldRef {
  table: string;
  row: string;
  column: string;
}

export interface Sealer {
  readonly datasetId: string;
  readonly keyVersion: number;
  seal(plaintext: Uint8Array, ref: FieldRef): Buffer;
}

export interface Opener {
  readonly datasetId: string;
  /** Throws DomainError DECRYPTION_FAILED when the value was altered, moved, or its key was destroyed. */
  open(sealed: Uint8Array, ref: FieldRef): Buffer;
  /**
   * `open(sealed, ref)` as UTF-8 text, remembered with its data key: the same sealed value at the same
   * place opens from memory while that key is held (a destroyed key's values are never answered from
   * it, the memory goes with the key). For small fields read again and again (sample ids: every record
   * answer opens one per carrier, ~10 µs of AES-GCM each).
   */
  openRememberedText(sealed: Uint8Array, ref: FieldRef): string;
}

/** Texts remembered per data key (`openRememberedText`); past this many, values are opened each time. */
const MAX_REMEMBERED_PER_KEY = 250_000;

export interface DataKeyInfo {
  datasetId: string;
  version: number;
  masterKeyId: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export function fieldAad(datasetId: string, ref: FieldRef): Buffer {
  return Buffer.from(`helixgate/v1|${datasetId}|${ref.table}|${ref.row}|${ref.column}`, 'utf8');
}

function wrapAad(datasetId: string, version: number): Buffer {
  return Buffer.from(`helixgate/dek/v1|${datasetId}|${version}`, 'utf8');
}

/** A `dataset_key` row as `dataKeyRowsSql` reads it (wrapped: nothing secret without the master key). */
export interface DataKeyRow {
  dataset_id: string;
  version: number;
  master_key_id: string;
  wrapped_key: Buffer;
}

/**
 * Every data-key row of the dataset whose id is the parameter `param` (e.g. `$1`): the read behind
 * `openerFor`, also carried inside another statement by readers that need the keys with their sealed
 * rows in one round trip (libs/variants, the privacy guard's reads), then given to `openerFromRows`.
 */
export function dataKeyRowsSql(param: string): string {
  return `SELECT dataset_id, version, master_key_id, wrapped_key FROM dataset_key WHERE dataset_id = ${param}`;
}

/**
 * Envelope encryption: each dataset has versioned data keys (random AES-256), stored only wrapped by a master
 * key. Values are sealed with the dataset's current data key; any non-destroyed version still opens.
 * Destroying a version (crypto-shredding) makes everything sealed under it unrecoverable, backups included.
 */
@Injectable()
export class EnvelopeService implements OnModuleInit {
  /** Unwrapped data keys, keyed by dataset, version and a digest of the wrapped key (a rewrapped or replaced key misses). */
  private readonly cache = new Map<string, Buffer>();
  /** The privacy guard's key read (every guarded answer) goes straight to the pg pool on PostgreSQL. */
  private readonly statements: PooledStatements;
  /**
   * Texts opened with `openRememberedText`, per unwrapped data key (the Buffer above): by the value's place
   * (its AAD), with the sealed bytes they came from. Weak: dropped once the key leaves the cache and no
   * opener holds it.
   */
  private readonly remembered = new WeakMap<Buffer, Map<string, { sealed: Buffer; text: string }>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly masterKeys: MasterKeyRing,
    @Optional() private readonly invalidation?: InvalidationBus,
  ) {
    this.statements = new PooledStatements(dataSource);
  }

  onModuleInit(): void {
    // A data key destroyed by another process (crypto-shredding, withdrawal) leaves this one's memory too:
    // openerFor reads the key rows fresh anyway, this only stops the unwrapped copy from lingering.
    this.invalidation?.subscribe((what) => {
      if (what === '*') this.cache.clear();
      else if (what.startsWith('dataset_key:')) this.evict(what.slice('dataset_key:'.length));
    });
  }

  /** Drops unwrapped keys of `<dataset id>:<version>` (the dataset id may itself contain colons). */
  private evict(idAndVersion: string): void {
    const cut = idAndVersion.lastIndexOf(':');
    const prefix = `${idAndVersion.slice(0, cut)}\0${idAndVersion.slice(cut + 1)}\0`;
    for (const k of this.cache.keys()) if (k.startsWith(prefix)) this.cache.delete(k);
  }

  /** A sealer with the dataset's current data key, created (version 1) inside `manager`'s transaction if none. */
  async sealerFor(datasetId: string, manager: EntityManager = this.dataSource.manager): Promise<Sealer> {
    const repo = manager.getRepository(DatasetKeyEntity);
    let row = await repo
      .createQueryBuilder('k')
      .where('k.dataset_id = :datasetId AND k.retired_at IS NULL', { datasetId })
      .orderBy('k.version', 'DESC')
      .getOne();
    if (!row) row = await this.createVersion(manager, datasetId);
    const key = createSecretKey(this.unwrap(row));
    const version = row.version;
    return {
      datasetId,
      keyVersion: version,
      seal: (plaintext, ref) => sealWithKey(key, version, plaintext, fieldAad(datasetId, ref)),
    };
  }

  /** An opener for every existing data-key version of the dataset (read fresh, so destroyed keys are gone). */
  async openerFor(datasetId: string, manager: EntityManager = this.dataSource.manager): Promise<Opener> {
    if (manager === this.dataSource.manager)
      return this.openerFromRows(
        datasetId,
        await this.statements.query<DataKeyRow>('helixgate_dataset_keys_v1', dataKeyRowsSql('$1'), [
          datasetId,
        ]),
      );
    return this.opener(datasetId, await manager.getRepository(DatasetKeyEntity).findBy({ datasetId }));
  }

  /**
   * An opener for the dataset from its key rows as `dataKeyRowsSql` read them just now (in the caller's
   * statement): the same as `openerFor`, without a round trip of its own. Rows of another dataset are refused.
   */
  openerFromRows(datasetId: string, rows: readonly DataKeyRow[]): Opener {
    if (rows.some((r) => r.dataset_id !== datasetId))
      throw new Error(`data-key rows of another dataset given for "${datasetId}"`);
    return this.opener(
      datasetId,
      rows.map((r) => ({
        datasetId: r.dataset_id,
        version: r.version,
        masterKeyId: r.master_key_id,
        wrappedKey: r.wrapped_key,
      })),
    );
  }

  private opener(
    datasetId: string,
    rows: readonly Pick<DatasetKeyEntity, 'datasetId' | 'version' | 'masterKeyId' | 'wrappedKey'>[],
  ): Opener {
    const keys = new Map<number, Buffer>(rows.map((r) => [r.version, this.unwrap(r)]));
    const keyOf = (sealed: Uint8Array, ref: FieldRef): Buffer => {
      const version = sealedKeyVersion(sealed);
      const key = version === null ? undefined : keys.get(version);
      if (!key)
        throw new DomainError(
          'DECRYPTION_FAILED',
          `sealed value in ${ref.table}.${ref.column} names no available data key`,
        );
      return key;
    };
    const open = (key: Buffer, sealed: Uint8Array, ref: FieldRef): Buffer => {
      try {
        return openWithKey(key, sealed, fieldAad(datasetId, ref));
      } catch {
        throw new DomainError(
          'DECRYPTION_FAILED',
          `sealed value in ${ref.table}.${ref.column} failed authentication`,
        );
      }
    };
    return {
      datasetId,
      open: (sealed, ref) => open(keyOf(sealed, ref), sealed, ref),
      openRememberedText: (sealed, ref) => {
        const key = keyOf(sealed, ref);
        let texts = this.remembered.get(key);
        if (!texts) {
          texts = new Map();
          this.remembered.set(key, texts);
        }
        // The place, as the AAD names it (the dataset is the key's own).
        const place = `${ref.table}|${ref.row}|${ref.column}`;
        const known = texts.get(place);
        if (known && Buffer.compare(known.sealed, sealed) === 0) return known.text;
        const text = open(key, sealed, ref).toString('utf8');
        if (known || texts.size < MAX_REMEMBERED_PER_KEY)
          texts.set(place, { sealed: Buffer.from(sealed), text });
        return text;
      },
    };
  }

  /** Retires the current data key and creates the next version; new values are sealed with it. */
  async rotateDataKey(datasetId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM dataset WHERE id = $1 FOR UPDATE', [datasetId]);
      await tx.query(
        'UPDATE dataset_key SET retired_at = now() WHERE dataset_id = $1 AND retired_at IS NULL',
        [datasetId],
      );
      return (await this.createVersion(tx, datasetId)).version;
    });
  }

  /**
   * Crypto-shredding: deletes a data-key version. Everything sealed under it — in this database and in any
   * backup taken before — can no longer be opened. The caller must have re-sealed what it wants to keep.
   */
  async destroyDataKey(
    datasetId: string,
    version: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const result = await manager.getRepository(DatasetKeyEntity).delete({ datasetId, version });
    if (!result.affected)
      throw new DomainError('NOT_FOUND', `dataset ${datasetId} has no data key version ${version}`);
    for (const k of this.cache.keys()) if (k.startsWith(`${datasetId}\0${version}\0`)) this.cache.delete(k);
  }

  async listDataKeys(datasetId?: string): Promise<DataKeyInfo[]> {
    const rows = await this.dataSource.getRepository(DatasetKeyEntity).find({
      where: datasetId ? { datasetId } : {},
      order: { datasetId: 'ASC', version: 'ASC' },
    });
    return rows.map(({ datasetId: d, version, masterKeyId, createdAt, retiredAt }) => ({
      datasetId: d,
      version,
      masterKeyId,
      createdAt,
      retiredAt,
    }));
  }

  /** Which master keys the stored data keys are wrapped with: what the key ring must hold. */
  async wrappedKeyUsage(): Promise<WrappedKeyUsage[]> {
    const rows: { id: string; n: string; datasets: string[] }[] = await this.dataSource.query(
      `SELECT master_key_id AS id, count(*) AS n, array_agg(DISTINCT dataset_id ORDER BY dataset_id) AS datasets
       FROM dataset_key GROUP BY master_key_id ORDER BY master_key_id`,
    );
    return rows.map((r) => ({ masterKeyId: r.id, dataKeys: Number(r.n), datasets: r.datasets }));
  }

  /**
   * Master-key rotation without downtime: a new master key becomes current, then every data key is rewrapped
   * under it in one transaction. Running gateways re-read the key ring when they meet the new key id.
   * With `retireOld`, older master keys that no data key references any more are removed from the ring.
   * Data keys wrapped by a master key this ring does not hold are left as they are and counted in `foreign`.
   */
  async rotateMasterKey(
    opts: { retireOld?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ masterKeyId: string; rewrapped: number; foreign: number; retired: string[] }> {
    const masterKeyId = this.masterKeys.addKey();
    const { rewrapped, foreign } = await this.rewrapAll(opts.onProgress);
    let retired: string[] = [];
    if (opts.retireOld) {
      const used: { id: string }[] = await this.dataSource.query(
        'SELECT DISTINCT master_key_id AS id FROM dataset_key',
      );
      const stillUsed = new Set(used.map((r) => r.id));
      retired = this.masterKeys.removeUnused(stillUsed);
    }
    return { masterKeyId, rewrapped, foreign, retired };
  }

  /**
   * Rewraps every data key not yet under the current master key (and wrapped by a key this ring holds);
   * `onProgress` after each key (done, total).
   */
  async rewrapAll(
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ rewrapped: number; foreign: number }> {
    const current = this.masterKeys.current();
    const known = new Set(this.masterKeys.ids());
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(DatasetKeyEntity);
      const rows = await repo
        .createQueryBuilder('k')
        .where('k.master_key_id <> :id', { id: current.id })
        .setLock('pessimistic_write')
        .getMany();
      let rewrapped = 0;
      onProgress?.(0, rows.length);
      for (const [i, row] of rows.entries()) {
        onProgress?.(i, rows.length);
        if (!known.has(row.masterKeyId)) continue;
        const dek = this.unwrap(row);
        await repo.update(
          { datasetId: row.datasetId, version: row.version },
          {
            masterKeyId: current.id,
            wrappedKey: sealWithKey(current.key, 0, dek, wrapAad(row.datasetId, row.version)),
          },
        );
        rewrapped++;
      }
      onProgress?.(rows.length, rows.length);
      return { rewrapped, foreign: rows.length - rewrapped };
    });
  }

  private async createVersion(manager: EntityManager, datasetId: string): Promise<DatasetKeyEntity> {
    const repo = manager.getRepository(DatasetKeyEntity);
    const { max } = (await repo
      .createQueryBuilder('k')
      .select('COALESCE(MAX(k.version), 0)', 'max')
      .where('k.dataset_id = :datasetId', { datasetId })
      .getRawOne<{ max: number }>())!;
    const version = Number(max) + 1;
    const master = this.masterKeys.current();
    const dek = randomBytes(32);
    const row = repo.create({
      datasetId,
      version,
      masterKeyId: master.id,
      wrappedKey: sealWithKey(master.key, 0, dek, wrapAad(datasetId, version)),
      retiredAt: null,
    });
    await repo.insert(row);
    return row;
  }

  private unwrap(
    row: Pick<DatasetKeyEntity, 'datasetId' | 'version' | 'masterKeyId' | 'wrappedKey'>,
  ): Buffer {
    const cacheKey = `${row.datasetId}\0${row.version}\0${createHash('sha256').update(row.wrappedKey).digest('base64')}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    let dek: Buffer;
    try {
      dek = openWithKey(
        this.masterKeys.get(row.masterKeyId),
        row.wrappedKey,
        wrapAad(row.datasetId, row.version),
      );
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError(
        'KEY_UNAVAILABLE',
        `data key ${row.datasetId} v${row.version} cannot be unwrapped with master key ${row.masterKeyId}`,
      );
    }
    this.cache.set(cacheKey, dek);
    return dek;
  }
}
