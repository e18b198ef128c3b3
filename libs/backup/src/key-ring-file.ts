import * as fs from 'node:fs';
import * as path from 'node:path';
import { BackupError } from './backup-error';

/** The key-ring file format of libs/crypto's MasterKeyRing (`helixgate-master-keys/v1`). */
export interface KeyRingFile {
  format: 'helixgate-master-keys/v1';
  current: string;
  keys: Record<string, { key: string; createdAt: string }>;
}

export function readKeyRingFile(file: string): KeyRingFile {
  const ring = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyRingFile;
  if (ring.format !== 'helixgate-master-keys/v1' || !ring.keys?.[ring.current]) {
    throw new BackupError('BACKUP_INVALID', `${file} is not a master key ring`);
  }
  return ring;
}

/**
 * Puts the master keys a backup carries where the node reads its ring: a node with no ring file gets the
 * backup's ring; a node with one gets the keys it lacks added (its current key and its other keys are kept,
 * nothing is replaced). Written atomically, mode 0600. Returns the key ids added.
 */
export function installKeysFromBackup(ringFile: string, fromBackup: KeyRingFile, needed: string[]): string[] {
  if (!fs.existsSync(ringFile)) {
    fs.mkdirSync(path.dirname(ringFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(ringFile, JSON.stringify(fromBackup, null, 2), { mode: 0o600, flag: 'wx' });
    return Object.keys(fromBackup.keys);
  }
  const ring = readKeyRingFile(ringFile);
  const added = needed.filter((id) => !ring.keys[id] && fromBackup.keys[id]);
  if (added.length === 0) return [];
  for (const id of added) ring.keys[id] = fromBackup.keys[id];
  const tmp = `${ringFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(ring, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, ringFile);
  return added;
}
