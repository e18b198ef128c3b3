import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { BackupError } from './backup-error';
import type { BackupManifest } from './backup-manifest';

/** A query function over either database (a pg client in a snapshot transaction, or PGlite in process). */
export type RowQuery = (sql: string) => Promise<Record<string, unknown>[]>;

export type DatabaseFacts = Omit<BackupManifest['database'], 'kind' | 'method'> & { masterKeyIds: string[] };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * What the manifest records of a database, read in the caller's snapshot: the schema version, the row count
 * of every application table, the last audit seq and the master-key ids that wrapped data keys name. (The
 * backup reads every table as a whole, so it reads them here directly rather than through their owners.)
 */
export async function readDatabaseFacts(query: RowQuery): Promise<DatabaseFacts> {
  const [{ server_version: serverVersion }] = await query('SHOW server_version');
  const tables = (
    await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  ).map((r) => String(r.tablename));
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [{ n }] = await query(`SELECT count(*)::text AS n FROM public.${ident(t)}`);
    counts[t] = Number(n);
  }
  let migrations = 0;
  let schemaVersion: string | null = null;
  if (tables.includes('schema_migrations')) {
    const [m] = await query(
      `SELECT count(*)::text AS n, (SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1) AS name
         FROM schema_migrations`,
    );
    migrations = Number(m.n);
    schemaVersion = (m.name as string | null) ?? null;
  }
  let lastAuditSeq: number | null = null;
  if (tables.includes('audit_event')) {
    const [{ s }] = await query('SELECT max(seq)::text AS s FROM audit_event');
    lastAuditSeq = s === null ? null : Number(s);
  }
  const masterKeyIds = tables.includes('dataset_key')
    ? (await query('SELECT DISTINCT master_key_id FROM dataset_key ORDER BY master_key_id')).map((r) =>
        String(r.master_key_id),
      )
    : [];
  return {
    serverVersion: String(serverVersion),
    migrations,
    schemaVersion,
    counts,
    lastAuditSeq,
    masterKeyIds,
  };
}

/** Runs a PostgreSQL client tool; its stderr becomes the error message. */
function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) =>
      reject(
        new BackupError(
          'TOOL_FAILED',
          `${tool} could not be started (${(err as NodeJS.ErrnoException).code ?? err.message}): install the ` +
            `PostgreSQL client tools (version ≥ the server's) or put them on PATH`,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError('TOOL_FAILED', `${tool} exited ${code}: ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const clientQuery =
  (c: Client): RowQuery =>
  async (sql) =>
    (await c.query(sql)).rows as Record<string, unknown>[];

/**
 * PostgreSQL: one REPEATABLE READ transaction exports its snapshot; the facts are read in it and pg_dump
 * (custom format) dumps exactly that snapshot, so the manifest's counts and key ids describe the dump.
 */
export async function dumpPostgres(url: string, outFile: string): Promise<DatabaseFacts> {
  return withClient(url, async (c) => {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const [{ snapshot }] = (await c.query('SELECT pg_export_snapshot() AS snapshot')).rows as {
        snapshot: string;
      }[];
      const facts = await readDatabaseFacts(clientQuery(c));
      await run('pg_dump', [
        '--format=custom',
        `--snapshot=${snapshot}`,
        '--no-password',
        `--file=${outFile}`,
        `--dbname=${url}`,
      ]);
      fs.chmodSync(outFile, 0o600);
      return facts;
    } finally {
      await c.query('COMMIT');
    }
  });
}

/**
 * Embedded: PGlite's own dump of its data directory (a gzipped tar), taken by the process that holds it
 * after a CHECKPOINT; `dumpDataDir` runs exclusively, so no statement interleaves with it.
 */
export async function dumpEmbedded(pglite: PGlite, outFile: string): Promise<DatabaseFacts> {
  const facts = await readDatabaseFacts(
    async (sql) => (await pglite.query(sql)).rows as Record<string, unknown>[],
  );
  await pglite.query('CHECKPOINT');
  const blob = await pglite.dumpDataDir('gzip');
  fs.writeFileSync(outFile, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
  return facts;
}

/** Tables in the database's non-system schemas (a fresh `createdb` has none). */
export async function postgresTableCount(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return Number(rows[0].n);
  });
}

/**
 * Restores a pg_dump into `url`. With `replace`, the public schema is dropped first (what --force means);
 * without it the database must hold no table. One transaction: a failed restore leaves nothing behind.
 */
export async function restorePostgres(
  url: string,
  dumpFile: string,
  opts: { replace: boolean },
): Promise<DatabaseFacts> {
  const tables = await postgresTableCount(url);
  if (tables > 0 && !opts.replace) {
    throw new BackupError(
      'TARGET_NOT_EMPTY',
      `the database at DATABASE_URL holds ${tables} tables: restore into a fresh database (createdb), or pass ` +
        '--force to replace its contents (take a backup of it first)',
    );
  }
  if (tables > 0) {
    await withClient(url, async (c) => {
      await c.query('DROP SCHEMA public CASCADE');
      await c.query('CREATE SCHEMA public');
    });
  }
  await run('pg_restore', [
    '--no-owner',
    '--exit-on-error',
    '--single-transaction',
    '--no-password',
    `--dbname=${url}`,
    dumpFile,
  ]);
  return withClient(url, (c) => readDatabaseFacts(clientQuery(c)));
}

/** The embedded database's lock file (libs/db): its owner's pid, and its socket once it serves (null before). */
interface LockContent {
  pid: number;
  socketDir: string | null;
}

function lockHolder(lockPath: string): number | null {
  try {
    const { pid } = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? -1 : null;
  }
}

/**
 * Restores a PGlite data-directory dump into `dataDir` (the embedded database's directory). The directory
 * must not be in use; one that holds a database is refused without `replace`, and with it is moved aside
 * to `<dir>.replaced-<time>` (kept, never deleted). Returns the restored database's facts.
 */
export async function restoreEmbedded(
  dataDir: string,
  tarFile: string,
  opts: { replace: boolean },
): Promise<{ facts: DatabaseFacts; movedAside: string | null }> {
  const dir = path.resolve(dataDir);
  const lockPath = `${dir}.lock`;
  const holder = lockHolder(lockPath);
  if (holder !== null) {
    throw new BackupError(
      'DATABASE_IN_USE',
      `the embedded database ${dir} is in use${holder > 0 ? ` by pid ${holder}` : ''}: stop the gateway, then restore`,
    );
  }
  let movedAside: string | null = null;
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    if (!opts.replace) {
      throw new BackupError(
        'TARGET_NOT_EMPTY',
        `the embedded database ${dir} already holds a database: restore into an empty HELIXGATE_EMBEDDED_DB_DIR, ` +
          'or pass --force to move it aside and restore in its place',
      );
    }
    movedAside = `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '')}`;
    fs.renameSync(dir, movedAside);
  } else if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new BackupError(
      'TARGET_NOT_EMPTY',
      `${dir} is not empty and holds no database: choose another directory`,
    );
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, socketDir: null } satisfies LockContent), {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create({
      dataDir: dir,
      loadDataDir: new Blob([fs.readFileSync(tarFile)]),
    });
    try {
      const facts = await readDatabaseFacts(
        async (sql) => (await pglite.query(sql)).rows as Record<string, unknown>[],
      );
      return { facts, movedAside };
    } finally {
      await pglite.close();
    }
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}
