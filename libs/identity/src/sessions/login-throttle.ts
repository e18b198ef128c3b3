import { DomainError } from '@helixgate/common';

interface Window {
  failures: number;
  resetAt: number;
}

/**
 * Failed sign-in attempts per account and per client address, in memory (one gateway process; a
 * restart clears it — the scrypt cost still bounds guessing). After `perAccount` failures for one
 * username, or `perAddress` from one address, within `windowMs`, sign-in is refused with RATE_LIMITED
 * until the window ends, whether or not the next password is right. Written by hand: the privacy lib's
 * limiter counts queries per principal, not failures per key, and this needs no store.
 */
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 30,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RATE_LIMITED when either key is over its limit. */
  check(account: string, address: string): void {
    for (const [key, limit] of this.keys(account, address)) {
      const w = this.live(key);
      if (w && w.failures >= limit) {
        const retryAfterSeconds = Math.ceil((w.resetAt - this.now()) / 1000);
        throw new DomainError(
          'RATE_LIMITED',
          `too many failed sign-in attempts: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
          { retryAfterSeconds },
        );
      }
    }
  }

  fail(account: string, address: string): void {
    for (const [key] of this.keys(account, address)) {
      const w = this.live(key) ?? { failures: 0, resetAt: this.now() + this.windowMs };
      w.failures++;
      this.windows.set(key, w);
    }
    if (this.windows.size > 100_000) this.sweep();
  }

  succeed(account: string): void {
    this.windows.delete(`u:${account}`);
  }

  private keys(account: string, address: string): [string, number][] {
    return [
      [`u:${account}`, this.perAccount],
      [`a:${address}`, this.perAddress],
    ];
  }

  private live(key: string): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private sweep(): void {
    for (const key of [...this.windows.keys()]) this.live(key);
  }
}
