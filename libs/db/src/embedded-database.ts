import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { SessionSafeQueryQueue } from './session-safe-queue';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) in a data directory, served on a loopback
 * port with pglite-socket so that TypeORM's ordinary `postgres` driver talks to it exactly as to a server.
 *
 * One process owns the data directory (a lock file beside it records its pid and port). Any other Helixgate
 * process on the machine (the CLI while the gateway runs) connects to the owner's port instead of opening
 * the files a second time, which would corrupt them.
 */
export interface EmbeddedDatabase {
  url: string;
  /** True when this process opened the files and serves them. */
  owned: boolean;
  /** The in-process PGlite instance, when owned (bulk ingest may use it directly). */
  pglite?: PGlite;
  close(): Promise<void>;
}

interface LockContent {
  pid: number;
  port: number | null;
}

const MAX_CLIENTS = 16;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lockPath: string): LockContent | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
  } catch {
    return null;
  }
}

const urlFor = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

export async function openEmbeddedDatabase(
  dataDir: string,
  opts: { waitMs?: number } = {},
): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = `${dir}.lock`;
  const deadline = Date.now() + (opts.waitMs ?? 15_000);

  for (;;) {
    const lock = readLock(lockPath);
    if (lock && lock.pid !== process.pid && isAlive(lock.pid)) {
      if (lock.port !== null) {
        return { url: urlFor(lock.port), owned: false, close: async () => undefined };
      }
      // The owner is still starting; wait for its port.
    } else {
      if (lock) fs.rmSync(lockPath, { force: true }); // stale: its process is gone
      try {
        const fd = fs.openSync(lockPath, 'wx', 0o600);
        fs.writeSync(fd, JSON.stringify({ pid: process.pid, port: null } satisfies LockContent));
        fs.closeSync(fd);
        return await serve(dir, lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        // another process won the race; loop and read its lock
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `embedded database ${dir} is locked by pid ${lock?.pid ?? '?'} which did not publish a port`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function serve(dir: string, lockPath: string): Promise<EmbeddedDatabase> {
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const pglite = await PGlite.create(dir);
    const server = new PGLiteSocketServer({
      db: pglite,
      host: '127.0.0.1',
      port: 0,
      maxConnections: MAX_CLIENTS,
    });
    // Replace the message-level multiplexer with one that keeps each client's statements and transactions whole.
    (server as unknown as { queryQueue: SessionSafeQueryQueue }).queryQueue = new SessionSafeQueryQueue(
      pglite,
    );
    await server.start();
    const port = (server as unknown as { port: number }).port;
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, port } satisfies LockContent), {
      mode: 0o600,
    });
    let closed = false;
    return {
      url: urlFor(port),
      owned: true,
      pglite,
      close: async () => {
        if (closed) return;
        closed = true;
        await server.stop();
        await pglite.close();
        fs.rmSync(lockPath, { force: true });
      },
    };
  } catch (err) {
    fs.rmSync(lockPath, { force: true });
    throw err;
  }
}
