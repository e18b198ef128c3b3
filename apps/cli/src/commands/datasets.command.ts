import type { Command } from 'commander';
import { DatasetAccessService } from '@helixgate/access';
import { NodeKeyService, UsersService } from '@helixgate/identity';
import { type DatasetEntity, DatasetService } from '@helixgate/variants';
import { CliError, withApp, withOperation } from '../cli-context';
import {
  type Column,
  type OutputOptions,
  printJson,
  printTable,
  tableRecords,
  withJsonOption,
} from '../output';

const DATASET_COLUMNS: Column<DatasetEntity>[] = [
  { header: 'ID', key: 'id', value: (d) => d.id },
  { header: 'ASSEMBLY', key: 'assembly', value: (d) => d.assembly },
  { header: 'SECURITY_LEVEL', key: 'securityLevel', value: (d) => d.securityLevel },
  {
    header: 'INDIVIDUALS',
    key: 'individualCount',
    value: (d) => d.individualCount,
    text: (d) => `${d.individualCount} individuals`,
  },
  {
    header: 'VARIANTS',
    key: 'variantCount',
    value: (d) => d.variantCount,
    text: (d) => `${d.variantCount} variants`,
  },
  { header: 'NAME', key: 'name', value: (d) => d.name },
];

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
    .option('--json', 'print the dataset as JSON (the keys of `datasets list --json`)')
    .action(
      ({
        json,
        ...input
      }: {
        id: string;
        name: string;
        assembly: string;
        securityLevel: string;
        description: string;
        json?: boolean;
      }) =>
        withOperation('datasets create', async ({ app, caller }) => {
          const d = await app.get(DatasetAccessService).create(caller, input);
          if (json) printJson(tableRecords([d], DATASET_COLUMNS)[0]);
          else process.stdout.write(`created dataset ${d.id} (${d.assembly}, ${d.securityLevel})\n`);
        }),
    );
  withJsonOption(datasets.command('list'))
    .description('list datasets')
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        printTable(await app.get(DatasetService).list(), DATASET_COLUMNS, opts);
      }),
    );
  datasets
    .command('steward')
    .description('make a user a steward of a dataset (a local user by name, or any issuer + subject)')
    .requiredOption('--dataset <id>', 'dataset id')
    .option('--user <username>', 'a local user (see `helixgate users list`)')
    .option('--issuer <iss>', 'with --subject: the token issuer of an external user')
    .option('--subject <sub>', 'with --issuer: the subject of an external user')
    .action((opts: { dataset: string; user?: string; issuer?: string; subject?: string }) =>
      withOperation('datasets steward', async ({ app, caller, audit }) => {
        let steward: { issuer: string; subject: string };
        if (opts.user) {
          steward = {
            issuer: app.get(NodeKeyService).issuer,
            subject: (await app.get(UsersService).getByUsername(opts.user)).id,
          };
        } else if (opts.issuer && opts.subject) {
          steward = { issuer: opts.issuer, subject: opts.subject };
        } else {
          throw new CliError('say who: --user <username>, or --issuer and --subject', 64);
        }
        audit.annotate({ detail: { username: opts.user } });
        await app.get(DatasetAccessService).assignSteward(caller, opts.dataset, steward);
        process.stdout.write(`${opts.user ?? steward.subject} is a steward of ${opts.dataset}\n`);
      }),
    );
}
