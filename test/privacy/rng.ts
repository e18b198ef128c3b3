/**
 * Seeded pseudo-random numbers for the attack harness. Hand-written because the harness needs exactly
 * reproducible streams from a 32-bit seed (Math.random cannot be seeded) and only three draws:
 * uniform (mulberry32, a well-known 32-bit generator, ample for simulation), geometric skips and binomial.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform on (0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }

  /** Indices in [0, n) that succeed with probability p each, in order (geometric skips: O(successes)). */
  successes(n: number, p: number): number[] {
    const out: number[] = [];
    if (p <= 0) return out;
    if (p >= 1) {
      for (let i = 0; i < n; i++) out.push(i);
      return out;
    }
    const logQ = Math.log1p(-p);
    for (
      let i = Math.floor(Math.log(this.next()) / logQ);
      i < n;
      i += 1 + Math.floor(Math.log(this.next()) / logQ)
    ) {
      out.push(i);
    }
    return out;
  }

  /** Binomial(n, p); the normal approximation when n p (1 - p) >= 50 (a reference panel's counts). */
  binomial(n: number, p: number): number {
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (p <= 0) return 0;
    const variance = n * p * (1 - p);
    if (variance >= 50) {
      const z = Math.sqrt(-2 * Math.log(this.next())) * Math.cos(2 * Math.PI * this.next());
      return Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(variance))));
    }
    const logQ = Math.log1p(-p);
    let k = 0;
    for (
      let i = Math.floor(Math.log(this.next()) / logQ);
      i < n;
      i += 1 + Math.floor(Math.log(this.next()) / logQ)
    )
      k++;
    return k;
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}
