import { DomainError } from './domain-error';
import { pageSizeOf } from './pagination';

describe('pageSizeOf (`first`, validated, never clamped)', () => {
  it('gives the default for an absent or null first', () => {
    expect(pageSizeOf(undefined, 50, 500)).toBe(50);
    expect(pageSizeOf(null, 20, 100)).toBe(20);
  });

  it('keeps a whole number from 1 to the maximum', () => {
    expect([1, 7, 500].map((n) => pageSizeOf(n, 50, 500))).toEqual([1, 7, 500]);
  });

  it.each([-1, 0, 501, 2.5, Number.NaN])('refuses %p with BAD_REQUEST naming the range', (n) => {
    expect(() => pageSizeOf(n, 50, 500)).toThrow(DomainError);
    expect(() => pageSizeOf(n, 50, 500)).toThrow('first must be a whole number from 1 to 500');
  });
});
