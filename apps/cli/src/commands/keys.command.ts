import type { Command } from 'commander';
import * as readline from 'node:readline';
import { BackupService, type CatalogedBackup } from '@helixgate/backup';
import { type DataKeyInfo, EnvelopeService, MasterKeyRing } from '@helixgate/crypto';
import { CliError, withApp, withOperation } from '../cli-context';
import { type Column, type OutputOptions, printJson, printTable, withJsonOption } from '../output';
import { withProgress } from '../progress';

/** Versions and the master key id that wraps them: never key material. */
const DATA_KEY_COLUMNS: Column<DataKeyInfo>[] = [
  { header: 'DATASET', key: 'datasetId', value: (k) => k.datasetId },
  { header: 'VERSION', key: 'version', value: (k) => k.version, text: (k) => `v${k.version}` },
  {
    header: 'STATE',
    key: 'state',
    value: (k) => (k.retiredAt ? 'retired' : 'current'),
    text: (k) => (k.retiredAt ? `retired ${k.retiredAt.toISOString()}` : 'current'),
  },
  {
    header: 'RETIRED_AT',
    key: 'retiredAt',
    value: (k) => k.retiredAt?.toISOString() ?? null,
    inTable: false,
  },
  {
    header: 'MASTER_KEY',
    key: 'masterKeyId',
    value: (k) => k.masterKeyId,
    text: (k) => `wrapped by ${k.masterKeyId}`,
  },
];

/** Asks on the terminal; true when the operator types "yes". */
function confirm(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer.trim().toLowerCase() === 'yes');
    });
  });
}

/**
 * Before master keys are retired: the backups in the catalogue that need them and do not carry them become
 * unrestorable once the keys are gone. Say which, and go on only with --yes (or "yes" typed on a terminal).
 */
async function confirmStranding(
  stranded: CatalogedBackup[],
  retiring: string[],
  yes: boolean,
): Promise<void> {
  if (stranded.length === 0) return;
  const lines = [
    `warning: retiring master key(s) ${retiring.join(', ')} strands ${stranded.length} backup(s): they cannot be ` +
      'restored without those keys. Keep a copy of the current key ring with them before retiring:',
    ...stranded.map(
      (b) => `  ${b.id}  ${b.createdAt.toISOString()}  needs ${b.masterKeyIds.join(', ')}  ${b.location}`,
    ),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  if (yes) return;
  if (process.stdin.isTTY && (await confirm('type "yes" to retire the keys anyway: '))) return;
  throw new CliError(
    `refusing to retire master keys that ${stranded.length} backup(s) need: pass --yes to retire them anyway`,
    1,
  );
}

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('encryption keys: list and rotate');
  withJsonOption(keys.command('list'))
    .description('list data-key versions per dataset (never the keys themselves)')
    .option('--dataset <id>', 'only this dataset')
    .action((opts: OutputOptions & { dataset?: string }) =>
      withApp(async (app) => {
        printTable(await app.get(EnvelopeService).listDataKeys(opts.dataset), DATA_KEY_COLUMNS, opts);
      }),
    );
  keys
    .command('rotate')
    .description('rotate the master key (rewraps every data key, no downtime) or a dataset data key')
    .option('--master', 'create a new master key and rewrap all data keys under it')
    .option('--retire-old', 'with --master: remove master keys no data key uses any more')
    .option('--yes', 'with --retire-old: retire even when recorded backups need the retired keys')
    .option('--dataset <id>', 'start a new data-key version for this dataset (new values use it)')
    .option(
      '--json',
      'print JSON: {"master": {...} | null, "dataset": {"datasetId", "version"} | null} (key ids only)',
    )
    .action(
      (opts: { master?: boolean; retireOld?: boolean; yes?: boolean; dataset?: string; json?: boolean }) => {
        // a usage error, before anything is opened
        if (!opts.master && !opts.dataset) {
          throw new CliError('say what to rotate: --master and/or --dataset <id>', 64);
        }
        return withOperation('keys rotate', async ({ app, audit }) => {
          const envelope = app.get(EnvelopeService);
          const result: {
            master: { masterKeyId: string; rewrapped: number; foreign: number; retired: string[] } | null;
            dataset: { datasetId: string; version: number } | null;
          } = {
            master: null,
            dataset: null,
          };
          if (opts.master) {
            const ring = app.get(MasterKeyRing);
            if (opts.retireOld && !ring.fromEnvironment) {
              // After the rewrap no data key uses the keys in the ring now: all of them are retired.
              const retiring = ring.ids();
              const stranded = await app.get(BackupService).strandedBy(retiring);
              await confirmStranding(stranded, retiring, Boolean(opts.yes));
              if (stranded.length) audit.annotate({ detail: { strandedBackups: stranded.map((b) => b.id) } });
            }
            const r = await withProgress('rewrap', 'data keys', (onProgress) =>
              envelope.rotateMasterKey({ retireOld: opts.retireOld, onProgress }),
            );
            // key ids and counts only: never key material (the audit detail and --json alike)
            result.master = {
              masterKeyId: r.masterKeyId,
              rewrapped: r.rewrapped,
              foreign: r.foreign,
              retired: r.retired,
            };
            audit.annotate({ detail: { ...result.master } });
            if (!opts.json)
              process.stdout.write(
                `master key ${r.masterKeyId} is current; ${r.rewrapped} data keys rewrapped` +
                  (r.foreign
                    ? `; ${r.foreign} wrapped by master keys not in this ring were left as they are`
                    : '') +
                  (r.retired.length ? `; retired ${r.retired.join(', ')}` : '') +
                  '\n',
              );
          }
          if (opts.dataset) {
            audit.annotate({ datasetIds: [opts.dataset] });
            const v = await envelope.rotateDataKey(opts.dataset);
            audit.annotate({ detail: { keyVersion: v } });
            result.dataset = { datasetId: opts.dataset, version: v };
            if (!opts.json) process.stdout.write(`dataset ${opts.dataset}: data key v${v} is current\n`);
          }
          if (opts.json) printJson(result);
        });
      },
    );
}
