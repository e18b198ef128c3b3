import {
  EXACT,
  datasetResult,
  effectiveGranularity,
  shapeAnswer,
  type DatasetDecision,
  type ReleasedCount,
} from './beacon-answer';
import type { MatchedVariant } from './beacon.repository';

const dataset = (id: string) => ({
  id,
  assembly: 'GRCh37' as const,
  securityLevel: 'PUBLIC' as const,
  individualCount: 50,
});
const decision = (
  id: string,
  granularity: DatasetDecision['granularity'],
  exempt = false,
): DatasetDecision => ({
  dataset: dataset(id),
  granularity,
  exempt,
  individuals: 50,
});
const row = (datasetId: string, pos: number, extra: Partial<MatchedVariant> = {}): MatchedVariant => ({
  datasetId,
  chrom: '20',
  pos,
  ref: 'A',
  alt: 'G',
  variantType: 'SNP',
  ac: 4,
  an: 100,
  het: 2,
  homAlt: 1,
  hemi: 0,
  ...extra,
});
/** The default policy's floor of 5: 1..4 are released as 5, "imprecise". */
const floor5 = (n: number): ReleasedCount =>
  n > 0 && n < 5 ? { value: 5, precision: 'imprecise', adjustedTo: 5 } : EXACT(n);

describe('beacon answer shaping', () => {
  it('never returns more than asked nor more than allowed', () => {
    expect(effectiveGranularity('BOOLEAN', 'COUNT')).toBe('BOOLEAN');
    expect(effectiveGranularity('COUNT', 'COUNT')).toBe('COUNT');
    expect(effectiveGranularity('RECORD', 'COUNT')).toBe('COUNT');
    expect(effectiveGranularity('COUNT', 'BOOLEAN')).toBe('BOOLEAN');
    expect(effectiveGranularity('RECORD', 'RECORD')).toBe('RECORD');
    expect(effectiveGranularity('COUNT', 'RECORD')).toBe('COUNT');
  });

  it('hides every count of a BOOLEAN dataset and leaves it out of numTotalResults', () => {
    const a = datasetResult(decision('a', 'COUNT'), { rows: [row('a', 10)], release: EXACT });
    const b = datasetResult(decision('b', 'BOOLEAN'), { rows: [row('b', 10), row('b', 11)], release: EXACT });
    const answer = shapeAnswer('COUNT', [a, b]);
    expect(answer).toMatchObject({ exists: true, numTotalResults: 1, returnedGranularity: 'BOOLEAN' });
    expect(a).toMatchObject({
      count: 1,
      alleleCount: 4,
      alleleNumber: 100,
      alleleFrequency: 0.04,
      countPrecision: 'exact',
    });
    expect(b).toMatchObject({
      exists: true,
      granularity: 'BOOLEAN',
      count: null,
      hetCarriers: null,
      alleleCount: null,
      records: null,
    });
  });

  it('releases small counts of carriers and alleles at the floor and says so (countPrecision imprecise)', () => {
    const r = datasetResult(decision('a', 'COUNT'), {
      rows: [row('a', 10, { ac: 2, het: 2, homAlt: 0 })],
      release: floor5,
    });
    expect(r).toMatchObject({
      count: 1, // the number of variants is not a count of people: exact
      hetCarriers: 5,
      homAltCarriers: 0,
      alleleCount: 5,
      countPrecision: 'imprecise',
      countAdjustedTo: 5,
    });
  });

  it('sums carriers over the variants of a range and gives AC/AN only for a single variant', () => {
    const r = datasetResult(decision('a', 'COUNT'), {
      rows: [row('a', 10), row('a', 12, { het: 7, homAlt: 0 })],
      release: EXACT,
    });
    expect(r).toMatchObject({
      count: 2,
      hetCarriers: 9,
      homAltCarriers: 1,
      alleleCount: null,
      alleleNumber: null,
    });
  });

  it('answers "does not exist" with zero counts', () => {
    const r = datasetResult(decision('a', 'COUNT'), { rows: [], release: floor5 });
    expect(shapeAnswer('COUNT', [r])).toMatchObject({
      exists: false,
      numTotalResults: 0,
      returnedGranularity: 'COUNT',
    });
    expect(r).toMatchObject({ exists: false, count: 0, alleleFrequency: null, countPrecision: 'exact' });
  });

  it('carries records only at RECORD granularity', () => {
    const records = {
      list: [
        {
          chrom: '20',
          pos: 10,
          ref: 'A',
          alt: 'G',
          variantType: 'SNP',
          alleleCount: 4,
          alleleNumber: 100,
          carriers: [{ sampleId: 'S1', genotype: '0|1' }],
        },
      ],
      truncated: false,
    };
    const rec = datasetResult(decision('a', 'RECORD', true), {
      rows: [row('a', 10)],
      release: EXACT,
      records,
    });
    expect(rec).toMatchObject({
      granularity: 'RECORD',
      count: 1,
      records: records.list,
      recordsTruncated: false,
    });
    const cnt = datasetResult(decision('a', 'COUNT', true), {
      rows: [row('a', 10)],
      release: EXACT,
      records,
    });
    expect(cnt.records).toBeNull();
  });
});
