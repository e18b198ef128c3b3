import { randomBytes } from 'node:crypto';

/** Whose budgets: one dataset (every caller draws on the same per-individual budgets). */
export interface BudgetScope {
  readonly datasetId: string;
  /**
   * The ledger rows the unit of work will `read` first, when known before it opens: a store may read them
   * together with taking its lock (after it is held), and answer that `read` without another round trip.
   * A `read` of anything else is read then.
   */
  readonly prefetch?: { readonly variantKeys: readonly string[]; readonly individuals: readonly number[] };
}

export interface IndividualBudget {
  /** Evidence (nats) already released about this individual, to all callers together. */
  spent: number;
  /** Has this individual already been left out of an answer for lack of budget (and reported)? */
  exhausted: boolean;
}

/** A budget-dependent answer as first decided: how many carriers there were and how many were counted. */
export interface RecordedDecision {
  carriers: number;
  admitted: number;
}

/** The view of one dataset's ledger inside one serialised unit of work (see BudgetStore.withScope). */
export interface BudgetLedger {
  /** Decisions already taken for these variant keys and current budgets of these individuals, at once. */
  read(
    variantKeys: readonly string[],
    individuals: readonly number[],
  ): Promise<{ decisions: Map<string, RecordedDecision>; budgets: Map<number, IndividualBudget> }>;
  /** Current budgets of these individuals (absent: never charged). */
  budgets(individuals: readonly number[]): Promise<Map<number, IndividualBudget>>;
  /** Decisions already taken for these variant keys. */
  decisions(variantKeys: readonly string[]): Promise<Map<string, RecordedDecision>>;
  /**
   * Writes the new state of the individuals charged or newly exhausted, and the new decisions. A store may
   * send the write with the unit of work's commit: it is durable (or the unit of work fails) once `withScope`
   * returns, not necessarily once `save` does.
   */
  save(
    budgets: ReadonlyMap<number, IndividualBudget>,
    decisions: ReadonlyMap<string, RecordedDecision>,
  ): Promise<void>;
}

/** Priced alleles one principal's query may reveal in one dataset, against its quota and its share. */
export interface QuotaCharge {
  readonly principal: string;
  readonly datasetId: string;
  readonly alleles: number;
  /** The quota (0: none). */
  readonly cap: number;
  /** Nats the query is expected to draw from the dataset's budgets (pricing.ts expectedDraw, from the panel). */
  readonly nats: number;
  /** The principal's share of the dataset's budgets per window, in nats (0: none). */
  readonly natsCap: number;
  readonly windowSeconds: number;
  /** Evidence (nats) of the noisy count the query may release (count-noise.ts countEvidence); 0: none. */
  readonly countNats?: number;
  /** The principal's count budget in the dataset, for good (never refills; `counts.budget`); 0: none. */
  readonly countCap?: number;
}

/** Why a query was refused: the dataset whose quota or share it would exceed, and when the window ends. */
export interface QuotaRefusal {
  /**
   * `alleles`: the quota of priced alleles; `share`: the principal's share of the dataset's budgets;
   * `counts`: the principal's count budget (never refills).
   */
  readonly limit: 'alleles' | 'share' | 'counts';
  readonly datasetId: string;
  readonly alleles: number;
  readonly used: number;
  readonly cap: number;
  readonly nats: number;
  readonly natsUsed: number;
  readonly natsCap: number;
  readonly windowSeconds: number;
  /** Quota and share: when the window ends. The count budget never refills (null). */
  readonly retryAfterSeconds: number | null;
  readonly countNats: number;
  readonly countSpent: number;
  readonly countCap: number;
}

/**
 * What one principal has used in one dataset, as stored (read-only; nothing here reads the dataset's data):
 * the priced alleles and expected draw of the window that began at `windowStart` (ms since the epoch; null:
 * never charged), and the count budget spent, for good.
 */
export interface QuotaUsage {
  readonly windowStart: number | null;
  readonly used: number;
  readonly drawn: number;
  readonly countSpent: number;
}

/** The limit a charge would pass given what the window already used, or null. */
export function passedLimit(
  c: QuotaCharge,
  used: number,
  natsUsed: number,
  countSpent = 0,
): QuotaRefusal['limit'] | null {
  if (c.cap > 0 && used + c.alleles > c.cap) return 'alleles';
  // A little slack: the same expected draw summed in another order must not flip a refusal.
  if (c.natsCap > 0 && natsUsed + c.nats > c.natsCap * (1 + 1e-9)) return 'share';
  const countNats = c.countNats ?? 0;
  if ((c.countCap ?? 0) > 0 && countNats > 0 && countSpent + countNats > c.countCap! * (1 + 1e-9))
    return 'counts';
  return null;
}

/** Does this charge count against anything? */
export function isRealCharge(c: QuotaCharge): boolean {
  return (
    (c.cap > 0 && c.alleles > 0) ||
    (c.natsCap > 0 && c.nats > 0) ||
    ((c.countCap ?? 0) > 0 && (c.countNats ?? 0) > 0)
  );
}

/**
 * Where budgets live. `withScope` runs `work` with the dataset's ledger such that no other unit of work on
 * the same dataset interleaves (two concurrent requests cannot both spend the last of a budget, nor decide
 * one allele twice) and its `save` is all-or-nothing. `chargeQuotas` adds every charge or none.
 * The gateway uses PostgresBudgetStore; unit tests use InMemoryBudgetStore.
 */
