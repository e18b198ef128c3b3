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
 * Statements are batched (one read of budgets and decisions, one statement for both upserts); the quota
 * charge is one statement (1764940000000). Bookkeeping commits asynchronously (ASYNC_BOOKKEEPING). Nothing
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
   * the dataset. BEGIN, `SET LOCAL synchronous_commit = off` (ASYNC_BOOKKEEPING) and the lock go as one
   * simple-protocol message; under READ COMMITTED each later statement takes a fresh snapshot, so the ledger
   * is read after the lock is held.
   */
  async withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner('master');
    const client = (await qr.connect()) as RawClient;
    try {
      await client.query(
        `BEGIN; SET LOCAL ${ASYNC_BOOKKEEPING}; ` +
          `SELECT pg_advisory_xact_lock(hashtext('privacy-budget'), hashtext(${client.escapeLiteral(scope.datasetId)}))`,
      );
      const result = await work(new PostgresLedger(client, scope));
      await client.query('COMMIT');
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

/**
 * One dataset's ledger inside its transaction, in three round trips besides the COMMIT: the reads of budgets
 * and decisions in one statement, both upserts in one statement (data-modifying CTEs run to completion
 * whether read or not).
 */
class PostgresLedger implements BudgetLedger {
  constructor(
    private readonly client: RawClient,
    private readonly scope: BudgetScope,
  ) {}

  async read(
    variantKeys: readonly string[],
    individuals: readonly number[],
  ): Promise<{ decisions: Map<string, RecordedDecision>; budgets: Map<number, IndividualBudget> }> {
    const rows = rowsOf<{
      variant_key: string | null;
      individual_idx: number | null;
      carriers: number | null;
      admitted: number | null;
      spent: number | null;
      exhausted: boolean | null;
    }>(
      await this.client.query(
        `SELECT variant_key, NULL::int AS individual_idx, carriers, admitted, NULL::float8 AS spent,
                NULL::bool AS exhausted
           FROM privacy_decision WHERE dataset_id = $1 AND variant_key = ANY($2::text[])
         UNION ALL
         SELECT NULL, individual_idx, NULL, NULL, spent, exhausted_at IS NOT NULL
           FROM privacy_individual_budget WHERE dataset_id = $1 AND individual_idx = ANY($3::int[])`,
        [this.scope.datasetId, [...variantKeys], [...individuals]],
      ),
    );
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

  async save(
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
    // One statement even with nothing to write (unnest of empty arrays): an answer about an absent allele
    // charges nobody, and must still cost what a released one costs (no timing channel).
    await this.client.query(
      `WITH b AS (
         INSERT INTO privacy_individual_budget (dataset_id, individual_idx, spent, exhausted_at)
         SELECT $1, u.idx, u.spent, CASE WHEN u.exhausted THEN now() END
           FROM unnest($2::int[], $3::float8[], $4::bool[]) AS u(idx, spent, exhausted)
         ON CONFLICT (dataset_id, individual_idx) DO UPDATE
           SET spent = EXCLUDED.spent,
               exhausted_at = COALESCE(privacy_individual_budget.exhausted_at, EXCLUDED.exhausted_at),
               updated_at = now()
         RETURNING 1
       ), d AS (
         INSERT INTO privacy_decision (dataset_id, variant_key, carriers, admitted)
         SELECT $1, u.k, u.c, u.a FROM unnest($5::text[], $6::int[], $7::int[]) AS u(k, c, a)
         ON CONFLICT (dataset_id, variant_key) DO UPDATE
           SET carriers = EXCLUDED.carriers, admitted = EXCLUDED.admitted, decided_at = now()
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM b) AS budgets, (SELECT count(*) FROM d) AS decisions`,
      [this.scope.datasetId, idx, spent, exhausted, keys, carriers, admitted],
    );
  }
}
