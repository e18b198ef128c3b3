import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AuditService } from '@helixgate/audit';
import { loadConfig } from '@helixgate/config';
import { DatabaseConnection } from '@helixgate/db';
import { VariantRecordsService, type VariantRecord } from '@helixgate/variants';
import type { BackupManifest } from '@helixgate/backup';
import { CliModule } from '../../apps/cli/src/cli.module';
import { operatorCaller } from '../../apps/cli/src/cli-context';

/**
 * The restore drill of docs/operations.md, on the database the suite runs on (PostgreSQL with DATABASE_URL,
 * else the embedded database): ingest a fixture, back up, restore into a fresh database on a fresh node,
 * and check row counts, decryption of genotypes and the audit chain; a damaged backup, a missing key ring
 * and a database that holds data are refused without touching anything; retiring the master key names
 * the backups it strands. Every CLI call is a process of its own (the real binary's behaviour: exit codes,
 * stderr; and PGlite cannot load inside jest's sandbox).
 */
const ROOT = path.join(__dirname, '../..');
const RUN_CLI = path.join(ROOT, 'test/support/run-cli.mjs');
const FIXTURE = path.join(ROOT, 'test/fixtures/vcf/cgi_hcc1187_chr7-sub_2s.vcf.gz');
const EMBEDDED = process.env.HELIXGATE_TEST_DB_KIND !== 'postgres';
const suffix = randomBytes(4).toString('hex');
// Each step is a CLI process (start, open the database, apply migrations): minutes on a busy machine.
jest.setTimeout(600_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One node: its data dir (keys, node files) and its database (a PostgreSQL database or an embedded dir). */
interface Node {
  env: Record<string, string>;
  dataDir: string;
}

const baseEnv = (): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('HELIXGATE_') && k !== 'DATABASE_URL') env[k] = v;
  }
  return { ...env, LOG_LEVEL: 'silent' };
};

function helixgate(node: Node, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_CLI, ...args], {
      env: { ...baseEnv(), ...node.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ok(node: Node, ...args: string[]): Promise<string> {
  const r = await helixgate(node, ...args);
  if (r.code !== 0)
    throw new Error(`helixgate ${args.join(' ')} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

async function adminQuery(sql: string): Promise<void> {
  const c = new Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const dropLater: string[] = [];

async function newNode(name: string): Promise<Node> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `helixgate-drill-${name}-`));
  const env: Record<string, string> = {
    HELIXGATE_DATA_DIR: dataDir,
    HELIXGATE_NODE_ID: `drill-${suffix}`,
    HELIXGATE_ISSUER: `https://drill-${suffix}.example.org`,
  };
  if (!EMBEDDED) {
    const db = `hg_drill_${name}_${suffix}`;
    await adminQuery(`CREATE DATABASE ${db}`);
    dropLater.push(db);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${db}`;
    env.DATABASE_URL = url.toString();
  }
  return { env, dataDir };
}

const EMBEDDED_DB_CHILD = `
const fs = require('node:fs');
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
require.extensions['.ts'] = (m, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  m._compile(code, filename);
};
const [file, dir] = process.argv.slice(1);
require(file).openEmbeddedDatabase(dir).then(
  (db) => {
    process.stdout.write('ready ' + db.url + '\\n');
    process.on('SIGTERM', () => db.close().finally(() => process.exit(0)));
  },
  (err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); },
);
`;

/** A URL to the node's database for the checks: the PostgreSQL one, or its embedded dir served by a child. */
async function withDatabaseUrl<T>(node: Node, fn: (url: string) => Promise<T>): Promise<T> {
  if (!EMBEDDED) return fn(node.env.DATABASE_URL);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      EMBEDDED_DB_CHILD,
      path.join(ROOT, 'libs/db/src/embedded-database.ts'),
      path.join(node.dataDir, 'db'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      const m = /ready (\S+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`embedded database exited ${code}: ${err}`)));
  });
  try {
    return await fn(url);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function counts(url: string): Promise<Record<string, number>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Record<string, number> = {};
    for (const { tablename } of rows) {
      out[tablename] = Number(
        (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${tablename}"`)).rows[0].n,
      );
    }
    return out;
  } finally {
    await c.end();
  }
}

/** The application on a node's database (in this process): record-level answers and the audit verifier. */
async function onApp<T>(
  node: Node,
  fn: (records: VariantRecordsService, audit: AuditService) => Promise<T>,
): Promise<T> {
  return withDatabaseUrl(node, async (url) => {
    const config = loadConfig({
      ...node.env,
      DATABASE_URL: url,
      HELIXGATE_DB_POOL_MAX: '1',
      LOG_LEVEL: 'silent',
    });
    const connection = await DatabaseConnection.open(config);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
      logger: false,
    });
    try {
      return await fn(app.get(VariantRecordsService), app.get(AuditService));
    } finally {
      await app.close();
      await connection.close();
    }
  });
}

