import type { Command } from 'commander';
import { LocalTokenService, UsersService } from '@helixgate/identity';
import { withOperation } from '../cli-context';

export function registerTokenCommands(program: Command): void {
  const tokens = program
    .command('tokens')
    .description('bearer tokens for local users, signed by the node key');
  tokens
    .command('issue')
    .description('print a bearer token (JWT) for a local user on stdout')
    .requiredOption('--user <name>', 'username')
    .option(
      '--ttl <span>',
      'lifetime: 15m, 8h, 1d (at most HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS, which defaults to 24h)',
      '8h',
    )
    .option('--bona-fide', 'add a node-signed ResearcherStatus visa (and AcceptedTermsAndPolicies)')
    .option('--accepted-terms', 'add a node-signed AcceptedTermsAndPolicies visa')
    .action((opts: { user: string; ttl: string; bonaFide?: boolean; acceptedTerms?: boolean }) =>
      withOperation('tokens issue', async ({ app, audit }) => {
        // Recorded: whose token, how long, which visas. Never the token itself.
        const visas = [
          ...(opts.bonaFide ? ['ResearcherStatus'] : []),
          ...(opts.bonaFide || opts.acceptedTerms ? ['AcceptedTermsAndPolicies'] : []),
        ];
        audit.annotate({ detail: { username: opts.user, ttl: opts.ttl, visas } });
        const { token, expiresAt } = await app.get(LocalTokenService).issue(opts.user, {
          ttl: opts.ttl,
          bonaFide: opts.bonaFide === true,
          acceptedTerms: opts.acceptedTerms === true,
        });
        const user = await app.get(UsersService).getByUsername(opts.user);
        audit.annotate({ detail: { subject: user.id, expiresAt: expiresAt.toISOString() } });
        process.stdout.write(`${token}\n`);
        process.stderr.write(`token for ${opts.user} expires ${expiresAt.toISOString()}\n`);
      }),
    );
}
