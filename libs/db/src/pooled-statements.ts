import { Pool, type PoolConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** The part of node-postgres' Pool a hot statement uses. */
export interface PgPool {
  query<R>(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/** A pool of TypeORM's (pg-pool keeps the configuration it was made with). */
interface SourcePool extends PgPool {
  options: PoolConfig;
}

/**
 * Startup option of the hot statements' connections: their named statements run with a generic plan,
 * made once per connection. Under PostgreSQL's default (`auto`) a statement whose generic plan is
 * estimated dearer than its custom plans is planned again at every execution, and ours all were: the
 * match statement's planning took 0.15-0.57 ms against 0.05-0.1 ms of execution (measured per round trip
 * on one connection: match 258 → 112 µs, match with its panel prices 548 → 170 µs; docs/operations.md).
 * Their plans do not depend on the values (index scans on a locus or key, nested loops over key arrays).
 * Not on TypeORM's connections: there the setting would also fix the plans of unnamed statements, whose
 * best plan can depend on the values (a LIKE prefix, a one-sided range: seen 0.6 → 54 ms).
 */
const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

/** Per TypeORM pool: the hot statements' pool beside it (same server and size, generic plans). */
const genericPools = new WeakMap<object, Pool>();

/**
 * The pool the hot statements use beside TypeORM's `source` (its primary's or a replica's): the same
 * server, credentials and size, with generic plans. Made on first use; `PooledStatements.end` closes them.
 */
export function genericPlanPool(source: PgPool): PgPool {
  let pool = genericPools.get(source);
  if (!pool) {
    // An `options` in the connection string takes precedence (node-postgres reads the URL last).
    pool = new Pool({ ...(source as SourcePool).options, options: GENERIC_PLANS, allowExitOnIdle: true });
    pool.on('error', () => undefined); // an idle connection dropped by the server: the next query reconnects
    genericPools.set(source, pool);
  }
  return pool;
}

/** Per DataSource: whether it is a real PostgreSQL server (statements to its pg pool) or PGlite (TypeORM). */
const decided = new WeakMap<DataSource, boolean>();
const deciding = new WeakMap<DataSource, Promise<boolean>>();

/**
 * Statements of the query hot path sent straight to a pg pool beside TypeORM's (`genericPlanPool`: same
 * server and size), as named prepared statements (parsed and planned once per connection), instead of
 * through a TypeORM query runner per statement (a runner is made, connects, broadcasts, maps the result
 * and releases each time: about a tenth of a millisecond of the gateway's CPU per statement).
 *
 * Only on a real PostgreSQL server, decided once per process with `SELECT version()`. PGlite (the
 * embedded database, also when reached through a DATABASE_URL by tests or a CLI sharing a gateway's
 * database) has one backend session shared by its clients, where two clients preparing the same name
 * would collide: there each statement goes through `DataSource.query` as before. Same SQL, same rows,
 * same errors (pg's, with their `code`; TypeORM's wrap them with `driverError.code` beside it).
 *
 * Only for statements outside any transaction the caller holds (autocommit, one per call): a statement that
 * belongs to a transaction goes through that transaction's EntityManager.
 */
export class PooledStatements {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The rows of `text` with `values`. `name` identifies the prepared statement (one name per SQL text,
   * ever); null sends it unnamed (SQL that varies, e.g. with a row count, would fill each connection).
   */
  async query<R>(name: string | null, text: string, values: unknown[]): Promise<R[]> {
    const real = decided.get(this.dataSource) ?? (await this.decide());
    // Beside the pool of the moment (a DataSource destroyed and initialised again has a new one).
    const source = real
      ? ((this.dataSource.driver as PostgresDriver).master as PgPool | undefined)
      : undefined;
    if (source) {
      const pool = genericPlanPool(source);
      return (await pool.query<R>(name ? { name, text, values } : { text, values })).rows;
    }
    return this.dataSource.query(text, values);
  }

  /** Closes the hot statements' pools beside this DataSource's (at shutdown, before the DataSource). */
  static async end(dataSource: DataSource): Promise<void> {
    const driver = dataSource.driver;
    if (!(driver instanceof PostgresDriver)) return;
    for (const source of [driver.master as object | undefined, ...(driver.slaves as object[])]) {
      const pool = source && genericPools.get(source);
      if (!pool) continue;
      genericPools.delete(source);
      await pool.end();
    }
  }

  /** Asks the server once per DataSource (every PooledStatements of a process shares the answer). */
  private decide(): Promise<boolean> {
    let pending = deciding.get(this.dataSource);
    if (!pending) {
      pending = this.realPostgres().then((real) => {
        deciding.delete(this.dataSource);
        // Not known (the server could not be asked yet): this statement goes through TypeORM, the next asks again.
        if (real === null) return false;
        decided.set(this.dataSource, real);
        return real;
      });
      deciding.set(this.dataSource, pending);
    }
    return pending;
  }

  private async realPostgres(): Promise<boolean | null> {
    const driver = this.dataSource.driver;
    if (!(driver instanceof PostgresDriver)) return false;
    if (!driver.master) return null; // not connected yet
    try {
      const rows: { v: string }[] = await this.dataSource.query('SELECT version() AS v');
      return !/pglite|emscripten/i.test(rows[0]?.v ?? 'pglite');
    } catch {
      return null;
    }
  }
}
