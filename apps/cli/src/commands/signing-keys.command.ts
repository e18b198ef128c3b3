import type { Command } from 'commander';
import { NodeKeyService } from '@helixgate/identity';
import { withApp } from '../cli-context';

/** The node's token/visa signing keys (ES256, served at /.well-known/jwks.json). */
export function registerSigningKeyCommands(program: Command): void {
  const keys = program
    .command('signing-keys')
    .description("the node's ES256 signing keys for tokens and visas (published at /.well-known/jwks.json)");
  keys
    .command('list')
    .description('list key ids, oldest first; the last one signs')
    .action(() =>
      withApp(async (app) => {
        const kids = await app.get(NodeKeyService).kids();
        kids.forEach((kid, i) =>
          process.stdout.write(`${kid}\t${i === kids.length - 1 ? 'signing' : 'published'}\n`),
        );
      }),
    );
  keys
    .command('rotate')
    .description('add a new signing key; older keys stay published so tokens they signed keep verifying')
    .action(() =>
      withApp(async (app) => {
        process.stdout.write(`new signing key ${await app.get(NodeKeyService).rotate()}\n`);
      }),
    );
  keys
    .command('remove')
    .description('stop publishing an old key: tokens and visas it signed stop verifying')
    .requiredOption('--kid <kid>', 'key id (see list)')
    .action((opts: { kid: string }) =>
      withApp(async (app) => {
        await app.get(NodeKeyService).remove(opts.kid);
        process.stdout.write(`removed key ${opts.kid}\n`);
      }),
    );
}
