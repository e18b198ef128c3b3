import { parseBeaconQueryString } from './beacon-request';
import { beaconIdFor } from '../beacon-wire';
import {
  page,
  variantResponse,
  type AnswerLike,
  type RecordContext,
  type ResultLike,
} from './beacon-response';

const records: RecordContext = { assembly: 'GRCh37', datasetsUrl: 'https://node.example/api/datasets' };

const counted = (datasetId: string, count: number): ResultLike => ({
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
  countPrecision: 'exact',
  countAdjustedTo: null,
  records: null,
  recordsTruncated: false,
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

  const answer: AnswerLike = {
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
        records,
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
      records,
    );
    expect('response' in none).toBe(false);
  });

  it('releases no count at boolean granularity', () => {
    const res = variantResponse(
      'x',
      parseBeaconQueryString({ includeResultsetResponses: 'ALL' }),
      { ...answer, numTotalResults: null, returnedGranularity: 'BOOLEAN' },
      'r',
      records,
    );
    expect(res.meta.returnedGranularity).toBe('boolean');
    expect(res.responseSummary).toEqual({ exists: true });
    expect(JSON.stringify(res)).not.toMatch(/resultsCount|numTotalResults|Carriers/);
  });

  it('reports how the carrier counts were released beside them, and how resultsCount was on the set', () => {
    const floored: ResultLike = {
      ...counted('a', 2),
      hetCarriers: 5,
      countPrecision: 'imprecise',
      countAdjustedTo: 5,
    };
    const res = variantResponse(
      'x',
      parseBeaconQueryString({}),
      { ...answer, resultSets: [floored] },
      'r',
      records,
    );
    const set = 'response' in res && res.response ? res.response.resultSets[0] : null;
    expect(set).toMatchObject({
      resultsCount: 2,
      info: { hetCarriers: 5, countPrecision: 'imprecise', countAdjustedTo: 5 },
    });
    // The set-level countPrecision qualifies resultsCount (Beacon v2.2), not the carrier counts.
    expect(set).toHaveProperty('countPrecision', 'exact');
    const reduced = variantResponse(
      'x',
      parseBeaconQueryString({}),
      { ...answer, resultSets: [{ ...floored, resultsCountPrecision: 'imprecise' }] },
      'r',
      records,
    );
    expect('response' in reduced && reduced.response?.resultSets[0]).toMatchObject({
      countPrecision: 'imprecise',
    });
  });

  it('returns one page of genomic variant records at record granularity, and none below it', () => {
    const variants = [1, 2, 3].map((i) => ({
      chrom: '20',
      pos: 100 + i,
      ref: 'A',
      alt: 'G',
      variantType: 'SNP',
      alleleCount: 1,
      alleleNumber: 10,
      carriers: [{ sampleId: `S${i}`, genotype: '0|1' }],
    }));
    const withRecords: ResultLike = { ...counted('a', 3), records: variants };
    const recordAnswer: AnswerLike = {
      ...answer,
      requestedGranularity: 'RECORD',
      returnedGranularity: 'RECORD',
      resultSets: [withRecords],
    };
    const req = parseBeaconQueryString({ requestedGranularity: 'record', skip: '1', limit: '2' });
    const res = variantResponse('x', req, recordAnswer, 'r', records);
    expect(res.meta.returnedGranularity).toBe('record');
    const set = 'response' in res && res.response ? res.response.resultSets[0] : null;
    expect(set?.resultsCount).toBe(3);
    expect(set?.results.map((v) => (v as { variantInternalId: string }).variantInternalId)).toEqual([
      'GRCh37:20:102:A:G',
    ]);

    const counts = variantResponse('x', req, { ...recordAnswer, returnedGranularity: 'COUNT' }, 'r', records);
    const countSet = 'response' in counts && counts.response ? counts.response.resultSets[0] : null;
    expect(countSet?.results).toEqual([]);
  });
});
