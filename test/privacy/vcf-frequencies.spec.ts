import * as path from 'node:path';
import { generatePopulation } from './population';
import { vcfAlleleFrequencies } from './vcf-frequencies';

describe('population seeded by real frequencies', () => {
  it('draws every site frequency from the fixture VCF (1000 Genomes chr20, 300 samples)', () => {
    const freqs = vcfAlleleFrequencies(
      path.resolve(__dirname, '../fixtures/vcf/1kgp3_chr20_1-4Mb_300s.vcf.gz'),
    );
    expect(freqs.length).toBeGreaterThan(10_000);
    const known = new Set(freqs);
    const pop = generatePopulation({
      members: 50,
      controls: 10,
      sites: 2000,
      referencePanel: 1000,
      seed: 7,
      frequencies: freqs,
    });
    for (const f of pop.frequency) expect(known.has(f)).toBe(true);
    expect(Math.min(...pop.frequency)).toBeGreaterThan(0);
    expect(pop.carried.some((sites) => sites.length > 0)).toBe(true);
  });
});
