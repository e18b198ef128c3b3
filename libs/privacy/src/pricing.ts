/**
 * Pricing of one "exists" answer for one individual it reveals (Raisaro et al. 2017).
 *
 * Seen by an attacker who holds the target's genome, a "yes" for an allele the target carries is
 * 1 / (1 - D) times likelier if the target is in the beacon than if not, where D = (1 - f)^(p(N - 1))
 * is the chance that none of the other N - 1 members (p haplotypes each) carries it. Its log,
 * -ln(1 - D), is the evidence (in nats) the answer gives about that individual, and what their risk
 * budget is charged. f comes from a reference panel (people outside the dataset), never from the
 * dataset's own counts: those include the target, so a price read from them would itself depend on
 * whether the target is in (the leak of issue 10).
 */
export function revelationCost(frequency: number, individuals: number, ploidy = 2): number {
  if (!(frequency > 0)) return Number.POSITIVE_INFINITY;
  if (individuals <= 1) return Number.POSITIVE_INFINITY;
  if (frequency >= 1) return 0;
  // log1p/expm1 keep precision where D is close to 0 or to 1.
  const logD = ploidy * (individuals - 1) * Math.log1p(-frequency);
  return -Math.log1p(-Math.exp(logD));
}

/**
 * The nats one decision about an allele is expected to draw from a dataset's budgets, from the panel alone:
 * its price times the expected number of carriers among the N individuals (each carries it with probability
 * 1 - (1 - f)^p). What a principal's share is charged (privacy-policy.ts `quota.share`): the expectation, so
 * that the charge, and a refusal, depend on the panel and the query, never on who is in the dataset.
 */
export function expectedDraw(frequency: number, individuals: number, ploidy = 2): number {
  const cost = revelationCost(frequency, individuals, ploidy);
  if (!Number.isFinite(cost)) return 0;
  return cost * individuals * -Math.expm1(ploidy * Math.log1p(-Math.min(frequency, 1)));
}

/** The lowest pricing frequency one full budget can pay for (everything rarer is never revealed). */
export function affordableFrequency(budget: number, individuals: number, ploidy = 2): number {
  // cost(f) <= B  <=>  (1 - f)^(p(N-1)) <= 1 - e^(-B)
  return -Math.expm1(Math.log(-Math.expm1(-budget)) / (ploidy * (individuals - 1)));
}

/**
 * Haplotypes per individual used in the pricing, from the contig alone (never from the dataset's counts):
 * 2 on autosomes; 1 on MT and Y; 1 on X as well, the conservative choice (fewer haplotypes among the
 * others make every "yes" dearer), since a dataset may hold only men.
 */
export function contigPloidy(chrom: string): number {
  return chrom === 'MT' || chrom === 'X' || chrom === 'Y' ? 1 : 2;
}

/** What the panel says about one allele: its frequency and, when the file gave them, the counts behind it. */
export interface PanelFrequency {
  af: number;
  ac: number | null;
  an: number | null;
}

/**
 * The frequency an answer is priced at: the lower end of a one-sided Wilson interval at `confidence`
 * around the panel's allele frequency when the panel gave its allele number (a small panel's estimate
 * of a rare allele is noisy, and pricing an allele as commoner than it is undercharges), else the
 * panel's AF as given. An allele the panel does not have is priced as never seen: 0, unaffordable.
 */
export function panelPricingFrequency(panel: PanelFrequency | null, confidence: number): number {
  if (!panel || !(panel.af > 0)) return 0;
  const n = panel.an;
  if (n === null || n <= 0) return Math.min(1, panel.af);
  const k = panel.ac ?? Math.round(panel.af * n);
  if (k <= 0) return 0;
  const p = Math.min(1, k / n);
  const z = normalQuantile(confidence);
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

/**
 * Standard normal quantile by bisection on erfc (Abramowitz & Stegun 7.1.26, error < 1.5e-7). Hand-written:
 * the guard needs this one function, at policy load, and a statistics package for it is not worth a
 * dependency.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('probability must be within (0, 1)');
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y =
    1 -
    t *
      (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp((-x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Where an allele's price puts it, from the panel and the policy only (never from the dataset). */
export type PriceBand = 'free' | 'priced' | 'unaffordable';

export function priceBand(cost: number, policy: { minChargedCost: number; riskBudget: number }): PriceBand {
  if (cost < policy.minChargedCost) return 'free';
  return cost <= policy.riskBudget + 1e-12 ? 'priced' : 'unaffordable';
}
