import { randomBytes } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidationBus, PooledStatements } from '@helixgate/db';
import { DataSource } from 'typeorm';
import {
  isRealCharge,
  passedLimit,
  quotaWindowStart,
  refusal,
  type BudgetLedger,
  type BudgetScope,
  type BudgetStore,
  type IndividualBudget,
  type QuotaCharge,
  type QuotaRefusal,
  type QuotaUsage,
  type RecordedDecision,
} from './budget-store';

/**
 * Budgets in PostgreSQL (or the embedded PGlite): tables `privacy_individual_budget`, `privacy_decision`
 * and `privacy_quota` (migrations 1764640000001, 1764860000000, its count budget 1764900000000), and
 * `privacy_noise_key` (1764860000001). Each unit of work is one transaction holding a
 * transaction-scoped advisory lock on the dataset, so concurrent requests on one dataset are serialised.
 * A unit of work is two round trips (withScope: BEGIN + lock + the read of budgets and decisions; both
 * upserts + COMMIT); the quota charge is one statement (1764940000000). Bookkeeping commits asynchronously (ASYNC_BOOKKEEPING). Nothing
 * stored names a variant together with the individuals counted for it.
 */
@Injectable()
export class PostgresBudgetStore implements BudgetStore {
  /**
   * Noise keys by dataset, kept in memory: the row is written once and only goes with its dataset, and a
   * change of the dataset table anywhere (NOTIFY from its trigger) or a stale catalog seen by the beacon
   * (`forgetNoiseKeys`) drops them all, so a dataset deleted and created again is read afresh.
   */
  private readonly noiseKeys = new Map<string, Promise<Buffer>>();
  /** The quota and count-budget charge (every priced or counted answer) is a named statement (libs/db). */
  private readonly statements: PooledStatements;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() invalidation?: InvalidationBus,
  ) {
    this.statements = new PooledStatements(dataSource);
    invalidation?.subscribe((what) => {
      if (what === 'dataset' || what === '*') this.forgetNoiseKeys();
    });
  }

  forgetNoiseKeys(): void {
    this.noiseKeys.clear();
  }

  /**
   * One transaction per unit of work on the dataset's ledger, holding a transaction-scoped advisory lock on
   * the dataset, in two round trips when the scope names what the work reads first (`prefetch`):
   *
   * 1. BEGIN, `SET LOCAL synchronous_commit = off` (ASYNC_BOOKKEEPING), the lock and the ledger read, as one
   *    simple-protocol message. PostgreSQL runs them in order and, under READ COMMITTED, takes a fresh
   *    snapshot for each statement, so the read sees every unit of work committed before the lock was granted;
   * 2. the ledger's write (`save`) and COMMIT, as one message; if the write fails, PostgreSQL skips the
   *    COMMIT and the transaction is rolled back.
   *
   * Both messages carry their values as literals (the simple protocol takes no parameters): the dataset id
   * quoted by the driver's `escapeLiteral`, each array one quoted array literal (sqlArray).
   */
  async withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner('master');
    const client = (await qr.connect()) as RawClient;
    try {
      const ledger = new PostgresLedger(client, scope);
      const begin =
        `BEGIN; SET LOCAL ${ASYNC_BOOKKEEPING}; ` +
        `SELECT pg_advisory_xact_lock(hashtext('privacy-budget'), hashtext(${client.escapeLiteral(scope.datasetId)}))`;
      if (scope.prefetch) {
        const { variantKeys, individuals } = scope.prefetch;
        const rows = rowsOf<LedgerRow>(
          await client.query(`${begin}; ${ledger.readSql(variantKeys, individuals)}`),
        );
        ledger.prefetched(variantKeys, individuals, rows);
      } else {
        await client.query(begin);
      }
      const result = await work(ledger);
      const write = ledger.takePendingWrite();
      await client.query(write === null ? 'COMMIT' : `${write}; COMMIT`);
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }

  /** The dataset's count-noise key: one random row per dataset, the first writer wins (concurrent workers agree). */
  noiseKey(datasetId: string): Promise<Buffer> {
    let key = this.noiseKeys.get(datasetId);
    if (!key) {
      key = this.readNoiseKey(datasetId);
      this.noiseKeys.set(datasetId, key);
      key.catch(() => this.noiseKeys.delete(datasetId));
    }
    return key;
  }

  /** The principal's `privacy_quota` row as stored (one indexed read, no lock, no write). */
  async quotaUsage(principal: string, datasetId: string): Promise<QuotaUsage> {
    const rows = await this.dataSource.query<
      { window_ms: string | number; used: number; drawn: number; count_spent: number }[]
    >(
      `SELECT extract(epoch FROM window_start) * 1000 AS window_ms, used, drawn, count_spent
         FROM privacy_quota WHERE principal = $1 AND dataset_id = $2`,
      [principal, datasetId],
    );
    if (rows.length === 0) return { windowStart: null, used: 0, drawn: 0, countSpent: 0 };
    const r = rows[0];
    return {
      windowStart: Math.round(Number(r.window_ms)),
      used: Number(r.used),
      drawn: Number(r.drawn),
      countSpent: Number(r.count_spent),
    };
  }

  private async readNoiseKey(datasetId: string): Promise<Buffer> {
    const read = () =>
      this.dataSource.query<{ key: Buffer | Uint8Array }[]>(
        `SELECT key FROM privacy_noise_key WHERE dataset_id = $1`,
        [datasetId],
      );
    let rows = await read();
    if (rows.length === 0) {
      await this.dataSource.query(
        `INSERT INTO privacy_noise_key (dataset_id, key) VALUES ($1, $2) ON CONFLICT (dataset_id) DO NOTHING`,
        [datasetId, randomBytes(32)],
      );
      rows = await read();
    }
    return Buffer.from(rows[0].key);
  }

  /**
   * Every charge or none, in one statement (`privacy_charge_quotas`, migration 1764940000000): per dataset an
   * upsert that refuses past a cap on the row as locked; a refusal fails the statement (SQLSTATE HG001), so
   * no dataset is charged. Sorted by dataset so that concurrent charges lock rows in one order.
   *
   * Committed without waiting for the WAL flush (`synchronous_commit` off for this statement's transaction):
   * see ASYNC_BOOKKEEPING.
   */
  async chargeQuotas(charges: readonly QuotaCharge[], now: number): Promise<QuotaRefusal | null> {
    const real = charges.filter(isRealCharge).sort((a, b) => (a.datasetId < b.datasetId ? -1 : 1));
    if (real.length === 0) return null;
    const starts = real.map((c) => quotaWindowStart(now, c.windowSeconds));
    try {
      await this.statements.query(
        'helixgate_charge_quotas_v1',
        `SELECT set_config('synchronous_commit', 'off', true),
                privacy_charge_quotas($1, $2::text[], $3::float8[], $4::int[], $5::float8[], $6::float8[],
                                      $7::float8[], $8::float8[], $9::float8[])`,
        [
          real[0].principal,
          real.map((c) => c.datasetId),
          starts,
          real.map((c) => c.alleles),
          real.map((c) => c.nats),
          real.map((c) => c.countNats ?? 0),
          real.map((c) => c.cap),
          real.map((c) => c.natsCap),
          real.map((c) => c.countCap ?? 0),
        ],
      );
      return null;
    } catch (err) {
      const at = quotaRefusedAt(err);
      if (!at) throw err;
      const c = real[at.index - 1];
      const limit = passedLimit(c, at.used, at.drawn, at.countSpent);
      // The database and passedLimit apply the same arithmetic; if they ever disagree, refuse anyway.
      if (!limit)
        throw new Error(`quota refused by the database but within every limit: ${JSON.stringify(at)}`);
      return refusal(c, limit, at.used, at.drawn, starts[at.index - 1], now, at.countSpent);
    }
  }
}

