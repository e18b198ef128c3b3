import { DomainError } from '@helixgate/common';
import { defaultPrivacyPolicy } from './privacy-policy';
import { RateLimiterService } from './rate-limiter.service';

describe('rate limiter', () => {
  const policy = { ...defaultPrivacyPolicy(), rateLimit: { queries: 3, windowSeconds: 10 } };

  it('refuses the query over the limit with RATE_LIMITED and the time to wait, per principal', () => {
    let now = 1_000_000;
    const limiter = new RateLimiterService(policy, () => now);
    limiter.check('a');
    limiter.check('a');
    limiter.check('a');
    limiter.check('b');
    let error: unknown;
    try {
      limiter.check('a');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('RATE_LIMITED');
    expect((error as DomainError).message).toMatch(/at most 3 queries per 10 s; retry in \d+ s/);
    now += 25_000; // two windows later the earlier queries no longer count
    expect(() => limiter.check('a')).not.toThrow();
  });

  it('weights the previous window by its overlap (no burst of twice the limit at a window edge)', () => {
    let now = 10_000 * 100 + 9_000; // late in a window
    const limiter = new RateLimiterService(policy, () => now);
    for (let i = 0; i < 3; i++) limiter.check('a');
    now += 2_000; // just into the next window: 90% of the previous window still counts
    expect(() => limiter.check('a')).toThrow(DomainError);
  });

  it('is off when the limit is 0', () => {
    const limiter = new RateLimiterService(
      { ...policy, rateLimit: { queries: 0, windowSeconds: 1 } },
      () => 0,
    );
    for (let i = 0; i < 100; i++) limiter.check('a');
  });
});
