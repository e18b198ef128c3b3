import type { Command } from 'commander';
import {
  CONFIG_DOCS,
  ConfigError,
  loadConfig,
  renderConfigTable,
  type HelixgateConfig,
} from '@helixgate/config';
import { DatabaseConnection, dataSourceOptions, migrationStatus } from '@helixgate/db';
import { DataSource } from 'typeorm';
import { CliError } from '../cli-context';
import { printJson } from '../output';

/** sysexits(3): a service the command needs (the database) is unavailable. */
const EX_UNAVAILABLE = 69;

/**
 * Each setting's effective value: what the environment says, else the default the code applies (paths
 * derived from HELIXGATE_DATA_DIR resolved), marked `(default)`. Secrets are masked either way.
 */
export function effectiveSettings(
  config: HelixgateConfig,
  env: NodeJS.ProcessEnv = process.env,
): { env: string; value: string; source: 'set' | 'default' }[] {
  const derived: Record<string, () => string> = {
    HELIXGATE_DATA_DIR: () => config.dataDir,
    HELIXGATE_EMBEDDED_DB_DIR: () => config.embeddedDbDir,
    HELIXGATE_MASTER_KEY_FILE: () => config.masterKeyFile,
    HELIXGATE_POLICIES_DIR: () => config.policiesDir,
    HELIXGATE_CONSOLE_DIR: () => config.consoleDir,
  };
  const vars = config.vars as unknown as Record<string, string | number | boolean | undefined>;
  return CONFIG_DOCS.map((d) => {
    const set = env[d.env] !== undefined && env[d.env] !== '';
    let value: string;
    if (d.secret && (set || vars[d.env] !== undefined)) value = '********';
    else if (derived[d.env]) value = derived[d.env]();
    else if (vars[d.env] !== undefined) value = String(vars[d.env]);
    else value = d.default.replaceAll('$HELIXGATE_DATA_DIR', config.dataDir);
    return { env: d.env, value, source: set ? 'set' : 'default' };
  });
}

/** What `config check` found in the database. */
interface DatabaseCheck {
  kind: 'embedded' | 'postgres';
  /** The embedded database's directory; null for PostgreSQL (its URL may hold a password). */
  directory: string | null;
  server: string;
  migrationsApplied: number;
  pendingMigrations: string[];
}

function formatDatabaseCheck(c: DatabaseCheck): string {
  const where = c.kind === 'embedded' ? `embedded PGlite in ${c.directory}` : 'PostgreSQL';
  return (
    `database: ok (${where}; ${c.server}); ` +
    `${c.migrationsApplied} migrations applied, ${c.pendingMigrations.length} pending` +
    (c.pendingMigrations.length ? ` (${c.pendingMigrations.join(', ')}: run \`helixgate db migrate\`)` : '')
  );
}

/** Connects as the node would and says what it found: server, schema version, pending migrations. */
async function checkDatabase(config: HelixgateConfig): Promise<DatabaseCheck> {
  const connection = await DatabaseConnection.open(config);
  const ds = new DataSource(dataSourceOptions(connection.url, 1));
  try {
    await ds.initialize();
    const [{ version }] = await ds.query<{ version: string }[]>('SELECT version()');
    const { applied, pending } = await migrationStatus(ds);
    return {
      kind: connection.kind === 'embedded' ? 'embedded' : 'postgres',
      directory: connection.kind === 'embedded' ? config.embeddedDbDir : null,
      server: version.split(' on ')[0],
      migrationsApplied: applied,
      pendingMigrations: pending,
    };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await connection.close();
  }
}

export function registerConfigCommands(program: Command): void {
  const config = program
    .command('config')
    .description('configuration: check the environment, print the reference table');
  config
    .command('check')
    .description(
      'validate the environment, print the effective settings (secrets masked), connect to the database',
    )
    .option('--no-database', 'validate the environment only')
    .option('--json', 'print JSON: {"settings": [{"env", "value", "source"}], "database": {...} | null}')
    .action(async (opts: { database: boolean; json?: boolean }) => {
      let c: HelixgateConfig;
      try {
        c = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(err.message, 78);
        throw err;
      }
      const settings = effectiveSettings(c);
      if (!opts.json) {
        for (const s of settings) {
          process.stdout.write(`${s.env}=${s.value}${s.source === 'default' ? '  (default)' : ''}\n`);
        }
      }
      let database: DatabaseCheck | null = null;
      if (opts.database) {
        try {
          database = await checkDatabase(c);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          throw new CliError(`database: cannot connect or query: ${message}`, EX_UNAVAILABLE);
        }
      }
      if (opts.json) printJson({ settings, database });
      else if (database) process.stdout.write(`${formatDatabaseCheck(database)}\n`);
    });
  config
    .command('table')
    .description('print the configuration reference as a markdown table (the README embeds it)')
    .action(() => {
      process.stdout.write(`${renderConfigTable()}\n`);
    });
}
