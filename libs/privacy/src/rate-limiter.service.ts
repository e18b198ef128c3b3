import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import { PRIVACY_POLICY } from './privacy.tokens';
import type { PrivacyPolicy, RateLimitPolicy } from './privacy-policy';

export const RATE_LIMIT_CLOCK = Symbol('RATE_LIMIT_CLOCK');
export type Clock = () => number;

/**
 * Per-principal query limit, the guard's second line (the budget is the first). A sliding-window counter
 * (current window's count plus the previous window's, weighted by how much of it still overlaps) kept in
 * process memory: a node serves from one gateway process, and the ~30 lines here are less than wiring a
 * rate-limit library and its store for the same arithmetic.
 */
@Injectable()
export class RateLimiterService {
  private readonly windows = new Map<string, { start: number; count: number; previous: number }>();
  private readonly limit: RateLimitPolicy;

  constructor(
    @Inject(PRIVACY_POLICY) policy: PrivacyPolicy,
    @Inject(RATE_LIMIT_CLOCK) private readonly now: Clock = Date.now,
  ) {
    this.limit = policy.rateLimit;
  }

  /** Counts one query of this principal, or throws RATE_LIMITED (with the seconds to wait) when over. */
  check(principal: string, cost = 1): void {
    const { queries, windowSeconds } = this.limit;
    if (queries === 0) return;
    const span = windowSeconds * 1000;
    const t = this.now();
    const start = Math.floor(t / span) * span;
    let w = this.windows.get(principal);
    if (!w || w.start !== start) {
      const previous = w && w.start === start - span ? w.count : 0;
      w = { start, count: 0, previous };
      this.windows.set(principal, w);
      if (this.windows.size > 100_000) this.evict(start - span);
    }
    const overlap = 1 - (t - start) / span;
    const used = w.count + w.previous * overlap;
    if (used + cost > queries) {
      const retryAfterSeconds = Math.max(1, Math.ceil((start + span - t) / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        `rate limit reached: at most ${queries} queries per ${windowSeconds} s; retry in ${retryAfterSeconds} s`,
        { limit: queries, windowSeconds, retryAfterSeconds },
      );
    }
    w.count += cost;
  }

  private evict(before: number): void {
    for (const [k, w] of this.windows) if (w.start < before) this.windows.delete(k);
  }
}
