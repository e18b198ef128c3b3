import type { BeaconAnswer, DatasetResult } from '../beacon-answer';
import { parseBeaconQueryString } from './beacon-request';
import { beaconIdFor, page, variantResponse } from './beacon-response';

const counted = (datasetId: string, count: number): DatasetResult => ({
  datasetId,
  exists: count > 0,
  granularity: 'COUNT',
  count,
  hetCarriers: count,
  homAltCarriers: 0,
  hemiCarriers: 0,
  alleleCount: null,
  alleleNumber: null,
  alleleFrequency: null,
});

describe('Beacon REST response shapes', () => {
  it('derives a reverse-DNS beacon id from the node id', () => {
    expect(beaconIdFor('beacon.uni-x.de')).toBe('de.uni-x.beacon');
    expect(beaconIdFor('helixgate-local')).toBe('org.helixgate.helixgate-local');
  });

  it('pages by page number and size, limit 0 meaning the largest page', () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    expect(page(items, { skip: 0, limit: 3 }, 100)).toEqual([1, 2, 3]);
    expect(page(items, { skip: 2, limit: 3 }, 100)).toEqual([7]);
    expect(page(items, { skip: 3, limit: 3 }, 100)).toEqual([]);
    expect(page(items, { skip: 0, limit: 0 }, 4)).toEqual([1, 2, 3, 4]);
    expect(page(items, { skip: 1, limit: 50 }, 4)).toEqual([5, 6, 7]);
  });

  const answer: BeaconAnswer = {
    exists: true,
    numTotalResults: 3,
    requestedGranularity: 'COUNT',
    returnedGranularity: 'COUNT',
    resultSets: [counted('a', 3), counted('b', 0)],
  };

  it('filters result sets by includeResultsetResponses without changing the summary', () => {
    for (const [mode, ids] of [
      ['HIT', ['a']],
      ['MISS', ['b']],
      ['ALL', ['a', 'b']],
    ] as const) {
      const res = variantResponse(
        'x',
        parseBeaconQueryString({ includeResultsetResponses: mode }),
        answer,
        'r',
      );
      expect(res.responseSummary).toEqual({ exists: true, numTotalResults: 3 });
      const sets = 'response' in res && res.response ? res.response.resultSets : [];
      expect(sets.map((s) => s.id)).toEqual(ids);
    }
    const none = variantResponse(
      'x',
      parseBeaconQueryString({ includeResultsetResponses: 'NONE' }),
      answer,
      'r',
    );
    expect('response' in none).toBe(false);
  });

  it('releases no count at boolean granularity', () => {
    const res = variantResponse(
      'x',
      parseBeaconQueryString({ includeResultsetResponses: 'ALL' }),
      { ...answer, numTotalResults: null, returnedGranularity: 'BOOLEAN' },
      'r',
    );
    expect(res.meta.returnedGranularity).toBe('boolean');
    expect(res.responseSummary).toEqual({ exists: true });
    expect(JSON.stringify(res)).not.toMatch(/resultsCount|numTotalResults|Carriers/);
  });
});
