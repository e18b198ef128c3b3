import { DomainError, anonymousCaller, type Caller } from '@helixgate/common';
import { defaultPrivacyPolicy } from './privacy-policy';
import { RateLimiterService } from './rate-limiter.service';
import { rateLimitKeyOf } from './rate-limit-key';

const signedIn = (subject: string, clientAddress = '192.0.2.1'): Caller => ({
  subject,
  issuer: 'https://idp',
  roles: ['researcher'],
  institution: null,
  visas: [],
  requestId: 'r',
  clientAddress,
});
const anonymousFrom = (clientAddress: string | null): Caller => ({ ...anonymousCaller('r'), clientAddress });

async function refusal(fn: () => Promise<void>): Promise<DomainError | undefined> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  return undefined;
}

describe('rate limiter', () => {
  const policy = { ...defaultPrivacyPolicy(), rateLimit: { queries: 3, windowSeconds: 10 } };

  it('refuses the query over the limit with RATE_LIMITED and the time to wait, per principal', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiterService(policy, () => now);
    const a = signedIn('a');
    await limiter.check(a);
    await limiter.check(a);
    await limiter.check(a);
    await limiter.check(signedIn('b'));
    const error = await refusal(() => limiter.check(signedIn('a')));
    expect(error?.code).toBe('RATE_LIMITED');
    expect(error?.message).toMatch(/at most 3 queries per 10 s; retry in \d+ s/);
    expect(error?.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    now += 25_000; // two windows later the earlier queries no longer count
    await expect(limiter.check(a)).resolves.toBeUndefined();
  });

  it('weights the previous window by its overlap (no burst of twice the limit at a window edge)', async () => {
    let now = 10_000 * 100 + 9_000; // late in a window
    const limiter = new RateLimiterService(policy, () => now);
    for (let i = 0; i < 3; i++) await limiter.check(signedIn('a'));
    now += 2_000; // just into the next window: 90% of the previous window still counts
    await expect(limiter.check(signedIn('a'))).rejects.toThrow(DomainError);
  });

  it('says in Retry-After when the request will fit again', async () => {
    let now = 10_000 * 100 + 9_000; // late in a window
    const limiter = new RateLimiterService(policy, () => now);
    for (let i = 0; i < 3; i++) await limiter.check(signedIn('a'));
    now += 2_000; // into the next window, where 90% of the previous one still counts
    const wait = (await refusal(() => limiter.check(signedIn('a'))))?.details?.retryAfterSeconds as number;
    expect(wait).toBeGreaterThan(1); // the end of the window it was refused in is not enough
    now += (wait - 1) * 1000;
    expect((await refusal(() => limiter.check(signedIn('a'))))?.code).toBe('RATE_LIMITED');
    now += 1000;
    await expect(limiter.check(signedIn('a'))).resolves.toBeUndefined();
  });

  it('refuses a request that needs more than the whole allowance, saying so', async () => {
    const limiter = new RateLimiterService(policy, () => 0);
    expect((await refusal(() => limiter.prepay(signedIn('a'), 4)))?.message).toBe(
      'this request needs 4 queries at once; at most 3 are allowed per 10 s',
    );
  });

  it('keeps anonymous callers apart by client address, so one client cannot lock out the others', async () => {
    const limiter = new RateLimiterService(policy, () => 0);
    for (let i = 0; i < 3; i++) await limiter.check(anonymousFrom('203.0.113.7'));
    expect((await refusal(() => limiter.check(anonymousFrom('203.0.113.7'))))?.code).toBe('RATE_LIMITED');
    await expect(limiter.check(anonymousFrom('203.0.113.8'))).resolves.toBeUndefined();
  });

  it('keeps a signed-in principal to one allowance whatever its address', async () => {
    const limiter = new RateLimiterService(policy, () => 0);
    for (let i = 0; i < 3; i++) await limiter.check(signedIn('a', `203.0.113.${i}`));
    expect((await refusal(() => limiter.check(signedIn('a', '203.0.113.99'))))?.code).toBe('RATE_LIMITED');
  });

  it('charges a prepaid cost once: the request then draws on it, and a refusal charges nothing', async () => {
    const limiter = new RateLimiterService(policy, () => 0);
    const request = signedIn('a');
    await limiter.check(signedIn('a'));
    expect((await refusal(() => limiter.prepay(request, 3)))?.code).toBe('RATE_LIMITED');
    await limiter.prepay(request, 2); // the refused 3 cost nothing: 2 still fit
    await limiter.check(request, 2); // drawn from the prepaid 2
    expect((await refusal(() => limiter.check(request)))?.code).toBe('RATE_LIMITED');
    // Another request of the same principal finds the allowance used.
    expect((await refusal(() => limiter.check(signedIn('a'))))?.code).toBe('RATE_LIMITED');
  });

  it('is off when the limit is 0', async () => {
    const limiter = new RateLimiterService(
      { ...policy, rateLimit: { queries: 0, windowSeconds: 1 } },
      () => 0,
    );
    for (let i = 0; i < 100; i++) await limiter.check(signedIn('a'));
    await limiter.prepay(signedIn('a'), 1000);
  });
});

describe('rate-limit key', () => {
  it('is the account principal for a signed-in caller', async () => {
    expect(rateLimitKeyOf(signedIn('a'))).toBe('sub:https://idp#a');
  });

  it('is the client address for an anonymous caller; IPv6 clients by their /64', async () => {
    expect(rateLimitKeyOf(anonymousFrom('203.0.113.7'))).toBe('address:203.0.113.7');
    expect(rateLimitKeyOf(anonymousFrom('::ffff:203.0.113.7'))).toBe('address:203.0.113.7');
    expect(rateLimitKeyOf(anonymousFrom('2001:db8:1:2:aaaa::1'))).toBe(
      rateLimitKeyOf(anonymousFrom('2001:db8:1:2:bbbb::9')),
    );
    expect(rateLimitKeyOf(anonymousFrom('2001:db8:1:2::1'))).not.toBe(
      rateLimitKeyOf(anonymousFrom('2001:db8:1:3::1')),
    );
  });

  it("puts a peer's anonymous callers on the peer's allowance, and unknown addresses on one", () => {
    expect(rateLimitKeyOf({ ...anonymousFrom('192.0.2.5'), viaPeer: 'node-b' })).toBe('peer:node-b');
    expect(rateLimitKeyOf(anonymousFrom(null))).toBe('address:unknown');
  });
});
