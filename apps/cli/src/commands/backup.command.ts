import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import {
  BackupError,
  BackupService,
  restoreBeforeOpen,
  type CatalogedBackup,
  type PreparedRestore,
} from '@helixgate/backup';
import { ConfigError, loadConfig } from '@helixgate/config';
import { CliError, withApp, withOperation } from '../cli-context';
import { type Column, type OutputOptions, printTable, withJsonOption } from '../output';

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;

/** The catalogue: master keys by id only (a backup made with --include-keys carries them; never printed). */
const BACKUP_COLUMNS: Column<CatalogedBackup>[] = [
  { header: 'ID', key: 'id', value: (b) => b.id },
  { header: 'CREATED_AT', key: 'createdAt', value: (b) => b.createdAt.toISOString() },
  { header: 'DATABASE', key: 'databaseKind', value: (b) => b.databaseKind },
  { header: 'SIZE', key: 'bytes', value: (b) => b.bytes, text: (b) => mib(b.bytes) },
  {
    header: 'KEYS',
    key: 'masterKeyIds',
    value: (b) => [...b.masterKeyIds],
    text: (b) => (b.keysIncluded ? 'keys included' : `needs ${b.masterKeyIds.join(',') || '(no key)'}`),
  },
  { header: 'KEYS_INCLUDED', key: 'keysIncluded', value: (b) => b.keysIncluded, inTable: false },
  { header: 'LOCATION', key: 'location', value: (b) => b.location },
];

/** A backup problem as the CLI reports it: the message and the problem's exit code. */
function asCliError(err: unknown): unknown {
  return err instanceof BackupError ? new CliError(`${err.problem}: ${err.message}`, err.exitCode) : err;
}

