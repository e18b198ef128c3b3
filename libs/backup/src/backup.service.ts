import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type IntegrityReport } from '@helixgate/audit';
import type { Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { EnvelopeService, MasterKeyRing } from '@helixgate/crypto';
import { DatabaseConnection } from '@helixgate/db';
import { BackupCatalogRepository, type CatalogedBackup } from './backup-catalog.repository';
import { BackupError } from './backup-error';
import {
  describePart,
  MANIFEST_FORMAT,
  writeManifest,
  type BackupManifest,
  type BackupPart,
} from './backup-manifest';
import { dumpEmbedded, dumpPostgres, type DatabaseFacts } from './database-dump';
import type { KeyRingFile } from './key-ring-file';
import { nodeFiles } from './node-files';

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  manifestSha256: string;
  bytes: number;
  durationMs: number;
}

export interface RestoredCheck {
  ok: boolean;
  /** Datasets whose every data key unwrapped with the ring. */
  datasetsChecked: number;
  /** Master-key ids `dataset_key` names that the ring lacks (empty when ok). */
  missingKeys: string[];
  /** Datasets whose data keys did not unwrap. */
  keyFailures: string[];
  audit: IntegrityReport;
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * Backups of the node: the database (pg_dump of one snapshot, or PGlite's data directory), the node's keys
 * and policies, and a manifest with checksums; the master keys are referenced by id unless asked for. Each
 * backup is recorded in the catalogue so that retiring a master key can say which backups it strands.
 */
@Injectable()
export class BackupService {
  constructor(
    private readonly config: HelixgateConfig,
    private readonly connection: DatabaseConnection,
    private readonly catalog: BackupCatalogRepository,
    private readonly masterKeys: MasterKeyRing,
    private readonly envelope: EnvelopeService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Writes a backup into `target`: an existing directory receives a new `helixgate-<node>-<time>`
   * directory; a path that does not exist becomes the backup directory.
   */
  async create(target: string, opts: { includeKeys?: boolean; createdBy: string }): Promise<BackupResult> {
    const started = performance.now();
    const createdAt = new Date();
    const nodeId = this.config.vars.HELIXGATE_NODE_ID;
    const dir = path.resolve(
      fs.existsSync(target) && fs.statSync(target).isDirectory()
        ? path.join(target, `helixgate-${nodeId}-${stamp(createdAt)}`)
        : target,
    );
    if (fs.existsSync(dir))
      throw new BackupError('BACKUP_INVALID', `${dir} exists: choose a new backup path`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const parts: BackupPart[] = [];

    let facts: DatabaseFacts;
    let method: BackupManifest['database']['method'];
    if (this.connection.kind === 'postgres') {
      facts = await dumpPostgres(this.connection.url, path.join(dir, 'database.dump'));
      method = 'pg_dump';
      parts.push(await describePart(dir, 'database.dump', 'database'));
    } else {
      const embedded = this.connection.embedded!;
      if (!embedded.owned || !embedded.pglite) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw new BackupError(
          'DATABASE_IN_USE',
          `the embedded database ${this.config.embeddedDbDir} is held by another process (the running gateway): ` +
            'PGlite can dump its data directory only from the process that opened it; stop the gateway and run ' +
            'the backup again (or run the node on PostgreSQL for online backups)',
        );
      }
      facts = await dumpEmbedded(embedded.pglite, path.join(dir, 'database.tar.gz'));
      method = 'pglite-datadir';
      parts.push(await describePart(dir, 'database.tar.gz', 'database'));
    }

    fs.mkdirSync(path.join(dir, 'node'), { mode: 0o700 });
    fs.mkdirSync(path.join(dir, 'policies'), { mode: 0o700 });
    for (const f of nodeFiles(this.config)) {
      if (!fs.existsSync(f.abs)) continue;
      fs.copyFileSync(f.abs, path.join(dir, f.rel));
      fs.chmodSync(path.join(dir, f.rel), 0o600);
      parts.push(await describePart(dir, f.rel, f.kind));
    }
    if (opts.includeKeys) {
      fs.mkdirSync(path.join(dir, 'keys'), { mode: 0o700 });
      fs.writeFileSync(
        path.join(dir, 'keys/master-keys.json'),
        JSON.stringify(this.ringForBackup(), null, 2),
        {
          mode: 0o600,
        },
      );
      parts.push(await describePart(dir, 'keys/master-keys.json', 'master-keys'));
    }

    const { masterKeyIds, ...database } = facts;
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      id: randomUUID(),
      createdAt: createdAt.toISOString(),
      nodeId,
      createdBy: opts.createdBy,
      database: { kind: this.connection.kind, method, ...database },
      masterKeyIds,
      keysIncluded: Boolean(opts.includeKeys),
      parts,
    };
    const manifestSha256 = writeManifest(dir, manifest);
    const bytes = parts.reduce((n, p) => n + p.bytes, 0);
    await this.catalog.record(this.catalogEntry(manifest, manifestSha256, dir, bytes));
    return { dir, manifest, manifestSha256, bytes, durationMs: performance.now() - started };
  }

  /** The whole ring in its file format, for `--include-keys` (the env key is written as a one-key ring). */
  private ringForBackup(): KeyRingFile {
    const current = this.masterKeys.current();
    const keys: KeyRingFile['keys'] = {};
    for (const id of this.masterKeys.ids()) {
      keys[id] = { key: this.masterKeys.get(id).toString('base64'), createdAt: '' };
    }
    return { format: 'helixgate-master-keys/v1', current: current.id, keys };
  }

  private catalogEntry(
    m: BackupManifest,
    manifestSha256: string,
    location: string,
    bytes: number,
  ): CatalogedBackup {
    return {
      id: m.id,
      createdAt: new Date(m.createdAt),
      nodeId: m.nodeId,
      location,
      databaseKind: m.database.kind,
      schemaVersion: m.database.schemaVersion,
      masterKeyIds: m.masterKeyIds,
      keysIncluded: m.keysIncluded,
      manifestSha256,
      bytes,
      createdBy: m.createdBy,
    };
  }

  /**
   * After a restore (migrations applied): every master key `dataset_key` names is in the ring, every data
   * key unwraps, and the audit chain verifies; the backup restored from joins this node's catalogue.
   */
  async checkRestored(
    caller: Caller,
    restored: { manifest: BackupManifest; manifestSha256: string; location: string },
  ): Promise<RestoredCheck> {
    const dataKeys = await this.envelope.listDataKeys();
    const ring = new Set(this.masterKeys.ids());
    const missingKeys = [...new Set(dataKeys.map((k) => k.masterKeyId))].filter((id) => !ring.has(id)).sort();
    const datasets = [...new Set(dataKeys.map((k) => k.datasetId))].sort();
    const keyFailures: string[] = [];
    for (const d of datasets) {
      try {
        await this.envelope.openerFor(d); // unwraps every version of the dataset's data key
      } catch {
        keyFailures.push(d);
      }
    }
    // Through a view of the data source, so that the result goes into the restore's own event (cli:restore)
    // rather than renaming it audit.verify.
    const ds = this.dataSource;
    const reader = { query: ds.query.bind(ds), createQueryRunner: () => ds.createQueryRunner() };
    const audit = await this.audit.verify(caller, {}, reader);
    const bytes = restored.manifest.parts.reduce((n, p) => n + p.bytes, 0);
    await this.catalog.record(
      this.catalogEntry(restored.manifest, restored.manifestSha256, restored.location, bytes),
    );
    return {
      ok: missingKeys.length === 0 && keyFailures.length === 0 && audit.ok,
      datasetsChecked: datasets.length - keyFailures.length,
      missingKeys,
      keyFailures,
      audit,
    };
  }

  /** Backups recorded here that need one of these master keys and do not carry it. */
  strandedBy(masterKeyIds: string[]): Promise<CatalogedBackup[]> {
    return this.catalog.findNeedingKeys(masterKeyIds);
  }

  list(): Promise<CatalogedBackup[]> {
    return this.catalog.list();
  }
}
