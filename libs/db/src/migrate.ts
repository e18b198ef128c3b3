import { DataSource, MigrationExecutor } from 'typeorm';

const MIGRATION_LOCK = 0x48_4c_58_47; // "HLXG": one migrator at a time across processes

/** Runs pending migrations in one transaction, serialised across processes by an advisory lock. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      const done = await executor.executePendingMigrations();
      return done.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Reverts the most recent migration (its `down`). */
export async function revertLastMigration(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'all';
    await executor.undoLastMigration();
  } finally {
    await runner.release();
  }
}

/**
 * Which of the data source's migrations the database has applied and which are pending, read without writing
 * anything (TypeORM's own pending check creates the migrations table): for `config check`.
 */
export async function migrationStatus(
  dataSource: DataSource,
): Promise<{ applied: number; pending: string[] }> {
  const [{ present }] = await dataSource.query<{ present: boolean }[]>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  const applied = new Set<string>(
    present
      ? (await dataSource.query<{ name: string }[]>('SELECT name FROM schema_migrations')).map((r) => r.name)
      : [],
  );
  const names = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  return { applied: applied.size, pending: names.filter((n) => !applied.has(n)) };
}