/** Carriers of the first 25 variants of the dataset, decrypted (sample ids and genotypes). */
async function decrypted(node: Node, datasetId: string): Promise<VariantRecord[]> {
  return withDatabaseUrl(node, async (url) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    let keys: { chrom: string; pos: number; ref: string; alt: string }[];
    try {
      keys = (
        await c.query(
          `SELECT chrom, pos, ref, alt FROM variant WHERE dataset_id = $1 ORDER BY chrom, pos, ref, alt LIMIT 25`,
          [datasetId],
        )
      ).rows;
    } finally {
      await c.end();
    }
    const config = loadConfig({
      ...node.env,
      DATABASE_URL: url,
      HELIXGATE_DB_POOL_MAX: '1',
      LOG_LEVEL: 'silent',
    });
    const connection = await DatabaseConnection.open(config);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, connection), {
      logger: false,
    });
    try {
      return (await app.get(VariantRecordsService).carriers(datasetId, keys)).records;
    } finally {
      await app.close();
      await connection.close();
    }
  });
}

describe(`restore drill (${EMBEDDED ? 'embedded database' : 'PostgreSQL'})`, () => {
  const dataset = `drill-${suffix}`;
  let source: Node;
  let backupDir: string;
  let manifest: BackupManifest;
  let before: VariantRecord[];
  /** The source node's key ring as it was at the backup (the key custody's copy). */
  let ringAtBackup: Buffer;
  const giveRing = (node: Node) =>
    fs.writeFileSync(path.join(node.dataDir, 'master-keys.json'), ringAtBackup, { mode: 0o600 });

  beforeAll(async () => {
    source = await newNode('src');
    await ok(
      source,
      'datasets',
      'create',
      '--id',
      dataset,
      '--name',
      'restore drill',
      '--assembly',
      'GRCh37',
    );
    await ok(source, 'ingest', '--dataset', dataset, FIXTURE);
    before = await decrypted(source, dataset);
    const out = await ok(source, 'backup', path.join(source.dataDir, 'backups-new'));
    backupDir = /backup \S+ written to (\S+)/.exec(out)![1];
    manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
    ringAtBackup = fs.readFileSync(path.join(source.dataDir, 'master-keys.json'));
  });
  afterAll(async () => {
    for (const db of dropLater) await adminQuery(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });

  it('writes a manifest with checksums, the schema version, counts and master-key ids (not the keys)', () => {
    expect(manifest).toMatchObject({
      format: 'helixgate-backup/v1',
      nodeId: `drill-${suffix}`,
      keysIncluded: false,
      database: { kind: EMBEDDED ? 'embedded' : 'postgres', schemaVersion: expect.stringMatching(/\d{13}$/) },
    });
    expect(manifest.masterKeyIds).toHaveLength(1);
    expect(manifest.database.counts.variant).toBeGreaterThan(0);
    expect(manifest.parts.map((p) => p.path)).toEqual(
      expect.arrayContaining([EMBEDDED ? 'database.tar.gz' : 'database.dump', 'node/audit-signing-key.json']),
    );
    expect(fs.existsSync(path.join(backupDir, 'keys'))).toBe(false);
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((r) => r.carriers.length > 0)).toBe(true);
  });

  it('refuses a damaged backup (checksum mismatch) and restores nothing', async () => {
    const target = await newNode('tampered');
    giveRing(target);
    const copy = path.join(target.dataDir, 'tampered-backup');
    fs.cpSync(backupDir, copy, { recursive: true });
    const dbPart = manifest.parts.find((p) => p.kind === 'database')!;
    const file = path.join(copy, dbPart.path);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01; // one bit
    fs.writeFileSync(file, bytes);

    const r = await helixgate(target, 'restore', copy);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      `BACKUP_TAMPERED: backup ${copy}: part ${dbPart.path} does not match the manifest`,
    );
    if (EMBEDDED) expect(fs.existsSync(path.join(target.dataDir, 'db'))).toBe(false);
    else expect(await counts(target.env.DATABASE_URL)).toEqual({});
  });

  it('refuses a backup whose master keys the node does not hold, before touching the database', async () => {
    const target = await newNode('nokeys');
    const r = await helixgate(target, 'restore', backupDir);
    expect(r.code).toBe(69);
    expect(r.stderr).toContain(`KEYS_MISSING`);
    expect(r.stderr).toContain(manifest.masterKeyIds[0]);
    expect(fs.existsSync(path.join(target.dataDir, 'master-keys.json'))).toBe(false); // no ring made up
    if (!EMBEDDED) expect(await counts(target.env.DATABASE_URL)).toEqual({});
  });

  describe('restored on a fresh node that holds the key ring', () => {
    let target: Node;
    let restoreOut: string;

    beforeAll(async () => {
      target = await newNode('dst');
      giveRing(target);
      restoreOut = await ok(target, 'restore', backupDir);
    });

    it('prints a verified result: checksums, counts, keys, migrations, audit chain', () => {
      expect(restoreOut).toContain(`restored backup ${manifest.id}`);
      expect(restoreOut).toMatch(/data keys: +1 datasets unwrap/);
      expect(restoreOut).toMatch(/audit chain: ok/);
      expect(restoreOut).toContain('result: restore verified');
    });

    it('holds the same rows, and decrypts the same genotypes with the same key ring', async () => {
      const after = await withDatabaseUrl(target, counts);
      for (const [table, n] of Object.entries(manifest.database.counts)) {
        if (table === 'audit_event' || table === 'backup_catalog') continue; // the restore appends to these
        expect({ table, n: after[table] }).toEqual({ table, n });
      }
      // The restored trail holds the backed-up events plus the restore's own (verify and cli:restore).
      expect(after.audit_event).toBeGreaterThan(manifest.database.counts.audit_event);
      expect(await decrypted(target, dataset)).toEqual(before);
    });

    it('restored the node keys, verifies its audit chain and records the restore in it', async () => {
      expect(fs.existsSync(path.join(target.dataDir, 'audit-signing-key.json'))).toBe(true);
      const { report, restoreEvent } = await onApp(target, async (_records, audit) => ({
        report: await audit.verify(operatorCaller()),
        restoreEvent: await audit.search(operatorCaller(), { action: 'cli:restore' }, 5),
      }));
      expect(report).toMatchObject({ ok: true, problem: null });
      expect(report.eventsChecked).toBeGreaterThan(manifest.database.lastAuditSeq! - 1);
      expect(restoreEvent.events).toHaveLength(1);
      expect(restoreEvent.events[0]).toMatchObject({
        outcome: 'allow',
        detail: expect.objectContaining({
          backupId: manifest.id,
          auditOk: true,
          keyFailures: [],
          missingKeys: [],
          migrationsApplied: 0,
        }),
      });
    });

    it('refuses to restore over a database that holds data, unless --force', async () => {
      const r = await helixgate(target, 'restore', backupDir);
      expect(r.code).toBe(73);
      expect(r.stderr).toContain('TARGET_NOT_EMPTY');
      const forced = await ok(target, 'restore', '--force', backupDir);
      expect(forced).toContain('result: restore verified');
      if (EMBEDDED) expect(forced).toMatch(/moved to \S+\.replaced-/);
    });
  });

  it('retiring the master key names the backups it strands and needs --yes', async () => {
    const refused = await helixgate(source, 'keys', 'rotate', '--master', '--retire-old');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`strands 1 backup(s)`);
    expect(refused.stderr).toContain(manifest.id);
    expect(refused.stderr).toContain('pass --yes');
    // nothing rotated
    const ring = JSON.parse(fs.readFileSync(path.join(source.dataDir, 'master-keys.json'), 'utf8')) as {
      keys: Record<string, unknown>;
    };
    expect(Object.keys(ring.keys)).toEqual(manifest.masterKeyIds);

    const done = await ok(source, 'keys', 'rotate', '--master', '--retire-old', '--yes');
    expect(done).toContain(`retired ${manifest.masterKeyIds[0]}`);

    // The stranded backup is now refused on a node holding only the new ring ...
    const target = await newNode('stranded');
    fs.copyFileSync(
      path.join(source.dataDir, 'master-keys.json'),
      path.join(target.dataDir, 'master-keys.json'),
    );
    const r = await helixgate(target, 'restore', backupDir);
    expect(r.code).toBe(69);
    // ... and a backup taken with --include-keys carries its keys: not reported as stranded, restorable.
    const withKeys = /written to (\S+)/.exec(
      await ok(source, 'backup', '--include-keys', path.join(source.dataDir, 'backup-with-keys')),
    )![1];
    const again = await helixgate(source, 'keys', 'rotate', '--master', '--retire-old');
    expect(again.code).toBe(0);
    const fresh = await newNode('withkeys');
    const restored = await ok(fresh, 'restore', withKeys);
    expect(restored).toContain('added to the ring from the backup');
    expect(restored).toContain('result: restore verified');
  });
});
