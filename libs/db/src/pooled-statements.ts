import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** The part of node-postgres' Pool a hot statement uses. */
interface PgPool {
  query<R>(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/** Per DataSource: whether it is a real PostgreSQL server (statements to its pg pool) or PGlite (TypeORM). */
const decided = new WeakMap<DataSource, boolean>();
const deciding = new WeakMap<DataSource, Promise<boolean>>();

/**
 * Statements of the query hot path sent straight to the pg pool under TypeORM's PostgreSQL driver, as
 * named prepared statements (parsed and planned once per connection), instead of through a TypeORM query
 * runner per statement (a runner is made, connects, broadcasts, maps the result and releases each time:
 * about a tenth of a millisecond of the gateway's CPU per statement).
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
    // The pool of the moment (a DataSource destroyed and initialised again has a new one).
    const pool = real ? ((this.dataSource.driver as PostgresDriver).master as PgPool | undefined) : undefined;
    if (pool) return (await pool.query<R>(name ? { name, text, values } : { text, values })).rows;
    return this.dataSource.query(text, values);
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
