import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';

/**
 * Why this node must not start with the master keys it has: the key ring is missing or lacks keys that wrap
 * data keys, or its file is readable by others. Carries the process exit code the gateway and the CLI use.
 */
export class KeyRingStartupError extends Error {
  constructor(
    readonly code: 'KEY_RING_MISSING' | 'KEY_RING_INCOMPLETE' | 'KEY_RING_EXPOSED',
    message: string,
  ) {
    super(message);
    this.name = 'KeyRingStartupError';
  }

  /** 66 (EX_NOINPUT: restore the key ring) or 77 (EX_NOPERM: fix the file's mode). */
  get exitCode(): number {
    return this.code === 'KEY_RING_EXPOSED' ? 77 : 66;
  }
}

/** Which master key wraps which data keys (from the `dataset_key` table). */
export interface WrappedKeyUsage {
  masterKeyId: string;
  dataKeys: number;
  datasets: string[];
}

interface KeyRingFile {
  format: 'helixgate-master-keys/v1';
  current: string;
  keys: Record<string, { key: string; createdAt: string }>;
}

/**
 * Master keys (key-encryption keys). They never touch the database: they come from HELIXGATE_MASTER_KEY
 * (one key, e.g. injected from a secrets manager) or from a key-ring file (mode 0600) that holds the current
 * key and older ones still needed to unwrap data keys until `helixgate keys rotate --master` has rewrapped them.
 * The file is re-read when a key id is not known, so a running gateway picks up a rotation done by the CLI.
 *
 * A ring is created only by `verifyAtStartup` on a node whose database holds no wrapped data key: a missing
 * ring on a node with encrypted data means the file was lost or not restored, and a fresh ring would wrap
 * new data under a key the old data does not know (restoring the old file later would strand that data).
 */
@Injectable()
export class MasterKeyRing {
  private readonly logger = new Logger('MasterKeyRing');
  private ring: KeyRingFile | null = null;

  constructor(private readonly config: HelixgateConfig) {}

  get fromEnvironment(): boolean {
    return Boolean(this.config.vars.HELIXGATE_MASTER_KEY);
  }

  current(): { id: string; key: Buffer } {
    const ring = this.load();
    return { id: ring.current, key: this.decode(ring, ring.current) };
  }

  get(id: string): Buffer {
    let ring = this.load();
    if (!ring.keys[id] && !this.fromEnvironment) ring = this.load(true);
    if (!ring.keys[id]) throw new DomainError('KEY_UNAVAILABLE', `master key ${id} is not in the key ring`);
    return this.decode(ring, id);
  }

  ids(): string[] {
    return Object.keys(this.load(true).keys);
  }

  /**
   * Checks the ring against the master keys the database's data keys are wrapped with, before the node
   * serves anything; creates the ring file when it is absent and no data key is wrapped yet. With `refuse`
   * a gap throws KeyRingStartupError; with `warn` (a database shared by several test nodes) it is logged.
   */
  verifyAtStartup(usage: WrappedKeyUsage[], mode: 'refuse' | 'warn'): void {
    const complain = (err: KeyRingStartupError) => {
      if (mode === 'refuse') throw err;
      // On a database shared by test nodes, other nodes' keys are the normal state: said at debug level
      // (CLI output stays clean); a ring created next to wrapped keys is still worth a warning.
      const message = `${err.message} (HELIXGATE_MASTER_KEY_CHECK=warn: starting anyway)`;
      if (err.code === 'KEY_RING_INCOMPLETE') this.logger.debug(message);
      else this.logger.warn(message);
    };
    const file = this.config.masterKeyFile;
    if (!this.fromEnvironment && !fs.existsSync(file)) {
      if (usage.length > 0) {
        complain(
          new KeyRingStartupError(
            'KEY_RING_MISSING',
            `master key ring ${file} is missing, but the database holds ${describeUsage(usage)}. ` +
              `Restore that file from your key backup (mode 0600), or set HELIXGATE_MASTER_KEY_FILE to where it is. ` +
              `A new ring is created only on a node without encrypted data: one created now would leave that data unreadable.`,
          ),
        );
      }
      this.createRingFile(file);
    }
    const ring = this.load(true); // refuses a file readable by group or others (KEY_RING_EXPOSED)
    const missing = usage.filter((u) => !ring.keys[u.masterKeyId]);
    if (missing.length > 0) {
      const source = this.fromEnvironment ? 'HELIXGATE_MASTER_KEY' : `the master key ring ${file}`;
      complain(
        new KeyRingStartupError(
          'KEY_RING_INCOMPLETE',
          `${source} lacks master keys the database needs: ${describeUsage(missing)}. ` +
            (this.fromEnvironment
              ? `Set HELIXGATE_MASTER_KEY to the key those data keys were wrapped with, or use the key ring file that holds them (HELIXGATE_MASTER_KEY_FILE).`
              : `Restore the key ring file that holds ${missing.map((m) => m.masterKeyId).join(', ')} from your key backup (mode 0600).`),
        ),
      );
    }
  }