export interface BudgetStore {
  withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T>;
  chargeQuotas(charges: readonly QuotaCharge[], now: number): Promise<QuotaRefusal | null>;
  /** What `principal` has used in the dataset (its quota row as stored); charges nothing, locks nothing. */
  quotaUsage(principal: string, datasetId: string): Promise<QuotaUsage>;
  /** The dataset's random key for count noise (count-noise.ts), created on first use; never released. */
  noiseKey(datasetId: string): Promise<Buffer>;
  /** Drops cached noise keys (the dataset catalog changed: a dataset may have been deleted and created again). */
  forgetNoiseKeys(): void;
}

export const BUDGET_STORE = Symbol('BUDGET_STORE');

/** The start of the quota window `now` falls in (fixed windows since the epoch). */
export function quotaWindowStart(now: number, windowSeconds: number): number {
  const span = windowSeconds * 1000;
  return Math.floor(now / span) * span;
}

/** Budgets in process memory: for unit tests (lost on restart). */
export class InMemoryBudgetStore implements BudgetStore {
  private readonly scopes = new Map<
    string,
    { budgets: Map<number, IndividualBudget>; decisions: Map<string, RecordedDecision> }
  >();
  private readonly quotas = new Map<
    string,
    { start: number; used: number; drawn: number; countSpent: number }
  >();
  private tail: Promise<unknown> = Promise.resolve();

  withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T> {
    let state = this.scopes.get(scope.datasetId);
    if (!state) {
      state = { budgets: new Map(), decisions: new Map() };
      this.scopes.set(scope.datasetId, state);
    }
    const s = state;
    const ledger: BudgetLedger = {
      read: async (keys, individuals) => ({
        decisions: await ledger.decisions(keys),
        budgets: await ledger.budgets(individuals),
      }),
      budgets: (individuals) => {
        const out = new Map<number, IndividualBudget>();
        for (const i of individuals) {
          const b = s.budgets.get(i);
          if (b) out.set(i, { ...b });
        }
        return Promise.resolve(out);
      },
      decisions: (keys) => {
        const out = new Map<string, RecordedDecision>();
        for (const k of keys) {
          const a = s.decisions.get(k);
          if (a) out.set(k, { ...a });
        }
        return Promise.resolve(out);
      },
      save: (budgets, decisions) => {
        for (const [i, b] of budgets) s.budgets.set(i, { ...b });
        for (const [k, a] of decisions) s.decisions.set(k, { ...a });
        return Promise.resolve();
      },
    };
    // One unit of work at a time, like the advisory lock of the PostgreSQL store.
    const run = this.tail.then(() => work(ledger));
    this.tail = run.catch(() => undefined);
    return run;
  }

  chargeQuotas(charges: readonly QuotaCharge[], now: number): Promise<QuotaRefusal | null> {
    const next: [string, { start: number; used: number; drawn: number; countSpent: number }][] = [];
    for (const c of charges) {
      if (!isRealCharge(c)) continue;
      const key = `${c.principal}\u0000${c.datasetId}`;
      const start = quotaWindowStart(now, c.windowSeconds);
      const q = this.quotas.get(key);
      const used = q && q.start === start ? q.used : 0;
      const drawn = q && q.start === start ? q.drawn : 0;
      // The count budget is not per window: it never refills.
      const countSpent = q?.countSpent ?? 0;
      const limit = passedLimit(c, used, drawn, countSpent);
      if (limit) return Promise.resolve(refusal(c, limit, used, drawn, start, now, countSpent));
      next.push([
        key,
        { start, used: used + c.alleles, drawn: drawn + c.nats, countSpent: countSpent + (c.countNats ?? 0) },
      ]);
    }
    for (const [k, v] of next) this.quotas.set(k, v);
    return Promise.resolve(null);
  }

  quotaUsage(principal: string, datasetId: string): Promise<QuotaUsage> {
    const q = this.quotas.get(`${principal}\u0000${datasetId}`);
    return Promise.resolve(
      q
        ? { windowStart: q.start, used: q.used, drawn: q.drawn, countSpent: q.countSpent }
        : { windowStart: null, used: 0, drawn: 0, countSpent: 0 },
    );
  }

  private readonly noiseKeys = new Map<string, Buffer>();

  noiseKey(datasetId: string): Promise<Buffer> {
    let key = this.noiseKeys.get(datasetId);
    if (!key) this.noiseKeys.set(datasetId, (key = randomBytes(32)));
    return Promise.resolve(key);
  }

  forgetNoiseKeys(): void {
    this.noiseKeys.clear();
  }

  /** Forgets everything. */
  clear(): void {
    this.scopes.clear();
    this.quotas.clear();
  }
}

export function refusal(
  c: QuotaCharge,
  limit: QuotaRefusal['limit'],
  used: number,
  natsUsed: number,
  start: number,
  now: number,
  countSpent = 0,
): QuotaRefusal {
  return {
    limit,
    datasetId: c.datasetId,
    alleles: c.alleles,
    used,
    cap: c.cap,
    nats: c.nats,
    natsUsed,
    natsCap: c.natsCap,
    windowSeconds: c.windowSeconds,
    retryAfterSeconds:
      limit === 'counts' ? null : Math.max(1, Math.ceil((start + c.windowSeconds * 1000 - now) / 1000)),
    countNats: c.countNats ?? 0,
    countSpent,
    countCap: c.countCap ?? 0,
  };
}
