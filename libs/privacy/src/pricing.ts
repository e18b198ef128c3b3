/**
 * Pricing of one "exists"/count answer for one individual it reveals (Raisaro et al. 2017).
 *
 * Seen by an attacker who holds the target's genome, a "yes" for an allele the target carries is
 * 1 / (1 - D) times likelier if the target is in the beacon than if not, where D = (1 - f)^(2(N - 1))
 * is the chance that none of the other N - 1 members carries it. Its log, -ln(1 - D), is the evidence
 * (in nats) the answer gives about that individual, and what their risk budget is charged.
 */
export function revelationCost(frequency: number, individuals: number): number {
  if (!(frequency > 0)) return Number.POSITIVE_INFINITY;
  if (frequency >= 1 || individuals <= 1) return individuals <= 1 ? Number.POSITIVE_INFINITY : 0;
  // log1p/expm1 keep precision where (1 - f)^(2(N-1)) is close to 0 or to 1.
  const logD = 2 * (individuals - 1) * Math.log1p(-frequency);
  return -Math.log1p(-Math.exp(logD));
}

/** The lowest frequency whose answer one full budget can pay for (everything rarer is never revealed). */
export function affordableFrequency(budget: number, individuals: number): number {
  // cost(f) <= B  <=>  (1 - f)^(2(N-1)) <= 1 - e^(-B)
  return -Math.expm1(Math.log(-Math.expm1(-budget)) / (2 * (individuals - 1)));
}

export interface PricedHit {
  /** Frequency of the allele in a reference population (a panel separate from this beacon); null: unknown. */
  readonly referenceFrequency: number | null;
  /** Copies of the allele in this dataset (used only when the reference frequency is unknown). */
  readonly datasetAlleleCount?: number | null;
}

/**
 * The frequency an answer is priced at. The reference panel's frequency when known; otherwise the
 * dataset's own count without the copies of the individual being revealed (at most 2), over the other
 * N - 1 individuals: a dataset singleton is then priced as never seen elsewhere, i.e. unaffordable.
 * The beacon's own frequency alone would price its singletons at 1/(2N), cheaply, which is the leak.
 */
export function pricingFrequency(hit: PricedHit, individuals: number): number {
  if (hit.referenceFrequency !== null && Number.isFinite(hit.referenceFrequency)) {
    return Math.min(1, Math.max(0, hit.referenceFrequency));
  }
  const ac = hit.datasetAlleleCount ?? 0;
  if (individuals <= 1) return 0;
  return Math.max(0, ac - 2) / (2 * (individuals - 1));
}
