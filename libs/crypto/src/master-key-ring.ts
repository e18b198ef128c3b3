import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';

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
      const id = newKeyId();
      const ring: KeyRingFile = {
        format: 'helixgate-master-keys/v1',
        current: id,
        keys: { [id]: { key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() } },
      };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        fs.writeFileSync(file, JSON.stringify(ring, null, 2), { mode: 0o600, flag: 'wx' });
        this.logger.warn(
          `created a new master key ring at ${file}: back it up; without it the encrypted data is lost`,
        );
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process created it first
      }
    }
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

  private write(ring: KeyRingFile): void {
    const file = this.config.masterKeyFile;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(ring, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file); // atomic replace: a reader sees the old or the new ring, never half of one
    this.ring = ring;
  }
}

function newKeyId(): string {
  return `mk-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}