/**
 * Bookkeeping (quota and count-budget charges, the per-dataset budget ledger) commits with
 * `synchronous_commit = off`: PostgreSQL returns from COMMIT once the commit record is in the WAL buffers,
 * before it is flushed. That loses no released answer's charge: WAL is written and flushed in order, and the
 * request's audit event -- the one synchronous commit of an answer -- is appended only after the bookkeeping
 * commits returned, so its commit record lies after theirs and its flush makes them durable too; and the
 * answer (or refusal) leaves only once its audit event is durable (AuditInterceptor). A crash can lose only the
 * charges of answers that never left. docs/operations.md, "One durable commit per answer".
 */
export const ASYNC_BOOKKEEPING = 'synchronous_commit = off';

/** A refusal raised by `privacy_charge_quotas`: which charge (1-based) and the values it was refused at. */
function quotaRefusedAt(
  err: unknown,
): { index: number; used: number; drawn: number; countSpent: number } | null {
  const e = err as {
    code?: string;
    detail?: string;
    driverError?: { code?: string; detail?: string };
  } | null;
  const code = e?.driverError?.code ?? e?.code;
  const detail = e?.driverError?.detail ?? e?.detail;
  if (code !== 'HG001' || !detail) return null;
  const d = JSON.parse(detail) as { index: number; used: number; drawn: number; countSpent: number };
  return { index: d.index, used: Number(d.used), drawn: Number(d.drawn), countSpent: Number(d.countSpent) };
}