  /** Adds a fresh master key and makes it current (key-ring file only). Returns its id. */
  addKey(): string {
    this.assertFileBacked('rotate the master key');
    const ring = this.load(true);
    const id = newKeyId();
    ring.keys[id] = { key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() };
    ring.current = id;
    this.write(ring);
    return id;
  }

  /** Removes master keys other than the current one that no data key is wrapped with any more. */
  removeUnused(stillUsed: ReadonlySet<string>): string[] {
    this.assertFileBacked('retire master keys');
    const ring = this.load(true);
    const removed = Object.keys(ring.keys).filter((id) => id !== ring.current && !stillUsed.has(id));
    for (const id of removed) delete ring.keys[id];
    this.write(ring);
    return removed;
  }

  private assertFileBacked(what: string): void {
    if (this.fromEnvironment) {
      throw new DomainError(
        'BAD_REQUEST',
        `cannot ${what}: the master key comes from HELIXGATE_MASTER_KEY; use a key-ring file (HELIXGATE_MASTER_KEY_FILE) to rotate in place`,
      );
    }
  }

  private load(force = false): KeyRingFile {
    if (this.ring && !force) return this.ring;
    const envKey = this.config.vars.HELIXGATE_MASTER_KEY;
    if (envKey) {
      const id = `env-${createHash('sha256').update(envKey).digest('hex').slice(0, 12)}`;
      this.ring = {
        format: 'helixgate-master-keys/v1',
        current: id,
        keys: { [id]: { key: envKey, createdAt: '' } },
      };
      return this.ring;
    }
    const file = this.config.masterKeyFile;
    if (!fs.existsSync(file)) {
      throw new DomainError('KEY_UNAVAILABLE', `master key ring ${file} is missing`);
    }
    assertPrivate(file);
    let parsed: KeyRingFile;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyRingFile;
    } catch (err) {
      throw new DomainError(
        'KEY_UNAVAILABLE',
        `master key ring ${file} is unreadable: ${(err as Error).message}`,
      );
    }
    if (parsed.format !== 'helixgate-master-keys/v1' || !parsed.keys?.[parsed.current]) {
      throw new DomainError(
        'KEY_UNAVAILABLE',
        `master key ring ${file} is not a valid key ring (format or current key missing)`,
      );
    }
    this.ring = parsed;
    return parsed;
  }

  private decode(ring: KeyRingFile, id: string): Buffer {
    const key = Buffer.from(ring.keys[id].key, 'base64');
    if (key.length !== 32) throw new DomainError('KEY_UNAVAILABLE', `master key ${id} is not 32 bytes`);
    return key;
  }

  private createRingFile(file: string): void {
    const id = newKeyId();
    const ring: KeyRingFile = {
      format: 'helixgate-master-keys/v1',
      current: id,
      keys: { [id]: { key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() } },
    };
    ensurePrivateDir(path.dirname(file), this.logger);
    try {
      fs.writeFileSync(file, JSON.stringify(ring, null, 2), { mode: 0o600, flag: 'wx' });
      this.logger.warn(
        `created a new master key ring at ${file}: back it up; without it the encrypted data is lost`,
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process created it first
    }
  }

  private write(ring: KeyRingFile): void {
    const file = this.config.masterKeyFile;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(ring, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file); // atomic replace: a reader sees the old or the new ring, never half of one
    this.ring = ring;
  }
}

/** A key file that group or others may read, write or execute is refused: it says `chmod 600`. */
function assertPrivate(file: string): void {
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new KeyRingStartupError(
      'KEY_RING_EXPOSED',
      `master key ring ${file} has mode ${mode.toString(8).padStart(4, '0')}: group or others may read it. ` +
        `Run \`chmod 600 ${file}\` (and keep its directory 0700), then start again.`,
    );
  }
}

/** Creates `dir` (and missing parents) 0700; warns when an existing one is open to group or others. */
function ensurePrivateDir(dir: string, logger: Logger): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700); // mkdir's mode is masked by the umask
    return;
  }
  const mode = fs.statSync(dir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    logger.warn(
      `the key ring's directory ${dir} has mode ${mode.toString(8).padStart(4, '0')}: run \`chmod 700 ${dir}\``,
    );
  }
}

function describeUsage(usage: WrappedKeyUsage[]): string {
  const dataKeys = usage.reduce((n, u) => n + u.dataKeys, 0);
  const datasets = [...new Set(usage.flatMap((u) => u.datasets))].sort();
  const shown =
    datasets.slice(0, 5).join(', ') + (datasets.length > 5 ? `, … (${datasets.length} in all)` : '');
  return `${dataKeys} data key(s) of dataset(s) ${shown} wrapped by master key(s) ${usage.map((u) => u.masterKeyId).join(', ')}`;
}

function newKeyId(): string {
  return `mk-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}
