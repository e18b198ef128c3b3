import type { Command } from 'commander';
import { DatasetService } from '@helixgate/variants';
import { withApp } from '../cli-context';

export function registerDatasetCommands(program: Command): void {
  const datasets = program.command('datasets').description('register and list datasets');
  datasets
    .command('create')
    .description('register a dataset')
    .requiredOption('--id <id>', 'identifier: lowercase letters, digits, . _ -')
    .requiredOption('--name <name>', 'human-readable name')
    .requiredOption('--assembly <assembly>', 'GRCh37 or GRCh38')
    .option('--security-level <level>', 'PUBLIC, REGISTERED or CONTROLLED', 'CONTROLLED')
    .option('--description <text>', 'description', '')
    .action(
      (opts: { id: string; name: string; assembly: string; securityLevel: string; description: string }) =>
        withApp(async (app) => {
          const d = await app.get(DatasetService).create(opts);
          process.stdout.write(`created dataset ${d.id} (${d.assembly}, ${d.securityLevel})\n`);
        }),
    );
  datasets
    .command('list')
    .description('list datasets')
    .action(() =>
      withApp(async (app) => {
        for (const d of await app.get(DatasetService).list()) {
          process.stdout.write(
            `${d.id}\t${d.assembly}\t${d.securityLevel}\t${d.individualCount} individuals\t${d.variantCount} variants\t${d.name}\n`,
          );
        }
      }),
    );
}
