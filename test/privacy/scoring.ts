/** The largest false-positive rate the score's threshold may have on the controls. */
export const FALSE_POSITIVE_RATE = 0.05;

/**
 * Power at the threshold that flags at most 5% of the controls (empirical): the threshold t is the
 * (k+1)-th largest control score with k = floor(0.05 C), a target is flagged when its score is > t
 * (ties at t are not flagged, so at most k controls are); power = fraction of members flagged.
 */
export function powerAtFpr(
  members: ArrayLike<number>,
  controls: ArrayLike<number>,
  fpr = FALSE_POSITIVE_RATE,
): number {
  const sorted = Array.from(controls).sort((a, b) => b - a);
  const k = Math.floor(fpr * sorted.length);
  const t = sorted[Math.min(k, sorted.length - 1)];
  let flagged = 0;
  for (let i = 0; i < members.length; i++) if (members[i] > t) flagged++;
  return flagged / members.length;
}

/** Wilson score interval (95%) for a proportion of `n` trials. */
export function wilson(p: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    low: Math.max(0, (centre - spread) / (1 + z2 / n)),
    high: Math.min(1, (centre + spread) / (1 + z2 / n)),
  };
}

/**
 * One-sided Mann-Whitney rank-sum test that members score higher than controls: the p-value under the null
 * hypothesis that both are draws from one distribution (normal approximation with the tie correction, good
 * from ~20 per group). Unlike "power at 5% FPR <= bound", whose estimate from 40 + 40 targets exceeds 0.2 in
 * ~2.4% of runs when there is no difference at all, its false-alarm rate under no leak is exactly alpha:
 * the timing check in CI asserts p > 0.001, so it fails by chance once in a thousand runs.
 */
export function rankSumP(members: ArrayLike<number>, controls: ArrayLike<number>): number {
  const m = members.length;
  const n = controls.length;
  if (m === 0 || n === 0) return 1;
  const all = [
    ...Array.from(members, (v) => ({ v, g: 0 })),
    ...Array.from(controls, (v) => ({ v, g: 1 })),
  ].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const rank = (i + 1 + j) / 2; // mid-rank of the tied block
    for (let k = i; k < j; k++) if (all[k].g === 0) rankSum += rank;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  const u = rankSum - (m * (m + 1)) / 2;
  const mean = (m * n) / 2;
  const N = m + n;
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (variance <= 0) return 1;
  const z = (u - mean - 0.5) / Math.sqrt(variance); // continuity correction
  return 1 - normalCdfApprox(z);
}

function normalCdfApprox(x: number): number {
  // Abramowitz & Stegun 7.1.26 (error < 1.5e-7), as libs/privacy pricing.ts.
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y =
    1 -
    t *
      (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp((-x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
