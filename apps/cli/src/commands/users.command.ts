import type { Command } from 'commander';
import { UsersService } from '@helixgate/identity';
import { withApp } from '../cli-context';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUserCommands(program: Command): void {
  const users = program
    .command('users')
    .description('local users, for a node without an external identity provider');
  users
    .command('add')
    .description('add a local user')
    .requiredOption('--username <name>', 'lowercase letters, digits, . _ -')
    .requiredOption('--role <role>', 'researcher, steward, compliance or admin (repeatable)', collect, [])
    .option('--institution <name>', 'institution the user belongs to')
    .action((opts: { username: string; role: string[]; institution?: string }) =>
      withApp(async (app) => {
        const u = await app
          .get(UsersService)
          .add({ username: opts.username, roles: opts.role, institution: opts.institution });
        process.stdout.write(`added user ${u.username} (${u.roles.join(', ')}) id ${u.id}\n`);
      }),
    );
  users
    .command('list')
    .description('list local users')
    .action(() =>
      withApp(async (app) => {
        for (const u of await app.get(UsersService).list()) {
          const state = u.disabledAt ? `disabled ${u.disabledAt.toISOString()}` : 'active';
          process.stdout.write(
            `${u.username}\t${u.roles.join(',')}\t${u.institution ?? '-'}\t${state}\t${u.id}\n`,
          );
        }
      }),
    );
  users
    .command('disable')
    .description("disable a local user: the user's tokens stop working at once")
    .requiredOption('--username <name>', 'the user')
    .action((opts: { username: string }) =>
      withApp(async (app) => {
        const u = await app.get(UsersService).disable(opts.username);
        process.stdout.write(`disabled user ${u.username}\n`);
      }),
    );
}
