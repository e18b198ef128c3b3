import { roundCount } from './count-rounding';

describe('roundCount', () => {
  const floor5 = { floor: 5, roundTo: 1 };

  it('never releases an exact count between 1 and the floor', () => {
    for (const c of [1, 2, 3, 4]) {
      expect(roundCount(c, floor5)).toEqual({ value: 5, countPrecision: 'imprecise', countAdjustedTo: 5 });
    }
  });

  it('releases 0 and counts at or above the floor exactly when roundTo is 1', () => {
    expect(roundCount(0, floor5)).toEqual({ value: 0, countPrecision: 'exact', countAdjustedTo: null });
    expect(roundCount(5, floor5)).toEqual({ value: 5, countPrecision: 'exact', countAdjustedTo: null });
    expect(roundCount(123, floor5)).toEqual({ value: 123, countPrecision: 'exact', countAdjustedTo: null });
  });

  it('rounds to the unit, never below the floor, and says so', () => {
    const p = { floor: 10, roundTo: 10 };
    expect(roundCount(14, p)).toEqual({ value: 10, countPrecision: 'rounded', countAdjustedTo: 10 });
    expect(roundCount(15, p)).toEqual({ value: 20, countPrecision: 'rounded', countAdjustedTo: 10 });
    expect(roundCount(7, p)).toEqual({ value: 10, countPrecision: 'imprecise', countAdjustedTo: 10 });
  });

  it('refuses a negative or fractional count', () => {
    expect(() => roundCount(-1, floor5)).toThrow(RangeError);
    expect(() => roundCount(1.5, floor5)).toThrow(RangeError);
  });
});
