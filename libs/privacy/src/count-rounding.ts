import type { CountPolicy } from './privacy-policy';

/** Beacon v2 `countPrecision`: how far a released count may be from the true one. */
export type CountPrecision = 'exact' | 'imprecise' | 'rounded';

export interface RoundedCount {
  value: number;
  countPrecision: CountPrecision;
  /** The floor (imprecise) or the rounding unit (rounded) the count was adjusted to; null when exact. */
  countAdjustedTo: number | null;
}

/**
 * Shapes a count for release. 0 stays 0 (the answer is "no" anyway); 1 .. floor-1 are all reported as
 * `floor` ("imprecise"), so a small count never says how small; at or above the floor the count is
 * rounded to the nearest multiple of `roundTo` (never below the floor), or released exactly when
 * `roundTo` is 1.
 */
export function roundCount(count: number, policy: Pick<CountPolicy, 'floor' | 'roundTo'>): RoundedCount {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (count === 0) return { value: 0, countPrecision: 'exact', countAdjustedTo: null };
  if (count < policy.floor)
    return { value: policy.floor, countPrecision: 'imprecise', countAdjustedTo: policy.floor };
  if (policy.roundTo <= 1) return { value: count, countPrecision: 'exact', countAdjustedTo: null };
  const rounded = Math.max(policy.floor, Math.round(count / policy.roundTo) * policy.roundTo);
  return { value: rounded, countPrecision: 'rounded', countAdjustedTo: policy.roundTo };
}