function printPrepared(p: PreparedRestore): void {
  const m = p.manifest;
  const rows = Object.values(p.facts.counts).reduce((a, b) => a + b, 0);
  const lines = [
    `restored backup ${m.id} of node ${m.nodeId} (${m.createdAt}) from ${p.dir}`,
    `  checksums:   ${m.parts.length} parts match the manifest`,
    `  database:    ${m.database.kind}, ${Object.keys(p.facts.counts).length} tables, ${rows} rows (as in the manifest), ` +
      `schema ${m.database.schemaVersion ?? '(none)'}`,
    `  master keys: ${m.masterKeyIds.length ? m.masterKeyIds.join(', ') : '(none needed)'}` +
      (p.keysInstalled.length ? `; added to the ring from the backup: ${p.keysInstalled.join(', ')}` : ''),
  ];
  if (p.movedAside) lines.push(`  the replaced embedded database was moved to ${p.movedAside}`);
  for (const f of p.files.restored) lines.push(`  restored ${f}`);
  for (const d of p.files.differing)
    lines.push(`  warning: ${d.file} differs from the backup's copy (${d.backupCopy}); kept as it is`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `helixgate backup`, `helixgate backups`, `helixgate restore`. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'back up the database (pg_dump snapshot, or the embedded data directory), node keys and policies, with a ' +
        'checksummed manifest; master keys are referenced by id unless --include-keys',
    )
    .argument('<dir>', 'an existing directory (a new backup directory is made in it) or a new path')
    .option(
      '--include-keys',
      'also write the master key ring into the backup (then guard the backup like the keys)',
    )
    .action((target: string, opts: { includeKeys?: boolean }) =>
      withOperation('backup', async ({ app, audit, caller }) => {
        let r;
        try {
          r = await app
            .get(BackupService)
            .create(target, { includeKeys: opts.includeKeys, createdBy: caller.subject ?? 'local operator' });
        } catch (err) {
          throw asCliError(err);
        }
        const m = r.manifest;
        audit.annotate({
          detail: {
            backupId: m.id,
            location: r.dir,
            databaseKind: m.database.kind,
            schemaVersion: m.database.schemaVersion,
            lastAuditSeq: m.database.lastAuditSeq,
            masterKeyIds: m.masterKeyIds,
            keysIncluded: m.keysIncluded,
            bytes: r.bytes,
            manifestSha256: r.manifestSha256,
          },
        });
        process.stdout.write(
          `backup ${m.id} written to ${r.dir}\n` +
            `  database:    ${m.database.kind} (${m.database.method}), schema ${m.database.schemaVersion}, ` +
            `audit events up to seq ${m.database.lastAuditSeq ?? 0}\n` +
            `  parts:       ${m.parts.length}, ${mib(r.bytes)} in ${(r.durationMs / 1000).toFixed(1)} s\n` +
            `  master keys: ${m.masterKeyIds.join(', ') || '(none needed)'} — ` +
            (m.keysIncluded
              ? 'INCLUDED in the backup: keep it as secret as the key ring\n'
              : 'NOT included: a restore needs the key ring that holds them\n'),
        );
      }),
    );

  withJsonOption(program.command('backups'))
    .description('list the backups recorded in the catalogue and the master keys each needs')
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        printTable(await app.get(BackupService).list(), BACKUP_COLUMNS, opts);
      }),
    );

  program
    .command('restore')
    .description(
      'restore a backup into an empty database (or, with --force, in place of the current one): checks the ' +
        'manifest checksums and the master keys first, applies pending migrations, verifies the audit chain',
    )
    .argument('<backup>', 'the backup directory (holding manifest.json)')
    .option(
      '--force',
      'replace a database that holds data (PostgreSQL: its public schema; embedded: moved aside)',
    )
    .action(async (backupDir: string, opts: { force?: boolean }) => {
      let config;
      try {
        config = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(err.message, 78);
        throw err;
      }
      let prepared: PreparedRestore;
      try {
        prepared = await restoreBeforeOpen(config, backupDir, { force: opts.force });
      } catch (err) {
        throw asCliError(err);
      }
      printPrepared(prepared);
      // Opening the application applies pending migrations; the restore is then checked and recorded in the
      // restored trail (after the events it verified).
      await withOperation('restore', async ({ app, audit, caller }) => {
        const [{ n, name }] = await app.get(DataSource).query<{ n: string; name: string }[]>(
          `SELECT count(*)::text AS n,
                    (SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1) AS name
               FROM schema_migrations`,
        );
        const check = await app.get(BackupService).checkRestored(caller, {
          manifest: prepared.manifest,
          manifestSha256: prepared.manifestSha256,
          location: prepared.dir,
        });
        const a = check.audit;
        audit.annotate({
          detail: {
            backupId: prepared.manifest.id,
            location: prepared.dir,
            manifestSha256: prepared.manifestSha256,
            databaseKind: prepared.manifest.database.kind,
            migrationsApplied: Number(n) - prepared.manifest.database.migrations,
            keysInstalled: prepared.keysInstalled,
            auditOk: a.ok,
            auditEventsChecked: a.eventsChecked,
            missingKeys: check.missingKeys,
            keyFailures: check.keyFailures,
          },
        });
        process.stdout.write(
          [
            `  migrations:  ${Number(n) - prepared.manifest.database.migrations} applied now; schema ${name}`,
            `  data keys:   ${check.datasetsChecked} datasets unwrap` +
              (check.missingKeys.length ? `; MISSING master keys ${check.missingKeys.join(', ')}` : '') +
              (check.keyFailures.length ? `; FAILED to unwrap for ${check.keyFailures.join(', ')}` : ''),
            `  audit chain: ${a.ok ? 'ok' : `BROKEN: ${a.message}`} (${a.eventsChecked} events, last seq ` +
              `${a.lastSeq ?? 0}, ${a.checkpointsVerified} checkpoints verified)`,
            `result: ${check.ok ? 'restore verified' : 'RESTORE FAILED VERIFICATION'}`,
          ].join('\n') + '\n',
        );
        if (!check.ok) throw new CliError('the restored database failed verification (see above)', 2);
      });
    });
}
