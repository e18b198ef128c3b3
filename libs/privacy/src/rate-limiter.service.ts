import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { PRIVACY_POLICY } from './privacy.tokens';
import type { PrivacyPolicy, RateLimitPolicy } from './privacy-policy';
import { rateLimitKeyOf } from './rate-limit-key';
import {
  MemoryRateLimitStore,
  RATE_LIMIT_STORE,
  type RateLimitStore,
  type WindowCounts,
} from './rate-limit-store';

export const RATE_LIMIT_CLOCK = Symbol('RATE_LIMIT_CLOCK');

/**
 * GraphQL field extension naming how many queries one call of a root field costs (`@Extensions({
 * [RATE_LIMIT_COST]: 1 })`): the gateway charges an operation's total with `prepay` before it runs, and
 * the field's own `check`s draw on that. A field without it is charged as it runs.
 */
export const RATE_LIMIT_COST = 'rateLimitCost';
export type Clock = () => number;

/**
 * Query limit per allowance (`rateLimitKeyOf`: the account principal of a signed-in caller, the client
 * address of an anonymous one), the guard's second line (the budget is the first). A sliding-window
 * counter (current window's count plus the previous window's, weighted by how much of it still overlaps).
 * The counters live in a RateLimitStore shared by every gateway process of the node (PostgreSQL, or Redis
 * with HELIXGATE_REDIS_URL; process memory only on the embedded database, which serves one process), so
 * the limit holds for the sum of a caller's queries whichever process answers them.
 *
 * A request that knows its cost before it runs (a GraphQL operation: one per `beacon` field) pays it at
 * once with `prepay`, before any resolver runs; its own `check`s then draw on what it paid (kept per
 * Caller object, which is one per request, in the process serving it) instead of charging again.
 */
@Injectable()
export class RateLimiterService {
  private readonly prepaid = new WeakMap<Caller, number>();
  private readonly limit: RateLimitPolicy;

  constructor(
    @Inject(PRIVACY_POLICY) policy: PrivacyPolicy,
    @Inject(RATE_LIMIT_CLOCK) private readonly now: Clock = Date.now,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore = new MemoryRateLimitStore(),
  ) {
    this.limit = policy.rateLimit;
  }

  /** Where the counters are kept (`config check`, the docs). */
  get storeKind(): RateLimitStore['kind'] {
    return this.store.kind;
  }

  /**
   * Counts `cost` queries of this caller, drawing first on what its request prepaid; throws RATE_LIMITED
   * (with the seconds to wait) when they do not fit, and then counts nothing.
   */
  async check(caller: Caller, cost = 1): Promise<void> {
    const paid = this.prepaid.get(caller) ?? 0;
    const drawn = Math.min(paid, cost);
    if (drawn > 0) this.prepaid.set(caller, paid - drawn);
    if (cost - drawn > 0) {
      try {
        await this.charge(rateLimitKeyOf(caller), cost - drawn);
      } catch (err) {
        if (drawn > 0) this.prepaid.set(caller, (this.prepaid.get(caller) ?? 0) + drawn);
        throw err;
      }
    }
  }

  /** Charges `cost` queries now for work this request is about to do (or throws RATE_LIMITED, charging nothing). */
  async prepay(caller: Caller, cost: number): Promise<void> {
    if (cost <= 0) return;
    await this.charge(rateLimitKeyOf(caller), cost);
    this.prepaid.set(caller, (this.prepaid.get(caller) ?? 0) + cost);
  }

  private async charge(key: string, cost: number): Promise<void> {
    const { queries, windowSeconds } = this.limit;
    if (queries === 0) return;
    if (cost > queries) {
      throw new DomainError(
        'RATE_LIMITED',
        `this request needs ${cost} queries at once; at most ${queries} are allowed per ${windowSeconds} s`,
        { limit: queries, windowSeconds, retryAfterSeconds: windowSeconds },
      );
    }
    const span = windowSeconds * 1000;
    const t = this.now();
    const start = Math.floor(t / span) * span;
    const overlap = 1 - (t - start) / span;
    const refused = await this.store.tryCharge({ key, start, spanMs: span, overlap, cost, limit: queries });
    if (!refused) return;
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((this.fitsAt(refused, start, span, queries - cost) - t) / 1000),
    );
    throw new DomainError(
      'RATE_LIMITED',
      `rate limit reached: at most ${queries} queries per ${windowSeconds} s; retry in ${retryAfterSeconds} s`,
      { limit: queries, windowSeconds, retryAfterSeconds },
    );
  }

  /**
   * When the weighted count falls to `room` if nothing more is charged (Retry-After): in this window as
   * the previous window's weight runs out, else in the next one, as this window's weight does.
   */
  private fitsAt(w: WindowCounts, start: number, span: number, room: number): number {
    if (w.count <= room && w.previous > 0) return start + (1 - (room - w.count) / w.previous) * span;
    return start + span + Math.max(0, 1 - room / Math.max(w.count, 1e-9)) * span;
  }
}
