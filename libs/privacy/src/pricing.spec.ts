import { affordableFrequency, pricingFrequency, revelationCost } from './pricing';

describe('revelation cost', () => {
  it('is -ln(1 - (1 - f)^(2(N - 1)))', () => {
    const f = 0.001;
    const n = 1000;
    expect(revelationCost(f, n)).toBeCloseTo(-Math.log(1 - Math.pow(1 - f, 2 * (n - 1))), 12);
  });

  it('is near zero for common alleles and unbounded for an allele never seen', () => {
    expect(revelationCost(0.2, 1000)).toBeLessThan(1e-100);
    expect(revelationCost(0, 1000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('makes every allele rarer than the affordable frequency cost more than the budget', () => {
    const f0 = affordableFrequency(Math.LN2, 1000);
    expect(revelationCost(f0, 1000)).toBeCloseTo(Math.LN2, 9);
    expect(revelationCost(f0 * 0.99, 1000)).toBeGreaterThan(Math.LN2);
    expect(revelationCost(f0 * 1.01, 1000)).toBeLessThan(Math.LN2);
  });
});

describe('pricing frequency', () => {
  it('uses the reference panel when it knows the allele', () => {
    expect(pricingFrequency({ referenceFrequency: 0.01, datasetAlleleCount: 900 }, 1000)).toBe(0.01);
  });

  it('without a reference, leaves out the revealed individual: a dataset singleton is priced as unseen', () => {
    expect(pricingFrequency({ referenceFrequency: null, datasetAlleleCount: 1 }, 1000)).toBe(0);
    expect(pricingFrequency({ referenceFrequency: null, datasetAlleleCount: 22 }, 1001)).toBeCloseTo(
      0.01,
      12,
    );
  });
});
