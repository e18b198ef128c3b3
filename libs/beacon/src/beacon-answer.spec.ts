import { anonymousCaller } from '@helixgate/common';
import { allowedGranularity, effectiveGranularity, shapeAnswer, type DatasetDecision } from './beacon-answer';
import type { DatasetAggregate } from './beacon.repository';

const dataset = (id: string) => ({ id, assembly: 'GRCh37' as const, securityLevel: 'PUBLIC' as const });
const agg = (id: string, variants: number, extra: Partial<DatasetAggregate> = {}): DatasetAggregate => ({
  ...dataset(id),
  variants,
  het: 2 * variants,
  homAlt: variants,
  hemi: 0,
  alleleCount: variants === 1 ? 4 : null,
  alleleNumber: variants === 1 ? 100 : null,
  ...extra,
});

describe('beacon answer shaping', () => {
  it('gives an anonymous caller counts on PUBLIC datasets and nothing on the others', () => {
    const anon = anonymousCaller('r1');
    expect(allowedGranularity(anon, 'PUBLIC')).toBe('COUNT');
    expect(allowedGranularity(anon, 'REGISTERED')).toBeNull();
    expect(allowedGranularity(anon, 'CONTROLLED')).toBeNull();
  });

  it('never returns more than asked nor more than allowed', () => {
    expect(effectiveGranularity('BOOLEAN', 'COUNT')).toBe('BOOLEAN');
    expect(effectiveGranularity('COUNT', 'COUNT')).toBe('COUNT');
    expect(effectiveGranularity('RECORD', 'COUNT')).toBe('COUNT');
    expect(effectiveGranularity('COUNT', 'BOOLEAN')).toBe('BOOLEAN');
  });

  it('hides counts of a BOOLEAN dataset and leaves it out of numTotalResults', () => {
    const decisions: DatasetDecision[] = [
      { dataset: dataset('a'), granularity: 'COUNT' },
      { dataset: dataset('b'), granularity: 'BOOLEAN' },
    ];
    const answer = shapeAnswer('COUNT', decisions, [agg('a', 1), agg('b', 3)]);
    expect(answer.exists).toBe(true);
    expect(answer.numTotalResults).toBe(1);
    expect(answer.returnedGranularity).toBe('BOOLEAN');
    expect(answer.resultSets[0]).toMatchObject({
      count: 1,
      alleleCount: 4,
      alleleNumber: 100,
      alleleFrequency: 0.04,
    });
    expect(answer.resultSets[1]).toEqual({
      datasetId: 'b',
      exists: true,
      granularity: 'BOOLEAN',
      count: null,
      hetCarriers: null,
      homAltCarriers: null,
      hemiCarriers: null,
      alleleCount: null,
      alleleNumber: null,
      alleleFrequency: null,
    });
  });

  it('answers "does not exist" with zero counts, and null totals when nothing was counted', () => {
    const none = shapeAnswer('COUNT', [{ dataset: dataset('a'), granularity: 'COUNT' }], [agg('a', 0)]);
    expect(none).toMatchObject({ exists: false, numTotalResults: 0, returnedGranularity: 'COUNT' });
    expect(none.resultSets[0]).toMatchObject({ exists: false, count: 0, alleleFrequency: null });
    const empty = shapeAnswer('BOOLEAN', [], []);
    expect(empty).toMatchObject({ exists: false, numTotalResults: null, resultSets: [] });
  });
});
