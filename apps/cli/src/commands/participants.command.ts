import type { Command } from 'commander';
import { DatasetAccessService } from '@helixgate/access';
import { withOperation } from '../cli-context';
import { printJson } from '../output';
import { withProgress } from '../progress';

export function registerParticipantCommands(program: Command): void {
  const participants = program
    .command('participants')
    .description('participants of a dataset: withdrawal (right to erasure)');
  participants
    .command('withdraw')
    .description(
      'withdraw a participant: re-seal the dataset without them, destroy the old keys (crypto-shredding), audit it; ' +
        'run it again to continue a withdrawal that stopped',
    )
    .requiredOption('--dataset <id>', 'dataset id')
    .requiredOption('--sample <id>', "the participant's sample id in the source VCF")
    .option('--json', 'print the result as JSON (it names the participant by index, never by sample id)')
    .action((opts: { dataset: string; sample: string; json?: boolean }) =>
      withOperation('participants withdraw', async ({ app, caller }) => {
        // the sample id is not recorded: the withdrawal events name the participant by index
        // each batch commits with its place recorded: after a crash or kill, the same command continues
        const r = await withProgress('withdraw', 'variant rows', (onProgress) =>
          app.get(DatasetAccessService).withdrawParticipant(caller, opts.dataset, opts.sample, {
            onProgress: (p) => onProgress(p.done, p.total),
          }),
        );
        if (opts.json) {
          printJson(r);
          return;
        }
        process.stdout.write(
          `withdrawn from ${r.datasetId} in ${r.seconds.toFixed(1)} s${r.resumed ? ' (resumed)' : ''}: ${r.variantsRewritten} variant rows re-sealed under key v${r.newKeyVersion}, ` +
            `${r.variantsDeleted} rows only they carried deleted, key versions ${r.destroyedKeyVersions.join(', ')} destroyed\n` +
            (r.backupsShredded
              ? 'the previous master key was retired: earlier backups cannot be decrypted either\n'
              : 'WARNING: the master key comes from HELIXGATE_MASTER_KEY: rotate it in your secrets manager so that earlier backups become unreadable\n'),
        );
      }),
    );
}
