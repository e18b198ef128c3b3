import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HelixgateConfig } from '@helixgate/config';
import { MasterKeyRing } from '@helixgate/crypto';
import { BackupError } from './backup-error';
import { readVerifiedBackup, sha256File, type BackupManifest } from './backup-manifest';
import { restoreEmbedded, restorePostgres, type DatabaseFacts } from './database-dump';
import { installKeysFromBackup, readKeyRingFile } from './key-ring-file';
import { nodeFiles } from './node-files';

export interface PreparedRestore {
  dir: string;
  manifest: BackupManifest;
  manifestSha256: string;
  facts: DatabaseFacts;
  /** Master keys added to the node's ring from a backup made with --include-keys. */
  keysInstalled: string[];
  /** Node files written (they were absent), kept (identical), or left alone because they differ. */
  files: { restored: string[]; differing: { file: string; backupCopy: string }[] };
  /** The replaced embedded database, moved aside (with --force). */
  movedAside: string | null;
}

/** Master-key ids this node's ring holds, read without creating a ring when there is none. */
function availableKeyIds(config: HelixgateConfig): string[] {
  if (!config.vars.HELIXGATE_MASTER_KEY && !fs.existsSync(config.masterKeyFile)) return [];
  return new MasterKeyRing(config).ids();
}

/**
 * Restores a backup's database before the application opens it: checks every part against the manifest,
 * checks that the master keys the backup needs are in the node's ring (or carried by the backup), refuses a
 * database that holds data unless `force`, loads the dump, and compares the restored row counts with the
 * manifest's. Then puts back the node's keys where they are missing. The caller then opens the application
 * (which applies pending migrations) and runs BackupService.checkRestored.
 */
export async function restoreBeforeOpen(
  config: HelixgateConfig,
  backupDir: string,
  opts: { force?: boolean } = {},
): Promise<PreparedRestore> {
  const dir = path.resolve(backupDir);
  const { manifest, manifestSha256 } = await readVerifiedBackup(dir);

  // Keys before anything changes: a backup whose data keys cannot be unwrapped is refused untouched.
  const available = new Set(availableKeyIds(config));
  const carried = manifest.keysIncluded ? readKeyRingFile(path.join(dir, 'keys/master-keys.json')) : null;
  const lacking = manifest.masterKeyIds.filter((id) => !available.has(id));
  const missing = lacking.filter((id) => !carried?.keys[id]);
  if (missing.length > 0) {
    throw new BackupError(
      'KEYS_MISSING',
      `the backup's data keys are wrapped by master keys this node does not hold: ${missing.join(', ')}. ` +
        `Put the key ring that holds them at ${config.masterKeyFile} (HELIXGATE_MASTER_KEY_FILE) and run the ` +
        'restore again; nothing was restored',
    );
  }
  if (lacking.length > 0 && config.vars.HELIXGATE_MASTER_KEY) {
    throw new BackupError(
      'KEYS_MISSING',
      `the backup carries master keys ${lacking.join(', ')} but this node takes its master key from ` +
        'HELIXGATE_MASTER_KEY: use a key-ring file (HELIXGATE_MASTER_KEY_FILE) to restore it; nothing was restored',
    );
  }

  const dbPart = manifest.parts.find((p) => p.kind === 'database')!;
  const wantKind = config.databaseUrl ? 'postgres' : 'embedded';
  if (manifest.database.kind !== wantKind) {
    throw new BackupError(
      'BACKUP_INVALID',
      `the backup holds ${manifest.database.kind === 'postgres' ? 'a PostgreSQL' : 'an embedded'} database; this ` +
        `node is configured for ${wantKind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database'}` +
        ': restore it into the same kind',
    );
  }
  let facts: DatabaseFacts;
  let movedAside: string | null = null;
  if (config.databaseUrl) {
    facts = await restorePostgres(config.databaseUrl, path.join(dir, dbPart.path), {
      replace: Boolean(opts.force),
    });
  } else {
    ({ facts, movedAside } = await restoreEmbedded(config.embeddedDbDir, path.join(dir, dbPart.path), {
      replace: Boolean(opts.force),
    }));
  }
  const wrong = Object.entries(manifest.database.counts).filter(([t, n]) => facts.counts[t] !== n);
  if (wrong.length > 0 || facts.lastAuditSeq !== manifest.database.lastAuditSeq) {
    throw new BackupError(
      'VERIFY_FAILED',
      `the restored database differs from the manifest: ${wrong
        .map(([t, n]) => `${t} ${facts.counts[t] ?? 'missing'} rows (backup: ${n})`)
        .join(
          ', ',
        )}${facts.lastAuditSeq !== manifest.database.lastAuditSeq ? ' (last audit seq differs)' : ''}`,
    );
  }

  const keysInstalled =
    carried && lacking.length > 0 ? installKeysFromBackup(config.masterKeyFile, carried, lacking) : [];
  const files: PreparedRestore['files'] = { restored: [], differing: [] };
  const byName = new Map(nodeFiles(config).map((f) => [f.rel, f]));
  for (const part of manifest.parts.filter((p) => p.kind === 'node-key' || p.kind === 'policy')) {
    const dest =
      byName.get(part.path)?.abs ??
      (part.kind === 'policy' ? path.join(config.policiesDir, path.basename(part.path)) : null);
    if (!dest) continue;
    const src = path.join(dir, part.path);
    if (!fs.existsSync(dest)) {
      if (part.kind === 'policy') {
        files.differing.push({ file: dest, backupCopy: src }); // policies are the operator's: report, never write
        continue;
      }
      fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
      fs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(dest, 0o600);
      files.restored.push(dest);
    } else if ((await sha256File(dest)).sha256 !== part.sha256) {
      files.differing.push({ file: dest, backupCopy: src });
    }
  }
  return { dir, manifest, manifestSha256, facts, keysInstalled, files, movedAside };
}
