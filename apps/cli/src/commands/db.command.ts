import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { revertLastMigration } from '@helixgate/db';
import { withOperation } from '../cli-context';
import { printJson } from '../output';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database schema');
  db.command('migrate')
    .description('apply pending migrations (the gateway also applies them on start)')
    .option('--json', 'print JSON: {"migrationsApplied", "latest"}')
    .action((opts: { json?: boolean }) =>
      // (opening the application applies pending migrations; the event records where the schema is now)
      withOperation('db migrate', async ({ app, audit }) => {
        const ds = app.get(DataSource);
        const rows: { name: string }[] = await ds.query('SELECT name FROM schema_migrations ORDER BY id');
        audit.annotate({ detail: { migrations: rows.length, name: rows.at(-1)?.name ?? null } });
        if (opts.json) printJson({ migrationsApplied: rows.length, latest: rows.at(-1)?.name ?? null });
        else
          process.stdout.write(
            `schema up to date: ${rows.length} migrations applied (${rows.at(-1)?.name ?? 'none'})\n`,
          );
      }),
    );
  db.command('revert')
    .description('revert the most recent migration (runs its down)')
    .action(() =>
      withOperation('db revert', async ({ app, audit }) => {
        const ds = app.get(DataSource);
        const [last] = await ds.query<{ name: string }[]>(
          'SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1',
        );
        audit.annotate({ detail: { name: last?.name ?? null } });
        await revertLastMigration(ds);
        process.stdout.write('reverted the most recent migration\n');
      }),
    );
}
