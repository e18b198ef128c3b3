import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { revertLastMigration } from '@helixgate/db';
import { withApp } from '../cli-context';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database schema');
  db.command('migrate')
    .description('apply pending migrations (the gateway also applies them on start)')
    .action(() =>
      withApp(async (app) => {
        const ds = app.get(DataSource);
        const rows: { name: string }[] = await ds.query('SELECT name FROM schema_migrations ORDER BY id');
        process.stdout.write(
          `schema up to date: ${rows.length} migrations applied (${rows.at(-1)?.name ?? 'none'})\n`,
        );
      }),
    );
  db.command('revert')
    .description('revert the most recent migration (runs its down)')
    .action(() =>
      withApp(async (app) => {
        await revertLastMigration(app.get(DataSource));
        process.stdout.write('reverted the most recent migration\n');
      }),
    );
}
