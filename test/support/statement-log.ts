import { Client } from 'pg';

/**
 * Counts what a piece of work costs the database, from the `pg` client's side (every TypeORM query and every
 * raw client query goes through `Client.prototype.query`): round trips (one per query call: node-postgres
 * sends a call's messages and waits for ReadyForQuery before the next), statements (a simple-protocol call
 * may carry several, `BEGIN; SET LOCAL ...; SELECT ...`), waits in sequence (periods with at least one call
 * in flight: calls sent at once wait once), and commits by kind:
 *
 * - durable: a commit that waits for its WAL flush: an explicit COMMIT, or an autocommit statement, that
 *   wrote a logged table with `synchronous_commit` on;
 * - async: the same with `SET LOCAL synchronous_commit = off` (or `set_config('synchronous_commit', 'off',
 *   true)` in the statement) in force;
 * - unlogged: wrote only UNLOGGED tables (PostgreSQL writes no WAL for them, and such a commit never waits
 *   for a flush whatever the setting: xact.c RecordTransactionCommit).
 *
 * Which tables a statement writes is read from its text (INSERT INTO / UPDATE / DELETE FROM, and the writing
 * functions listed in WRITING_FUNCTIONS); a failed statement or a rolled-back transaction commits nothing.
 */
export interface StatementCounts {
  roundTrips: number;
  statements: number;
  waits: number;
  durableCommits: number;
  asyncCommits: number;
  unloggedCommits: number;
  /** Each call's SQL (first 120 characters), in order. */
  log: string[];
}

/** Functions that write tables: name → the tables they write. */
const WRITING_FUNCTIONS: Record<string, string[]> = { privacy_charge_quotas: ['privacy_quota'] };

const ASYNC_RE =
  /SET\s+LOCAL\s+synchronous_commit\s*(=|TO)\s*'?off|set_config\(\s*'synchronous_commit'\s*,\s*'off'\s*,\s*true\s*\)/i;

function writtenTables(sql: string): string[] {
  const out: string[] = [];
  for (const m of sql.matchAll(
    /\bINSERT\s+INTO\s+(\w+)|\bDELETE\s+FROM\s+(\w+)|(?<!\b(?:DO|FOR)\s+)\bUPDATE\s+(\w+)/gi,
  ))
    out.push((m[1] ?? m[2] ?? m[3]).toLowerCase());
  for (const [fn, tables] of Object.entries(WRITING_FUNCTIONS))
    if (new RegExp(`\\b${fn}\\s*\\(`, 'i').test(sql)) out.push(...tables);
  return out;
}

interface TxState {
  async: boolean;
  aborted?: boolean;
  logged: boolean;
  unlogged: boolean;
}

/** Starts counting; `stop()` restores the client and returns the counts. */
export function countStatements(unloggedTables: ReadonlySet<string>): { stop(): StatementCounts } {
  const counts: StatementCounts = {
    roundTrips: 0,
    statements: 0,
    waits: 0,
    durableCommits: 0,
    asyncCommits: 0,
    unloggedCommits: 0,
    log: [],
  };
  const tx = new WeakMap<Client, TxState>();
  let inFlight = 0;
  const commit = (s: TxState) => {
    if (s.logged) {
      if (s.async) counts.asyncCommits++;
      else counts.durableCommits++;
    } else if (s.unlogged) counts.unloggedCommits++;
  };

  const account = (client: Client, sql: string, failed: boolean) => {
    const parts = sql
      .split(/;\s*(?=\S)/)
      .map((p) => p.trim())
      .filter(Boolean);
    counts.statements += parts.length;
    for (const p of parts) {
      const state = tx.get(client);
      if (/^(BEGIN|START\s+TRANSACTION)\b/i.test(p)) {
        tx.set(client, { async: false, logged: false, unlogged: false });
        continue;
      }
      if (/^COMMIT\b/i.test(p)) {
        if (state && !state.aborted && !failed) commit(state);
        tx.delete(client);
        continue;
      }
      if (/^ROLLBACK\b/i.test(p)) {
        tx.delete(client);
        continue;
      }
      const own = state ?? { async: false, logged: false, unlogged: false };
      if (ASYNC_RE.test(p)) own.async = true;
      for (const t of writtenTables(p)) {
        if (unloggedTables.has(t)) own.unlogged = true;
        else own.logged = true;
      }
      if (!state && !failed) commit(own); // an autocommit statement
      if (state && failed) state.aborted = true;
    }
  };

  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    const sql = typeof config === 'string' ? config : (config?.text ?? '');
    counts.roundTrips++;
    counts.log.push(sql.replace(/\s+/g, ' ').trim().slice(0, 120));
    if (inFlight++ === 0) counts.waits++;
    const done = (failed: boolean) => {
      inFlight--;
      account(this, sql, failed);
    };
    // Callback form (pg-pool's `pool.query` calls its client so): the callback says whether it failed.
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => {
        done(err != null);
        callback(err, res);
      };
    }
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => done(false),
        () => done(true),
      );
    } else if (typeof args[last] !== 'function') {
      inFlight--; // stream form: counted, not timed
      account(this, sql, false);
    }
    return result;
  } as typeof original;
  return {
    stop() {
      Client.prototype.query = original;
      return counts;
    },
  };
}
