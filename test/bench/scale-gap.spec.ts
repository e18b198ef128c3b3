import { scaleGap } from '../../bench/scale.bench';

describe('scaleGap', () => {
  it("keeps the generator's default gap while the rows fit on chr20", () => {
    expect(scaleGap(100_000)).toBe(50);
    expect(scaleGap(1_000_000)).toBe(50);
  });

  it('packs more rows closer, still inside chr20 with room to spare', () => {
    for (const records of [2_000_000, 3_000_000, 10_000_000, 50_000_000]) {
      const gap = scaleGap(records);
      expect(gap).toBeGreaterThanOrEqual(1);
      // Mean span of the generated positions: records x gap from the first position.
      expect(60_000 + records * gap).toBeLessThan(63_025_520 * 0.96);
    }
    expect(scaleGap(10_000_000)).toBe(5);
  });

  it('refuses a row count that cannot fit on one contig', () => {
    expect(() => scaleGap(70_000_000)).toThrow('do not fit on chr20');
  });
});
