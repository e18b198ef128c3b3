import type { Command } from 'commander';
import { type AppUserEntity, UsersService } from '@helixgate/identity';
import { ROLES } from '@helixgate/common';
import type { HelixgateConfig } from '@helixgate/config';
import { CliError, withApp, withOperation } from '../cli-context';
import { type Column, type OutputOptions, printTable, withJsonOption } from '../output';
import { readNewPassword } from '../password-prompt';

const USER_COLUMNS: Column<AppUserEntity>[] = [
  { header: 'USERNAME', key: 'username', value: (u) => u.username },
  { header: 'ROLES', key: 'roles', value: (u) => [...u.roles] },
  { header: 'INSTITUTION', key: 'institution', value: (u) => u.institution ?? null },
  {
    header: 'STATE',
    key: 'state',
    value: (u) => (u.disabledAt ? 'disabled' : 'active'),
    text: (u) => (u.disabledAt ? `disabled ${u.disabledAt.toISOString()}` : 'active'),
  },
  {
    header: 'DISABLED_AT',
    key: 'disabledAt',
    value: (u) => u.disabledAt?.toISOString() ?? null,
    inTable: false,
  },
  { header: 'ID', key: 'id', value: (u) => u.id },
];

/** The console's public address, for invitation links: HELIXGATE_ISSUER, else this node's local URL. */
function consoleUrl(config: HelixgateConfig): string {
  const base = config.vars.HELIXGATE_ISSUER?.replace(/\/+$/, '') ?? `http://localhost:${config.vars.PORT}`;
  return `${base}/console`;
}

function invitationLine(config: HelixgateConfig, token: string, expiresAt: Date): string {
  // The token travels in the fragment: browsers never send it to a server or put it in a log.
  return (
    `invitation link (sets the password once; valid until ${expiresAt.toISOString()}):\n` +
    `  ${consoleUrl(config)}/invitation#${token}\n`
  );
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUserCommands(program: Command): void {
  const users = program
    .command('users')
    .description('local users, for a node without an external identity provider');
  users
    .command('add')
    .description('add a local user')
    .requiredOption('--username <name>', 'lowercase letters, digits, . _ -')
    .requiredOption('--role <role>', `${ROLES.join(', ')} (repeatable)`, collect, [])
    .option('--institution <name>', 'institution the user belongs to')
    .option('--name <full name>', 'the name the console shows ("Alice Smith")')
    .option('--no-invitation', 'do not print an invitation link')
    .action(
      (opts: {
        username: string;
        role: string[];
        institution?: string;
        name?: string;
        invitation: boolean;
      }) =>
        withOperation('users add', async ({ app, config, audit }) => {
          audit.annotate({
            detail: { username: opts.username, roles: opts.role, institution: opts.institution ?? null },
          });
          const users = app.get(UsersService);
          const u = await users.add({
            username: opts.username,
            roles: opts.role,
            institution: opts.institution,
            displayName: opts.name,
          });
          audit.annotate({ detail: { subject: u.id } });
          process.stdout.write(`added user ${u.username} (${u.roles.join(', ')}) id ${u.id}\n`);
          if (opts.invitation) {
            const { token, expiresAt } = await users.invite(u.username);
            // that an invitation was made and until when; never its token
            audit.annotate({ detail: { expiresAt: expiresAt.toISOString() } });
            process.stdout.write(invitationLine(config, token, expiresAt));
          }
        }),
    );
  users
    .command('invite')
    .description('print a new invitation link with which the user sets their password once')
    .requiredOption('--username <name>', 'the user')
    .action((opts: { username: string }) =>
      withOperation('users invite', async ({ app, config, audit }) => {
        audit.annotate({ detail: { username: opts.username } });
        const { token, expiresAt } = await app.get(UsersService).invite(opts.username);
        audit.annotate({ detail: { expiresAt: expiresAt.toISOString() } });
        process.stdout.write(invitationLine(config, token, expiresAt));
      }),
    );
  users
    .command('passwd')
    .description("set a user's console password (asked twice on a terminal, or one line on stdin)")
    .requiredOption('--username <name>', 'the user')
    .option('--password-stdin', 'read the password from standard input (scripts)')
    .action((opts: { username: string; passwordStdin?: boolean }) =>
      withOperation('users passwd', async ({ app, audit }) => {
        // who had a password set; never the password
        audit.annotate({ detail: { username: opts.username } });
        const password = await readNewPassword(Boolean(opts.passwordStdin));
        if (password === null) throw new CliError('the two passwords differ: nothing changed');
        await app.get(UsersService).setPassword(opts.username, password);
        process.stdout.write(`password set for ${opts.username}\n`);
      }),
    );
  withJsonOption(users.command('list'))
    .description('list local users (never their passwords or invitation tokens)')
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        printTable(await app.get(UsersService).list(), USER_COLUMNS, opts);
      }),
    );
  users
    .command('disable')
    .description("disable a local user: the user's tokens stop working at once")
    .requiredOption('--username <name>', 'the user')
    .action((opts: { username: string }) =>
      withOperation('users disable', async ({ app, audit }) => {
        audit.annotate({ detail: { username: opts.username } });
        const u = await app.get(UsersService).disable(opts.username);
        audit.annotate({ detail: { subject: u.id } });
        process.stdout.write(`disabled user ${u.username}\n`);
      }),
    );
}
