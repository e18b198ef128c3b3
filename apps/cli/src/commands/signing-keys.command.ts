import type { Command } from 'commander';
import { NodeKeyService } from '@helixgate/identity';
import { withApp, withOperation } from '../cli-context';
import { type Column, type OutputOptions, printJson, printTable, withJsonOption } from '../output';

/** The node's token/visa signing keys (ES256, served at /.well-known/jwks.json). */
export function registerSigningKeyCommands(program: Command): void {
  const keys = program
    .command('signing-keys')
    .description("the node's ES256 signing keys for tokens and visas (published at /.well-known/jwks.json)");
  withJsonOption(keys.command('list'))
    .description('list key ids, oldest first; the last one signs')
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        const kids = await app.get(NodeKeyService).kids();
        const rows = kids.map((kid, i) => ({ kid, use: i === kids.length - 1 ? 'signing' : 'published' }));
        printTable(rows, SIGNING_KEY_COLUMNS, opts);
      }),
    );
  keys
    .command('rotate')
    .description('add a new signing key; older keys stay published so tokens they signed keep verifying')
    .option('--json', 'print JSON: {"kid"} (the key id, never the key)')
    .action((opts: OutputOptions) =>
      withOperation('signing-keys rotate', async ({ app, audit }) => {
        const kid = await app.get(NodeKeyService).rotate();
        audit.annotate({ detail: { kid } });
        if (opts.json) printJson({ kid });
        else process.stdout.write(`new signing key ${kid}\n`);
      }),
    );
  keys
    .command('remove')
    .description('stop publishing an old key: tokens and visas it signed stop verifying')
    .requiredOption('--kid <kid>', 'key id (see list)')
    .action((opts: { kid: string }) =>
      withOperation('signing-keys remove', async ({ app, audit }) => {
        audit.annotate({ detail: { kid: opts.kid } });
        await app.get(NodeKeyService).remove(opts.kid);
        process.stdout.write(`removed key ${opts.kid}\n`);
      }),
    );
}

/** Key ids only: the keys are never printed. */
const SIGNING_KEY_COLUMNS: Column<{ kid: string; use: string }>[] = [
  { header: 'KID', key: 'kid', value: (k) => k.kid },
  { header: 'USE', key: 'use', value: (k) => k.use },
];
