import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { PRIVACY_POLICY } from './privacy.tokens';
import type { PrivacyPolicy, RateLimitPolicy } from './privacy-policy';
import { rateLimitKeyOf } from './rate-limit-key';

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
 * counter (current window's count plus the previous window's, weighted by how much of it still overlaps)
 * kept in process memory: a node serves from one gateway process, and the ~30 lines here are less than
 * wiring a rate-limit library and its store for the same arithmetic.
 *
 * A request that knows its cost before it runs (a GraphQL operation: one per `beacon` field) pays it at
 * once with `prepay`, before any resolver runs; its own `check`s then draw on what it paid (kept per
 * Caller object, which is one per request) instead of charging again.
 */
@Injectable()
export class RateLimiterService {
  private readonly windows = new Map<string, { start: number; count: number; previous: number }>();
  private readonly prepaid = new WeakMap<Caller, number>();
  private readonly limit: RateLimitPolicy;

  constructor(
    @Inject(PRIVACY_POLICY) policy: PrivacyPolicy,
    @Inject(RATE_LIMIT_CLOCK) private readonly now: Clock = Date.now,
  ) {
    this.limit = policy.rateLimit;
  }

  /**
   * Counts `cost` queries of this caller, drawing first on what its request prepaid; throws RATE_LIMITED
   * (with the seconds to wait) when they do not fit, and then counts nothing.
   */
  check(caller: Caller, cost = 1): void {
    const paid = this.prepaid.get(caller) ?? 0;
    const drawn = Math.min(paid, cost);
    if (cost - drawn > 0) this.charge(rateLimitKeyOf(caller), cost - drawn);
    if (drawn > 0) this.prepaid.set(caller, paid - drawn);
  }

  /** Charges `cost` queries now for work this request is about to do (or throws RATE_LIMITED, charging nothing). */
  prepay(caller: Caller, cost: number): void {
    if (cost <= 0) return;
    this.charge(rateLimitKeyOf(caller), cost);
    this.prepaid.set(caller, (this.prepaid.get(caller) ?? 0) + cost);
  }

  private charge(key: string, cost: number): void {
    const { queries, windowSeconds } = this.limit;
    if (queries === 0) return;
    const span = windowSeconds * 1000;
    const t = this.now();
    const start = Math.floor(t / span) * span;
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      const previous = w && w.start === start - span ? w.count : 0;
      w = { start, count: 0, previous };
      this.windows.set(key, w);
      if (this.windows.size > 100_000) this.evict(start - span);
    }
    const overlap = 1 - (t - start) / span;
    const used = w.count + w.previous * overlap;
    if (used + cost > queries) {
      if (cost > queries) {
        throw new DomainError(
          'RATE_LIMITED',
          `this request needs ${cost} queries at once; at most ${queries} are allowed per ${windowSeconds} s`,
          { limit: queries, windowSeconds, retryAfterSeconds: windowSeconds },
        );
      }
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((this.fitsAt(w, start, span, queries - cost) - t) / 1000),
      );
      throw new DomainError(
        'RATE_LIMITED',
        `rate limit reached: at most ${queries} queries per ${windowSeconds} s; retry in ${retryAfterSeconds} s`,
        { limit: queries, windowSeconds, retryAfterSeconds },
      );
    }
    w.count += cost;
  }

  /**
   * When the weighted count falls to `room` if nothing more is charged (Retry-After): in this window as
   * the previous window's weight runs out, else in the next one, as this window's weight does.
   */
  private fitsAt(w: { count: number; previous: number }, start: number, span: number, room: number): number {
    if (w.count <= room && w.previous > 0) return start + (1 - (room - w.count) / w.previous) * span;
    return start + span + Math.max(0, 1 - room / w.count) * span;
  }

  private evict(before: number): void {
    for (const [k, w] of this.windows) if (w.start < before) this.windows.delete(k);
  }
}
