import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BackupError } from './backup-error';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'helixgate-backup/v1';

/** One file of a backup, named relative to the backup directory. */
export interface BackupPart {
  path: string;
  kind: 'database' | 'master-keys' | 'node-key' | 'policy';
  bytes: number;
  sha256: string;
}

export type DatabaseKind = 'postgres' | 'embedded';

/** What a restore needs to know, written last (after every part) as `manifest.json`. */
export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  id: string;
  createdAt: string;
  nodeId: string;
  createdBy: string;
  database: {
    kind: DatabaseKind;
    /** pg_dump custom format (pg_restore), or PGlite's data directory as a gzipped tar (loadDataDir). */
    method: 'pg_dump' | 'pglite-datadir';
    serverVersion: string;
    /** Migrations applied, and the last one's name (the schema version). */
    migrations: number;
    schemaVersion: string | null;
    /** Rows per application table, read in the same snapshot as the dump. */
    counts: Record<string, number>;
    lastAuditSeq: number | null;
  };
  /** Master-key ids that `dataset_key` rows name: a restore needs every one of them in the key ring. */
  masterKeyIds: string[];
  /** True when `--include-keys` put the master key ring in the backup (keys/master-keys.json). */
  keysIncluded: boolean;
  parts: BackupPart[];
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export async function describePart(dir: string, rel: string, kind: BackupPart['kind']): Promise<BackupPart> {
  return { path: rel, kind, ...(await sha256File(path.join(dir, rel))) };
}

/** Writes the manifest (mode 0600) and returns its sha256 (the catalogue records it). */
export function writeManifest(dir: string, manifest: BackupManifest): string {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), text, { mode: 0o600 });
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads a backup's manifest and checks every part it names against its size and sha256 (and that no part
 * escapes the directory). Throws BACKUP_INVALID / BACKUP_TAMPERED naming the part; nothing is touched.
 */
export async function readVerifiedBackup(
  dir: string,
): Promise<{ manifest: BackupManifest; manifestSha256: string }> {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new BackupError('BACKUP_INVALID', `${dir} is not a Helixgate backup: no ${MANIFEST_FILE}`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch (err) {
    throw new BackupError('BACKUP_INVALID', `${file}: not JSON (${(err as Error).message})`);
  }
  if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.parts)) {
    throw new BackupError('BACKUP_INVALID', `${file}: format is not ${MANIFEST_FORMAT}`);
  }
  if (!manifest.parts.some((p) => p.kind === 'database')) {
    throw new BackupError('BACKUP_INVALID', `${file}: names no database part`);
  }
  const root = path.resolve(dir);
  for (const part of manifest.parts) {
    const abs = path.resolve(root, part.path);
    if (!abs.startsWith(root + path.sep)) {
      throw new BackupError('BACKUP_INVALID', `${file}: part ${part.path} lies outside the backup`);
    }
    if (!fs.existsSync(abs)) {
      throw new BackupError('BACKUP_INVALID', `backup ${dir}: part ${part.path} is missing`);
    }
    const actual = await sha256File(abs);
    if (actual.bytes !== part.bytes || actual.sha256 !== part.sha256) {
      throw new BackupError(
        'BACKUP_TAMPERED',
        `backup ${dir}: part ${part.path} does not match the manifest ` +
          `(sha256 ${actual.sha256.slice(0, 16)}…, ${actual.bytes} bytes; expected ${part.sha256.slice(0, 16)}…, ` +
          `${part.bytes} bytes): damaged or altered; nothing was restored`,
      );
    }
  }
  return { manifest, manifestSha256: createHash('sha256').update(text).digest('hex') };
}
