import { describe, expect, it } from 'vitest';
import { guardNote } from './search-form';

describe('what the privacy guard did, in words', () => {
  const count = (precision: 'EXACT' | 'IMPRECISE' | 'ROUNDED', countAdjustedTo: number | null) =>
    guardNote({ granularity: 'COUNT', count: 12, precision, countAdjustedTo });

  it('tells a small count raised to the floor from a noisy count of a common allele', () => {
    expect(count('IMPRECISE', 5)).toBe('Small count shown as ≥ 5 (privacy floor)');
    // counts.noise: the server labels it IMPRECISE with nothing adjusted to; not "≥ ?"
    expect(count('IMPRECISE', null)).toMatch(/^Approximate count: noise added/);
  });

  it('names rounding, exact counts, yes/no and record answers', () => {
    expect(count('ROUNDED', 10)).toBe('Counts rounded to multiples of 10');
    expect(count('EXACT', null)).toBe('Exact count');
    expect(guardNote({ granularity: 'BOOLEAN', count: null, precision: null, countAdjustedTo: null })).toBe(
      'Yes/no only at your access level',
    );
    expect(guardNote({ granularity: 'RECORD', count: 3, precision: null, countAdjustedTo: null })).toMatch(
      /^Record-level/,
    );
  });
});
