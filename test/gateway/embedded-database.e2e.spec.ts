import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DatabaseConnection } from '@helixgate/db';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { embeddedDatabaseProcess } from '../federation/support/nodes';
import { testConfig } from '../support/test-config';

/** Inodes of the TCP sockets in LISTEN state on this machine (/proc/net/tcp and tcp6). */
function listeningTcpInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A') inodes.add(cols[9]); // st 0A = LISTEN
    }
  }
  return inodes;
}

/** Inodes of the sockets a process holds open. */
function socketInodesOf(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  return fs
    .readdirSync(dir)
    .map((fd) => {
      try {
        return fs.readlinkSync(path.join(dir, fd));
      } catch {
        return '';
      }
    })
    .map((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1])
    .filter((x): x is string => Boolean(x));
}

function walk(dir: string, out: { path: string; mode: number; dir: boolean }[] = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    out.push({ path: p, mode: fs.statSync(p).mode & 0o777, dir: entry.isDirectory() });
    if (entry.isDirectory()) walk(p, out);
  }
  return out;
}

/**
 * The embedded database as an attacker on the same machine meets it: a node's own embedded database (a
 * child process owns the files, as a gateway would) with the gateway connected to it.
 */
describe('embedded database exposure', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-exposure-'));
  const dbDir = path.join(dataDir, 'db');
  let db: Awaited<ReturnType<typeof embeddedDatabaseProcess>>;
  let app: INestApplication;
  let base: string;
  let url: string;

  beforeAll(async () => {
    db = await embeddedDatabaseProcess('exposure', dbDir);
    app = await createGateway(
      testConfig({
        DATABASE_URL: '',
        ...db.env,
        HELIXGATE_DATA_DIR: dataDir,
        HELIXGATE_DB_POOL_MAX: '1',
        HELIXGATE_MASTER_KEY_CHECK: 'refuse', // its own database: the production setting
      }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    url = app.get(DatabaseConnection).url;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const attacker = async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    return c;
  };

  it('is served on a Unix socket in a 0700 directory, with no TCP port open', () => {
    const lock = JSON.parse(fs.readFileSync(`${dbDir}.lock`, 'utf8')) as {
      pid: number;
      port?: number;
      socketDir: string;
    };
    expect(lock.port).toBeUndefined();
    expect(fs.statSync(`${dbDir}.lock`).mode & 0o777).toBe(0o600);
    expect(fs.statSync(lock.socketDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(lock.socketDir, '.s.PGSQL.5432')).isSocket()).toBe(true);
    expect(url).toBe(`postgres://postgres@${encodeURIComponent(lock.socketDir)}/postgres`);
    if (fs.existsSync('/proc/net/tcp')) {
      const listening = listeningTcpInodes();
      expect(socketInodesOf(lock.pid).filter((i) => listening.has(i))).toEqual([]);
    }
  });

  it("a client's SET search_path = '' (or other session settings) does not break the gateway", async () => {
    const ds = app.get(DataSource);
    const evil = await attacker();
    try {
      await evil.query("SET search_path = ''");
      await evil.query('SET default_transaction_read_only = on');
      await expect(evil.query('SELECT count(*) FROM dataset')).rejects.toThrow(/does not exist/);
      // the gateway's next statements run with the application's settings
      const [{ n }] = await ds.query<{ n: string }[]>('SELECT count(*) AS n FROM dataset');
      expect(Number(n)).toBeGreaterThanOrEqual(0);
      const [{ default_transaction_read_only: ro }] = await ds.query<
        { default_transaction_read_only: string }[]
      >('SHOW default_transaction_read_only');
      expect(ro).toBe('off');
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ datasets { id } }' }),
      });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL');
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      await evil.end();
    }
    // and after the client has gone
    const [{ n }] = await ds.query<{ n: string }[]>('SELECT count(*) AS n FROM dataset');
    expect(Number(n)).toBeGreaterThanOrEqual(0);
  });

  it('/health answers 503 when the application schema cannot be queried, and 200 again after', async () => {
    const evil = await attacker();
    try {
      await evil.query('ALTER TABLE dataset RENAME TO dataset_moved_away');
      const res = await fetch(`${base}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', database: { kind: 'embedded' } });
    } finally {
      await evil.query('ALTER TABLE dataset_moved_away RENAME TO dataset');
      await evil.end();
    }
    const ok = await fetch(`${base}/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', database: { kind: 'embedded' } });
  });

  it('keeps the data directory 0700 and every file in it 0600', () => {
    expect(fs.statSync(dbDir).mode & 0o777).toBe(0o700);
    const entries = walk(dbDir);
    expect(entries.length).toBeGreaterThan(500);
    const open = entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600));
    expect(open.map((e) => `${e.mode.toString(8)} ${path.relative(dbDir, e.path)}`)).toEqual([]);
  });
});
