import { createHmac } from 'node:crypto';
import type { RoundedCount } from './count-rounding';
import { normalCdf, normalQuantile } from './pricing';
import type { CountPolicy } from './privacy-policy';

/**
 * Noise on the allele count of a common allele (docs/privacy.md, "Counts"). Exact counts of common alleles
 * let an allele-frequency test (Sankararaman et al. 2009) tell members from non-members: each count moves
 * by the target's own 0-2 copies, and the evidence adds up over many alleles (issue 10: 0.36 at 1,000
 * counts on a 1,000-person dataset). Rounding barely helps (a deterministic function of the count); noise
 * of k times the count's own sampling standard deviation divides the evidence per count by about 1 + k^2.
 *
 * The noise of an allele is fixed: a standard normal deviate drawn from HMAC-SHA256(the dataset's noise key,
 * variant key), so every caller and every repeat sees the same value and no one can average it away; the key
 * is random per dataset and kept in the database (never released). Its scale comes from the panel frequency,
 * N and the policy, never from the data.
 */
export function noiseDeviate(key: Uint8Array, datasetId: string, variantKey: string): number {
  const h = createHmac('sha256', key).update(`${datasetId}\u0000${variantKey}`).digest();
  // 48 bits, centred in their cell: strictly inside (0, 1).
  const u = (h.readUIntBE(0, 6) + 0.5) / 2 ** 48;
  return normalQuantile(u);
}

/** The standard deviation of the noise: k x sqrt(p N f (1 - f)), the sampling deviation of the allele count. */
export function countNoiseSd(k: number, frequency: number, individuals: number, ploidy = 2): number {
  const f = Math.min(1, Math.max(0, frequency));
  return k * Math.sqrt(ploidy * individuals * f * (1 - f));
}

/**
 * The allele count released for one common allele: the count plus `sd x z`, rounded, never below the floor
 * (the allele is present) nor above the allele number; labelled "imprecise" (Beacon v2: not the exact count).
 */
export function noisyAlleleCount(
  count: number,
  alleleNumber: number,
  sd: number,
  z: number,
  policy: Pick<CountPolicy, 'floor'>,
): RoundedCount {
  if (count <= 0) return { value: 0, countPrecision: 'exact', countAdjustedTo: null };
  const noisy = Math.round(count + sd * z);
  const value = Math.max(policy.floor, Math.min(Math.max(alleleNumber, policy.floor), noisy));
  return { value, countPrecision: 'imprecise', countAdjustedTo: null };
}

/**
 * The evidence (nats) one noisy count can carry about any one individual: a person moves the allele count by
 * at most `ploidy` copies, so "in" and "out" differ by a shift of at most p in the mean of a Gaussian of
 * standard deviation `sd`, whose Kullback-Leibler divergence is p^2 / (2 sd^2). This is the worst case over
 * genotypes (an attacker who asks the alleles its target is homozygous for), not the average of the
 * allele-frequency test on random alleles (about 1 / (2 p N (1 + k^2)) per count): charging it is what makes
 * the count budget a bound whatever alleles are asked. Infinite for exact counts (sd 0).
 */
export function countEvidence(sd: number, ploidy = 2): number {
  return sd > 0 ? (ploidy * ploidy) / (2 * sd * sd) : Infinity;
}

/**
 * The largest power at false-positive rate `fpr` of any membership test on noisy counts whose evidence sums
 * to `nats` per principal, for `principals` colluding principals that pool what they are told (Gaussian
 * mechanisms compose into one Gaussian shift of mu = sqrt(2 x nats x principals): power
 * Phi(mu - z(1 - fpr)), Dong, Roth & Su 2019). `counts.budget` 0.013: 0.069 for one principal, 0.0995 for 5.
 */
export function countTestPowerBound(nats: number, fpr = 0.05, principals = 1): number {
  return normalCdf(Math.sqrt(2 * nats * principals) - normalQuantile(1 - fpr));
}
