import { describe, expect, it } from 'vitest';
import { emptySearch, guardNote } from './search-form';

describe('what the privacy guard did, in words', () => {
  const count = (precision: 'EXACT' | 'IMPRECISE' | 'ROUNDED', countAdjustedTo: number | null) =>
    guardNote({ granularity: 'COUNT', count: 12, precision, countAdjustedTo });

  it('tells counts withheld at the floor from a noisy count of a common allele', () => {
    // The floor is a placeholder for "present" (the true count may be below it): no "≥ 5" claim.
    expect(count('IMPRECISE', 5)).toBe('Present; carrier and allele counts withheld by the privacy guard');
    expect(
      guardNote({
        granularity: 'COUNT',
        exists: false,
        count: 0,
        precision: 'IMPRECISE',
        countAdjustedTo: 5,
      }),
    ).toBeNull();
    // counts.noise: the server labels it IMPRECISE with nothing adjusted to; not "≥ ?"
    expect(count('IMPRECISE', null)).toMatch(/^Approximate count: noise added/);
  });

  it('names rounding, exact counts, yes/no and record answers', () => {
    expect(count('ROUNDED', 10)).toBe('Counts rounded to multiples of 10');
    expect(count('EXACT', null)).toBe('Exact count');
    expect(guardNote({ granularity: 'BOOLEAN', count: null, precision: null, countAdjustedTo: null })).toBe(
      'Yes/no only at your access level',
    );
    // Yes/no by choice (the form's default) is not the access level's doing, and is not charged.
    expect(
      guardNote({ granularity: 'BOOLEAN', count: null, precision: null, countAdjustedTo: null }, 'BOOLEAN'),
    ).toBe('Yes/no, as asked (not charged to your count budget)');
    expect(guardNote({ granularity: 'RECORD', count: 3, precision: null, countAdjustedTo: null })).toMatch(
      /^Record-level/,
    );
  });
});

describe('the search form', () => {
  it('asks yes/no by default: counts are charged to a count budget that never refills', () => {
    expect(emptySearch().granularity).toBe('BOOLEAN');
  });
});
