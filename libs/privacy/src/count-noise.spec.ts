import { randomBytes } from 'node:crypto';
import {
  countEvidence,
  countNoiseSd,
  countTestPowerBound,
  noiseDeviate,
  noisyAlleleCount,
} from './count-noise';
import { defaultPrivacyPolicy } from './privacy-policy';

describe('count noise', () => {
  const key = randomBytes(32);

  it('draws one fixed standard normal deviate per dataset and allele', () => {
    expect(noiseDeviate(key, 'ds', '1:100:A:G')).toBe(noiseDeviate(key, 'ds', '1:100:A:G'));
    expect(noiseDeviate(key, 'ds', '1:100:A:G')).not.toBe(noiseDeviate(key, 'ds', '1:101:A:G'));
    expect(noiseDeviate(key, 'ds', '1:100:A:G')).not.toBe(noiseDeviate(randomBytes(32), 'ds', '1:100:A:G'));
    const z = Array.from({ length: 4000 }, (_, i) => noiseDeviate(key, 'ds', `1:${i}:A:G`));
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it('scales with the sampling deviation of the count, from the panel frequency', () => {
    expect(countNoiseSd(3, 0.25, 1000)).toBeCloseTo(3 * Math.sqrt(2 * 1000 * 0.25 * 0.75), 10);
    expect(countNoiseSd(0, 0.25, 1000)).toBe(0);
  });

  it('releases the count plus the noise, rounded, within [floor, allele number], "imprecise"', () => {
    expect(noisyAlleleCount(500, 2000, 58, 0.5, { floor: 5 })).toEqual({
      value: 529,
      countPrecision: 'imprecise',
      countAdjustedTo: null,
    });
    expect(noisyAlleleCount(20, 2000, 58, -2, { floor: 5 }).value).toBe(5);
    expect(noisyAlleleCount(1990, 2000, 58, 2, { floor: 5 }).value).toBe(2000);
    expect(noisyAlleleCount(0, 2000, 58, 2, { floor: 5 })).toMatchObject({ value: 0 });
  });

  it('charges a count the divergence of a shift of p copies: infinite for exact counts', () => {
    expect(countEvidence(30, 2)).toBeCloseTo(4 / 1800, 12);
    expect(countEvidence(30, 1)).toBeCloseTo(1 / 1800, 12);
    expect(countEvidence(0, 2)).toBe(Infinity);
  });

  it("bounds a test's power by its evidence: the shipped 0.013 nats give <= 0.10 at 5% FPR even to 5 colluders", () => {
    expect(countTestPowerBound(0)).toBeCloseTo(0.05, 4);
    expect(countTestPowerBound(0.0288)).toBeCloseTo(0.08, 3);
    const shipped = defaultPrivacyPolicy().defaults.counts.budget;
    expect(countTestPowerBound(shipped)).toBeCloseTo(0.069, 3);
    expect(countTestPowerBound(shipped, 0.05, 5)).toBeLessThanOrEqual(0.1);
    expect(countTestPowerBound(shipped, 0.05, 5)).toBeGreaterThan(0.099);
    expect(countTestPowerBound(0.0288, 0.05, 5)).toBeCloseTo(0.134, 3);
    expect(countTestPowerBound(0.0288, 0.01)).toBeLessThan(0.02);
    expect(countTestPowerBound(shipped, 0.01)).toBeLessThan(0.02);
    expect(countTestPowerBound(2)).toBeGreaterThan(0.6);
  });
});
