import type { Command } from 'commander';
import { EnvelopeService } from '@helixgate/crypto';
import { CliError, withApp, withOperation } from '../cli-context';

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('encryption keys: list and rotate');
  keys
    .command('list')
    .description('list data-key versions per dataset (never the keys themselves)')
    .option('--dataset <id>', 'only this dataset')
    .action((opts: { dataset?: string }) =>
      withApp(async (app) => {
        for (const k of await app.get(EnvelopeService).listDataKeys(opts.dataset)) {
          const state = k.retiredAt ? `retired ${k.retiredAt.toISOString()}` : 'current';
          process.stdout.write(`${k.datasetId}\tv${k.version}\t${state}\twrapped by ${k.masterKeyId}\n`);
        }
      }),
    );
  keys
    .command('rotate')
    .description('rotate the master key (rewraps every data key, no downtime) or a dataset data key')
    .option('--master', 'create a new master key and rewrap all data keys under it')
    .option('--retire-old', 'with --master: remove master keys no data key uses any more')
    .option('--dataset <id>', 'start a new data-key version for this dataset (new values use it)')
    .action((opts: { master?: boolean; retireOld?: boolean; dataset?: string }) => {
      // a usage error, before anything is opened
      if (!opts.master && !opts.dataset) {
        throw new CliError('say what to rotate: --master and/or --dataset <id>', 64);
      }
      return withOperation('keys rotate', async ({ app, audit }) => {
        const envelope = app.get(EnvelopeService);
        if (opts.master) {
          const r = await envelope.rotateMasterKey({ retireOld: opts.retireOld });
          // key ids and counts only: never key material
          audit.annotate({
            detail: {
              masterKeyId: r.masterKeyId,
              rewrapped: r.rewrapped,
              foreign: r.foreign,
              retired: r.retired,
            },
          });
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
          process.stdout.write(`dataset ${opts.dataset}: data key v${v} is current\n`);
        }
      });
    });
}
