import {
  affordableFrequency,
  contigPloidy,
  normalQuantile,
  panelPricingFrequency,
  priceBand,
  revelationCost,
} from './pricing';

describe('revelation cost', () => {
  it('is -ln(1 - (1 - f)^(p(N - 1)))', () => {
    const f = 0.001;
    const n = 1000;
    expect(revelationCost(f, n)).toBeCloseTo(-Math.log(1 - Math.pow(1 - f, 2 * (n - 1))), 12);
    expect(revelationCost(f, n, 1)).toBeCloseTo(-Math.log(1 - Math.pow(1 - f, n - 1)), 12);
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

  it('prices haploid contigs (and X, conservatively) with one haplotype per person', () => {
    expect(contigPloidy('MT')).toBe(1);
    expect(contigPloidy('X')).toBe(1);
    expect(contigPloidy('20')).toBe(2);
  });
});

describe('panel pricing frequency', () => {
  it('prices an allele the panel does not have as never seen', () => {
    expect(panelPricingFrequency(null, 0.95)).toBe(0);
    expect(panelPricingFrequency({ af: 0, ac: 0, an: 5000 }, 0.95)).toBe(0);
    expect(revelationCost(panelPricingFrequency(null, 0.95), 1000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('prices below the panel estimate when the panel is small (Wilson lower bound)', () => {
    const small = panelPricingFrequency({ af: 1 / 400, ac: 1, an: 400 }, 0.95);
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(1 / 400 / 3);
    const large = panelPricingFrequency({ af: 0.0025, ac: 250, an: 100_000 }, 0.95);
    expect(large).toBeGreaterThan(0.002);
    expect(large).toBeLessThan(0.0025);
  });

  it('uses AF as given when the panel has no allele number', () => {
    expect(panelPricingFrequency({ af: 0.01, ac: null, an: null }, 0.95)).toBe(0.01);
  });

  it('has a normal quantile good to 1e-5', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6);
  });

  it('bands a price as free, priced or unaffordable from the policy alone', () => {
    const p = { minChargedCost: 1e-9, riskBudget: 0.5 };
    expect(priceBand(1e-12, p)).toBe('free');
    expect(priceBand(0.3, p)).toBe('priced');
    expect(priceBand(0.6, p)).toBe('unaffordable');
    expect(priceBand(Number.POSITIVE_INFINITY, p)).toBe('unaffordable');
  });
});