/** node-postgres client under TypeORM's query runner (a multi-statement simple query returns one result each). */
interface RawClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
  escapeLiteral(s: string): string;
}

const rowsOf = <T>(r: { rows: unknown[] } | { rows: unknown[] }[]): T[] =>
  (Array.isArray(r) ? r[r.length - 1] : r).rows as T[];

/** One row of the ledger read: a recorded decision (variant_key set) or an individual's budget. */
interface LedgerRow {
  variant_key: string | null;
  individual_idx: number | null;
  carriers: number | null;
  admitted: number | null;
  spent: number | null;
  exhausted: boolean | null;
}

/**
 * A typed array as one quoted literal for a simple-protocol statement, `'{...}'::type[]`: one constant
 * whatever its length (pg_stat_statements keeps one entry for the statement, and a long array is parsed as
 * one value, not one expression per element). Written by hand because node-postgres encodes arrays only for
 * bound parameters: elements in PostgreSQL's array input syntax (text double-quoted with `"` and `\`
 * backslash-escaped; numbers as JavaScript prints them, the shortest text that reads back as the same
 * double, after checking they are what the column takes), the whole through the driver's `escapeLiteral`.
 */
function sqlArray(
  client: RawClient,
  type: 'text' | 'int' | 'float8' | 'bool',
  values: readonly (string | number | boolean)[],
): string {
  const items = values.map((v) => {
    switch (type) {
      case 'text':
        if (typeof v !== 'string') throw new TypeError(`ledger: ${String(v)} is not text`);
        return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
      case 'int':
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > 2 ** 31 - 1)
          throw new TypeError(`ledger: ${String(v)} is not an int`);
        return String(v);
      case 'float8':
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new TypeError(`ledger: ${String(v)} is not a finite number`);
        return String(v);
      case 'bool':
        if (typeof v !== 'boolean') throw new TypeError(`ledger: ${String(v)} is not a boolean`);
        return v ? 't' : 'f';
    }
  });
  return `${client.escapeLiteral(`{${items.join(',')}}`)}::${type}[]`;
}

/**
 * One dataset's ledger inside its transaction: the reads of decisions and budgets in one statement (sent with
 * the lock when the scope prefetches them), both upserts in one statement (data-modifying CTEs run to
 * completion whether read or not) sent with the COMMIT.
 */
class PostgresLedger implements BudgetLedger {
  /** What the scope's first message read, and for which keys and individuals; dropped once anything is written. */
  private prefetch: { keys: Set<string>; individuals: Set<number>; rows: LedgerRow[] } | null = null;
  /** The write `save` asked for, sent with the COMMIT (or before a later read). */
  private pendingWrite: string | null = null;

  constructor(
    private readonly client: RawClient,
    private readonly scope: BudgetScope,
  ) {}

  /** The read of these decisions and budgets as one statement. */
  readSql(variantKeys: readonly string[], individuals: readonly number[]): string {
    const dataset = this.client.escapeLiteral(this.scope.datasetId);
    return `SELECT variant_key, NULL::int AS individual_idx, carriers, admitted, NULL::float8 AS spent,
                   NULL::bool AS exhausted
              FROM privacy_decision
             WHERE dataset_id = ${dataset} AND variant_key = ANY(${sqlArray(this.client, 'text', variantKeys)})
            UNION ALL
            SELECT NULL, individual_idx, NULL, NULL, spent, exhausted_at IS NOT NULL
              FROM privacy_individual_budget
             WHERE dataset_id = ${dataset} AND individual_idx = ANY(${sqlArray(this.client, 'int', individuals)})`;
  }

  /** The rows `withScope` read with the lock, for these keys and individuals. */
  prefetched(variantKeys: readonly string[], individuals: readonly number[], rows: LedgerRow[]): void {
    this.prefetch = { keys: new Set(variantKeys), individuals: new Set(individuals), rows };
  }

