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
