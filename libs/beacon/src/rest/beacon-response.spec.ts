import { parseBeaconQueryString } from './beacon-request';
import { beaconIdFor } from '../beacon-wire';
import {
  countLabel,
  page,
  RawJson,
  jsonWithRaw,
  sumLabel,
  variantResponse,
  variantResponseJson,
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
      expect(res.responseSummary).toEqual({ exists: true, numTotalResults: 3, countPrecision: 'exact' });
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

  const recordVariants = [1, 2, 3].map((i) => ({
    chrom: '20',
    pos: 100 + i,
    ref: 'A',
    alt: 'G',
    variantType: 'SNP',
    alleleCount: 1,
    alleleNumber: 10,
    carriers: [{ sampleId: `S${i}`, genotype: '0|1' }],
  }));
  const recordAnswer: AnswerLike = {
    ...answer,
    requestedGranularity: 'RECORD',
    returnedGranularity: 'RECORD',
    resultSets: [{ ...counted('a', 3), records: recordVariants }],
  };

  it("shows the engine's page of genomic variant records at record granularity, and none below it", () => {
    // The engine decrypts only the page asked for (BeaconService recordPage): the face shows all of it.
    const req = parseBeaconQueryString({ requestedGranularity: 'record', skip: '1', limit: '2' });
    const res = variantResponse('x', req, recordAnswer, 'r', records);
    expect(res.meta.returnedGranularity).toBe('record');
    const set = 'response' in res && res.response ? res.response.resultSets[0] : null;
    expect(set?.resultsCount).toBe(3);
    expect(set?.results.map((v) => (v as { variantInternalId: string }).variantInternalId)).toEqual([
      'GRCh37:20:100:A:G',
      'GRCh37:20:101:A:G',
      'GRCh37:20:102:A:G',
    ]);

    const counts = variantResponse('x', req, { ...recordAnswer, returnedGranularity: 'COUNT' }, 'r', records);
    const countSet = 'response' in counts && counts.response ? counts.response.resultSets[0] : null;
    expect(countSet?.results).toEqual([]);
  });

  it('writes a record answer as hand-written JSON text, byte for byte what JSON.stringify makes of it', () => {
    // Every zygosity, a call with no ALT copy, sample ids that need escaping, an individual carrying
    // several variants, a symbolic ALT, no called allele (no frequencies), warnings, v2.2 labels.
    const calls = ['0/1', '1|1', '1', '1/.', '0|1', '0/0'];
    const ids = ['S1', 'S"2\\', 'S\u00e9\u0001', '\u2028S4', 'S1', 'S6'];
    const variants = [
      ...recordVariants,
      {
        chrom: 'X',
        pos: 5,
        endPos: 900,
        ref: 'C',
        alt: '<DEL>',
        variantType: 'DEL',
        alleleCount: 0,
        alleleNumber: 0,
        carriers: calls.map((genotype, i) => ({ sampleId: ids[i], genotype })),
      },
      { ...recordVariants[0], pos: 7, carriers: [] },
    ];
    const answer2: AnswerLike = {
      ...recordAnswer,
      warnings: ['a "warning"'],
      resultSets: [
        { ...counted('a', 5), records: variants, recordsTruncated: true },
        { ...counted('b/c', 1), records: variants.slice(3), countPrecision: 'rounded', countAdjustedTo: 5 },
        counted('none', 0),
      ],
    };
    for (const query of [
      { requestedGranularity: 'record' },
      { requestedGranularity: 'record', apiVersion: 'v2.2.0', includeResultsetResponses: 'ALL' },
      { requestedGranularity: 'record', includeResultsetResponses: 'NONE', filters: 'NCIT:C16576' },
    ]) {
      const req = parseBeaconQueryString(query);
      const json = variantResponseJson('x', req, answer2, 'r', records).toString('utf8');
      expect(json).toBe(JSON.stringify(variantResponse('x', req, answer2, 'r', records)));
    }
    const req = parseBeaconQueryString({ requestedGranularity: 'record' });
    const parsed = JSON.parse(variantResponseJson('x', req, answer2, 'r', records).toString('utf8')) as {
      response: { resultSets: { results: { caseLevelData: unknown[] }[] }[] };
    };
    expect(parsed.response.resultSets[0].results[3].caseLevelData).toEqual([
      { biosampleId: 'S1', zygosity: { id: 'GENO:0000135', label: 'heterozygous' } },
      { biosampleId: 'S"2\\', zygosity: { id: 'GENO:0000136', label: 'homozygous' } },
      { biosampleId: 'S\u00e9\u0001', zygosity: { id: 'GENO:0000134', label: 'hemizygous' } },
      { biosampleId: '\u2028S4', zygosity: { id: 'GENO:0000134', label: 'hemizygous' } },
      { biosampleId: 'S1', zygosity: { id: 'GENO:0000135', label: 'heterozygous' } },
      { biosampleId: 'S6' },
    ]);
  });

  it('places raw JSON text as it is and writes everything else as JSON.stringify does', () => {
    const value = {
      a: [1, undefined, null, 'x', new Date(0), { b: undefined, c: Number.NaN }],
      raw: new RawJson(Buffer.from('[{"k":1}]')),
      skipped: undefined,
      nested: { list: [new RawJson(Buffer.from('"t"'))] },
    };
    expect(jsonWithRaw(value)?.toString('utf8')).toBe(
      '{"a":[1,null,null,"x","1970-01-01T00:00:00.000Z",{"c":null}],"raw":[{"k":1}],"nested":{"list":["t"]}}',
    );
    // Anything that still meets JSON.stringify (Express, a log) gets the same text.
    expect(JSON.stringify(value)).toBe(jsonWithRaw(value)?.toString('utf8'));
  });

  describe('Beacon v2.2 count labels', () => {
    const v22 = (q: Record<string, string> = {}) => parseBeaconQueryString({ ...q, apiVersion: 'v2.2.0' });
    const summaryOf = (sets: ResultLike[], q: Record<string, string> = {}) =>
      variantResponse('x', v22(q), { ...answer, resultSets: sets }, 'r', records).responseSummary;

    it('labels an exact count exact, on the summary and on every result set', () => {
      const res = variantResponse('x', v22({ includeResultsetResponses: 'ALL' }), answer, 'r', records);
      expect(res.meta.apiVersion).toBe('v2.2.0');
      expect(res.responseSummary).toEqual({ exists: true, numTotalResults: 3, countPrecision: 'exact' });
      const sets = 'response' in res && res.response ? res.response.resultSets : [];
      expect(sets.map((s) => s.countPrecision)).toEqual(['exact', 'exact']);
      expect(sets.some((s) => 'countAdjustedTo' in s)).toBe(false);
    });

    it('labels a sum imprecise when the guard may have reduced any part of it, listed or not', () => {
      const reduced: ResultLike = { ...counted('b', 0), resultsCountPrecision: 'imprecise' };
      // HIT lists only `a` (exact): the summary still sums `b`, so it is still imprecise.
      expect(summaryOf([counted('a', 3), reduced], { includeResultsetResponses: 'HIT' })).toEqual({
        exists: true,
        numTotalResults: 3,
        countPrecision: 'imprecise',
      });
    });

    it('labels a cohort below the count floor imprecise: its 0 says nothing of the dataset', () => {
      const below: ResultLike = { ...counted('a', 0), cohortBelowFloor: true };
      const res = variantResponse(
        'x',
        v22({ includeResultsetResponses: 'ALL' }),
        { ...answer, numTotalResults: 0, resultSets: [below] },
        'r',
        records,
      );
      expect(res.responseSummary).toMatchObject({ countPrecision: 'imprecise' });
      expect('response' in res && res.response?.resultSets[0]).toMatchObject({
        resultsCount: 0,
        countPrecision: 'imprecise',
      });
    });

    it('leaves datasets answered at boolean out of the label, as out of the sum', () => {
      const boolOnly: ResultLike = {
        ...counted('b', 0),
        granularity: 'BOOLEAN',
        count: null,
        resultsCountPrecision: 'imprecise',
      };
      expect(summaryOf([counted('a', 3), boolOnly])).toMatchObject({ countPrecision: 'exact' });
    });

    it('answers a v2.0 / v2.1 client in the v2.1.1 shape: no summary label', () => {
      const res = variantResponse(
        'x',
        parseBeaconQueryString({ apiVersion: 'v2.0.0' }),
        answer,
        'r',
        records,
      );
      expect(res.meta.apiVersion).toBe('v2.1.1');
      expect(res.meta.receivedRequestSummary.apiVersion).toBe('v2.0.0');
      expect(res.responseSummary).toEqual({ exists: true, numTotalResults: 3 });
    });

    it('gives countAdjustedTo as a list of the values a count was moved to', () => {
      expect(countLabel('imprecise', 5)).toEqual({ countPrecision: 'imprecise', countAdjustedTo: [5] });
      expect(countLabel('rounded', 10)).toEqual({ countPrecision: 'rounded', countAdjustedTo: [10] });
      expect(countLabel('imprecise', null)).toEqual({ countPrecision: 'imprecise' });
      expect(countLabel('exact', 5)).toEqual({ countPrecision: 'exact' });
      expect(countLabel(null)).toEqual({ countPrecision: 'exact' });
      expect(
        sumLabel([
          countLabel('rounded', 10),
          countLabel('exact'),
          countLabel('imprecise', 5),
          countLabel('imprecise', 5),
        ]),
      ).toEqual({ countPrecision: 'imprecise', countAdjustedTo: [5, 10] });
      expect(sumLabel([countLabel('rounded', 10), countLabel('exact')])).toEqual({
        countPrecision: 'rounded',
        countAdjustedTo: [10],
      });
      expect(sumLabel([])).toEqual({ countPrecision: 'exact' });
    });
  });
});
