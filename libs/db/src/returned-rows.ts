/**
 * The rows of a statement with `RETURNING` sent through TypeORM's `EntityManager.query` / `DataSource.query`.
 * TypeORM's PostgreSQL runner (the embedded database goes through the same `pg` driver) answers an UPDATE or
 * a DELETE with `[rows, rowCount]` and every other command with the rows alone (`PostgresQueryRunner.query`),
 * so the `.length` of an `UPDATE … RETURNING` answer is always 2, whatever it changed. Every RETURNING read
 * through TypeORM goes through this.
 */
export function returnedRows<T = unknown>(raw: unknown): T[] {
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') {
    return raw[0] as T[];
  }
  if (!Array.isArray(raw)) throw new TypeError('returnedRows: the query answered no rows array');
  return raw as T[];
}
