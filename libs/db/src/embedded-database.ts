import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { SessionSafeQueryQueue } from './session-safe-queue';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) in a data directory, served with pglite-socket
 * so that TypeORM's ordinary `postgres` driver talks to it exactly as to a server.
 *
 * PGlite has no authentication and one superuser session that every client shares. So it is served on a
 * Unix socket inside a 0700 directory (`<db dir>.sock/`, or a private temporary directory when that path is
 * too long for a socket), never on a TCP port: only this node's user can connect. The data directory is
 * 0700 and its files 0600 (the owning process runs with umask 077; files left by earlier versions are fixed
 * at start). Between two clients' turns the shared session's `search_path` is pinned again
 * (SessionSafeQueryQueue), so that a client's `SET search_path` cannot break the others.
 *
 * One process owns the data directory (a lock file beside it, 0600, records its pid and socket directory).
 * Any other Helixgate process on the machine (the CLI while the gateway runs) connects to the owner's socket
 * instead of opening the files a second time, which would corrupt them.
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
  /** The directory holding the owner's socket (`.s.PGSQL.5432`); null while it starts. */
  socketDir: string | null;
}

/** libpq's and node-postgres' name for a server socket in its directory (port 5432). */
const SOCKET_FILE = '.s.PGSQL.5432';
/** sun_path holds 108 bytes on Linux (104 on macOS), the terminating NUL included. */
const MAX_SOCKET_PATH = 100;

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

/** A connection string for a Unix socket directory (node-postgres decodes a host that starts with `/`). */
const urlFor = (socketDir: string) => `postgres://postgres@${encodeURIComponent(socketDir)}/postgres`;

/** Makes `dir` 0700 (created if missing) and every file below it 0600, every directory 0700. */
export function makePrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (d: string) => {
    fs.chmodSync(d, 0o700);
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) fs.chmodSync(p, 0o600);
    }
  };
  walk(dir);
}

/** A fresh 0700 directory for the socket: beside the data directory, or in the temp dir if too long. */
function createSocketDir(dir: string): string {
  let socketDir = `${dir}.sock`;
  if (Buffer.byteLength(path.join(socketDir, SOCKET_FILE)) > MAX_SOCKET_PATH) {
    socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-db-')); // created 0700
  } else {
    fs.rmSync(socketDir, { recursive: true, force: true }); // a stale one from a process that died
    fs.mkdirSync(socketDir, { mode: 0o700 });
  }
  fs.chmodSync(socketDir, 0o700);
  return socketDir;
}

export async function openEmbeddedDatabase(
  dataDir: string,
  opts: { waitMs?: number } = {},
): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  const lockPath = `${dir}.lock`;
  const deadline = Date.now() + (opts.waitMs ?? 15_000);

  for (;;) {
    const lock = readLock(lockPath);
    if (lock && lock.pid !== process.pid && isAlive(lock.pid)) {
      if (lock.socketDir) {
        return { url: urlFor(lock.socketDir), owned: false, close: async () => undefined };
      }
      // The owner is still starting; wait for its socket.
    } else {
      if (lock) fs.rmSync(lockPath, { force: true }); // stale: its process is gone
      try {
        const fd = fs.openSync(lockPath, 'wx', 0o600);
        fs.writeSync(fd, JSON.stringify({ pid: process.pid, socketDir: null } satisfies LockContent));
        fs.closeSync(fd);
        return await serve(dir, lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        // another process won the race; loop and read its lock
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `embedded database ${dir} is locked by pid ${lock?.pid ?? '?'} which did not publish its socket`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function serve(dir: string, lockPath: string): Promise<EmbeddedDatabase> {
  let socketDir: string | undefined;
  try {
    // Everything this process creates from now on (PGlite's files, the socket) is private to its user.
    process.umask(0o077);
    makePrivate(dir);
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const pglite = await PGlite.create(dir);
    makePrivate(dir); // files written before the umask took effect (or by an earlier version)
    socketDir = createSocketDir(dir);
    const server = new PGLiteSocketServer({
      db: pglite,
      path: path.join(socketDir, SOCKET_FILE),
      maxConnections: MAX_CLIENTS,
    });
    // Replace the message-level multiplexer with one that keeps each client's statements and transactions
    // whole, and pins the session's search_path whenever another client's turn begins.
    (server as unknown as { queryQueue: SessionSafeQueryQueue }).queryQueue = new SessionSafeQueryQueue(
      pglite,
    );
    await server.start();
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, socketDir } satisfies LockContent), {
      mode: 0o600,
    });
    let closed = false;
    const ownSocketDir = socketDir;
    return {
      url: urlFor(socketDir),
      owned: true,
      pglite,
      close: async () => {
        if (closed) return;
        closed = true;
        await server.stop();
        await pglite.close();
        fs.rmSync(lockPath, { force: true });
        fs.rmSync(ownSocketDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(lockPath, { force: true });
    if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
    throw err;
  }
}