  /** The write to send with the COMMIT, if any (once). */
  takePendingWrite(): string | null {
    const w = this.pendingWrite;
    this.pendingWrite = null;
    return w;
  }

  async read(
    variantKeys: readonly string[],
    individuals: readonly number[],
  ): Promise<{ decisions: Map<string, RecordedDecision>; budgets: Map<number, IndividualBudget> }> {
    const p = this.prefetch;
    let rows: LedgerRow[];
    if (p && variantKeys.every((k) => p.keys.has(k)) && individuals.every((i) => p.individuals.has(i))) {
      // Read under this transaction's lock and nothing written since: the rows are current.
      const keys = new Set(variantKeys);
      const wanted = new Set(individuals);
      rows = p.rows.filter((r) =>
        r.variant_key !== null ? keys.has(r.variant_key) : wanted.has(Number(r.individual_idx)),
      );
    } else {
      const write = this.takePendingWrite();
      const sql = this.readSql(variantKeys, individuals);
      rows = rowsOf<LedgerRow>(await this.client.query(write === null ? sql : `${write}; ${sql}`));
    }
    const decisions = new Map<string, RecordedDecision>();
    const budgets = new Map<number, IndividualBudget>();
    for (const r of rows) {
      if (r.variant_key !== null)
        decisions.set(r.variant_key, { carriers: Number(r.carriers), admitted: Number(r.admitted) });
      else budgets.set(Number(r.individual_idx), { spent: Number(r.spent), exhausted: r.exhausted === true });
    }
    return { decisions, budgets };
  }

  async budgets(individuals: readonly number[]): Promise<Map<number, IndividualBudget>> {
    return (await this.read([], individuals)).budgets;
  }

  async decisions(variantKeys: readonly string[]): Promise<Map<string, RecordedDecision>> {
    return (await this.read(variantKeys, [])).decisions;
  }

  save(
    budgets: ReadonlyMap<number, IndividualBudget>,
    decisions: ReadonlyMap<string, RecordedDecision>,
  ): Promise<void> {
    const idx: number[] = [];
    const spent: number[] = [];
    const exhausted: boolean[] = [];
    for (const [i, b] of budgets) {
      idx.push(i);
      spent.push(b.spent);
      exhausted.push(b.exhausted);
    }
    const keys: string[] = [];
    const carriers: number[] = [];
    const admitted: number[] = [];
    for (const [k, a] of decisions) {
      keys.push(k);
      carriers.push(a.carriers);
      admitted.push(a.admitted);
    }
    const c = this.client;
    const dataset = c.escapeLiteral(this.scope.datasetId);
    // One statement even with nothing to write (unnest of empty arrays): an answer about an absent allele
    // charges nobody, and must still cost what a released one costs (no timing channel).
    const write = `WITH b AS (
         INSERT INTO privacy_individual_budget (dataset_id, individual_idx, spent, exhausted_at)
         SELECT ${dataset}, u.idx, u.spent, CASE WHEN u.exhausted THEN now() END
           FROM unnest(${sqlArray(c, 'int', idx)}, ${sqlArray(c, 'float8', spent)},
                       ${sqlArray(c, 'bool', exhausted)}) AS u(idx, spent, exhausted)
         ON CONFLICT (dataset_id, individual_idx) DO UPDATE
           SET spent = EXCLUDED.spent,
               exhausted_at = COALESCE(privacy_individual_budget.exhausted_at, EXCLUDED.exhausted_at),
               updated_at = now()
         RETURNING 1
       ), d AS (
         INSERT INTO privacy_decision (dataset_id, variant_key, carriers, admitted)
         SELECT ${dataset}, u.k, u.c, u.a
           FROM unnest(${sqlArray(c, 'text', keys)}, ${sqlArray(c, 'int', carriers)},
                       ${sqlArray(c, 'int', admitted)}) AS u(k, c, a)
         ON CONFLICT (dataset_id, variant_key) DO UPDATE
           SET carriers = EXCLUDED.carriers, admitted = EXCLUDED.admitted, decided_at = now()
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM b) AS budgets, (SELECT count(*) FROM d) AS decisions`;
    // Sent with the COMMIT (withScope), or before a later read; a second save is sent after the first.
    this.pendingWrite = this.pendingWrite === null ? write : `${this.pendingWrite}; ${write}`;
    this.prefetch = null;
    return Promise.resolve();
  }
}
