import { randomBytes } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidationBus } from '@helixgate/db';
import { DataSource, type EntityManager } from 'typeorm';
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
 * Statements are batched (one read of budgets, one of decisions, one upsert each). Nothing stored names a
 * variant together with the individuals counted for it.
 */
@Injectable()
export class PostgresBudgetStore implements BudgetStore {
  /**
   * Noise keys by dataset, kept in memory: the row is written once and only goes with its dataset, and a
   * change of the dataset table anywhere (NOTIFY from its trigger) or a stale catalog seen by the beacon
   * (`forgetNoiseKeys`) drops them all, so a dataset deleted and created again is read afresh.
   */
  private readonly noiseKeys = new Map<string, Promise<Buffer>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() invalidation?: InvalidationBus,
  ) {
    invalidation?.subscribe((what) => {
      if (what === 'dataset' || what === '*') this.forgetNoiseKeys();
    });
  }

  forgetNoiseKeys(): void {
    this.noiseKeys.clear();
  }

  withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('privacy-budget'), hashtext($1))`, [
        scope.datasetId,
      ]);
      return work(new PostgresLedger(em, scope));
    });
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

  /** All charges in one transaction: every quota grows, or (one would pass its cap) none does. */
  chargeQuotas(charges: readonly QuotaCharge[], now: number): Promise<QuotaRefusal | null> {
    const real = charges.filter(isRealCharge);
    if (real.length === 0) return Promise.resolve(null);
    return this.dataSource
      .transaction(async (em) => {
        for (const c of real) {
          const start = quotaWindowStart(now, c.windowSeconds);
          const countNats = c.countNats ?? 0;
          // The count budget (count_spent) is not per window: it never refills.
          const rows: { used: number; drawn: number; count_spent: number }[] = await em.query(
            `INSERT INTO privacy_quota AS q (principal, dataset_id, window_start, used, drawn, count_spent)
           VALUES ($1, $2, to_timestamp($3 / 1000.0), $4, $5, $6)
           ON CONFLICT (principal, dataset_id) DO UPDATE
             SET used = CASE WHEN q.window_start = EXCLUDED.window_start THEN q.used + EXCLUDED.used
                             ELSE EXCLUDED.used END,
                 drawn = CASE WHEN q.window_start = EXCLUDED.window_start THEN q.drawn + EXCLUDED.drawn
                             ELSE EXCLUDED.drawn END,
                 count_spent = q.count_spent + EXCLUDED.count_spent,
                 window_start = EXCLUDED.window_start
           RETURNING used, drawn, count_spent`,
            [c.principal, c.datasetId, start, c.alleles, c.nats, countNats],
          );
          const used = Number(rows[0].used) - c.alleles;
          const drawn = Number(rows[0].drawn) - c.nats;
          const countSpent = Number(rows[0].count_spent) - countNats;
          const limit = passedLimit(c, used, drawn, countSpent);
          // Roll the whole charge back: a refused query changes nothing.
          if (limit) throw new QuotaExceeded(refusal(c, limit, used, drawn, start, now, countSpent));
        }
        return null;
      })
      .catch((err: unknown) => {
        if (err instanceof QuotaExceeded) return err.refusal;
        throw err;
      });
  }
}

class QuotaExceeded extends Error {
  constructor(readonly refusal: QuotaRefusal) {
    super('quota exceeded');
  }
}

class PostgresLedger implements BudgetLedger {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: BudgetScope,
  ) {}

  async budgets(individuals: readonly number[]): Promise<Map<number, IndividualBudget>> {
    const out = new Map<number, IndividualBudget>();
    const rows: { individual_idx: number; spent: number; exhausted: boolean }[] = await this.em.query(
      `SELECT individual_idx, spent, exhausted_at IS NOT NULL AS exhausted FROM privacy_individual_budget
        WHERE dataset_id = $1 AND individual_idx = ANY($2::int[])`,
      [this.scope.datasetId, [...individuals]],
    );
    for (const r of rows)
      out.set(Number(r.individual_idx), { spent: Number(r.spent), exhausted: r.exhausted });
    return out;
  }

  async decisions(variantKeys: readonly string[]): Promise<Map<string, RecordedDecision>> {
    const out = new Map<string, RecordedDecision>();
    const rows: { variant_key: string; carriers: number; admitted: number }[] = await this.em.query(
      `SELECT variant_key, carriers, admitted FROM privacy_decision
        WHERE dataset_id = $1 AND variant_key = ANY($2::text[])`,
      [this.scope.datasetId, [...variantKeys]],
    );
    for (const r of rows)
      out.set(r.variant_key, { carriers: Number(r.carriers), admitted: Number(r.admitted) });
    return out;
  }

  async save(
    budgets: ReadonlyMap<number, IndividualBudget>,
    decisions: ReadonlyMap<string, RecordedDecision>,
  ): Promise<void> {
    const { datasetId } = this.scope;
    // Both statements run even with nothing to write (unnest of empty arrays): an answer about an absent
    // allele charges nobody, and must still cost what a released one costs (no timing channel).
    {
      const idx: number[] = [];
      const spent: number[] = [];
      const exhausted: boolean[] = [];
      for (const [i, b] of budgets) {
        idx.push(i);
        spent.push(b.spent);
        exhausted.push(b.exhausted);
      }
      await this.em.query(
        `INSERT INTO privacy_individual_budget (dataset_id, individual_idx, spent, exhausted_at)
         SELECT $1, u.idx, u.spent, CASE WHEN u.exhausted THEN now() END
           FROM unnest($2::int[], $3::float8[], $4::bool[]) AS u(idx, spent, exhausted)
         ON CONFLICT (dataset_id, individual_idx) DO UPDATE
           SET spent = EXCLUDED.spent,
               exhausted_at = COALESCE(privacy_individual_budget.exhausted_at, EXCLUDED.exhausted_at),
               updated_at = now()`,
        [datasetId, idx, spent, exhausted],
      );
    }
    {
      const keys: string[] = [];
      const carriers: number[] = [];
      const admitted: number[] = [];
      for (const [k, a] of decisions) {
        keys.push(k);
        carriers.push(a.carriers);
        admitted.push(a.admitted);
      }
      await this.em.query(
        `INSERT INTO privacy_decision (dataset_id, variant_key, carriers, admitted)
         SELECT $1, u.k, u.c, u.a FROM unnest($2::text[], $3::int[], $4::int[]) AS u(k, c, a)
         ON CONFLICT (dataset_id, variant_key) DO UPDATE
           SET carriers = EXCLUDED.carriers, admitted = EXCLUDED.admitted, decided_at = now()`,
        [datasetId, keys, carriers, admitted],
      );
    }
  }
}
