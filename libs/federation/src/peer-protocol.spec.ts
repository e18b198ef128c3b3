import {
  beaconV2QueryString,
  bodyHash,
  forBeaconV2Peer,
  parseBeaconV2Answer,
  parsePeerAnswer,
  toPeerAnswer,
  type PeerAnswer,
} from './peer-protocol';

const answer = (over: Partial<PeerAnswer> = {}): PeerAnswer => ({
  node: 'node-b',
  exists: true,
  numTotalResults: 3,
  returnedGranularity: 'COUNT',
  resultSets: [
    {
      datasetId: 'b-mt',
      exists: true,
      granularity: 'COUNT',
      count: 3,
      hetCarriers: 1,
      homAltCarriers: 2,
      hemiCarriers: 0,
      alleleCount: null,
      alleleNumber: null,
      alleleFrequency: null,
      countPrecision: 'rounded',
      countAdjustedTo: 10,
      resultsCountPrecision: 'exact',
    },
  ],
  warnings: [],
  ...over,
});

describe('peer protocol', () => {
  it('hashes the canonical body, whatever the key order', () => {
    expect(bodyHash({ query: { a: 1, b: [2, 3] } })).toBe(bodyHash({ query: { b: [2, 3], a: 1 } }));
    expect(bodyHash({ query: { a: 1 } })).not.toBe(bodyHash({ query: { a: 2 } }));
  });

  it('accepts a well-formed answer from the expected node', () => {
    expect(parsePeerAnswer(JSON.parse(JSON.stringify(answer())), 'node-b')).toEqual(answer());
  });

  it('keeps how the counts were released (countPrecision, countAdjustedTo) across the boundary', () => {
    const local = {
      exists: true,
      numTotalResults: 3,
      requestedGranularity: 'COUNT' as const,
      returnedGranularity: 'COUNT' as const,
      resultSets: [
        {
          ...answer().resultSets[0],
          countPrecision: 'imprecise' as const,
          countAdjustedTo: 5,
          resultsCountPrecision: 'imprecise' as const,
          records: null,
          recordsTruncated: false,
        },
      ],
    };
    const wire = JSON.parse(JSON.stringify(toPeerAnswer('node-b', local))) as unknown;
    const parsed = parsePeerAnswer(wire, 'node-b') as PeerAnswer;
    expect(parsed.resultSets[0]).toMatchObject({
      countPrecision: 'imprecise',
      countAdjustedTo: 5,
      resultsCountPrecision: 'imprecise',
    });
    // A node that predates the fields: its precision is unknown, not "exact".
    const {
      countPrecision: _p,
      countAdjustedTo: _a,
      resultsCountPrecision: _r,
      ...old
    } = answer().resultSets[0];
    expect(
      (parsePeerAnswer({ ...answer(), resultSets: [old] }, 'node-b') as PeerAnswer).resultSets[0],
    ).toMatchObject({ countPrecision: null, countAdjustedTo: null, resultsCountPrecision: null });
    expect(
      parsePeerAnswer(
        { ...answer(), resultSets: [{ ...answer().resultSets[0], countPrecision: 'about' }] },
        'node-b',
      ),
    ).toHaveProperty('problem');
  });

  it("names the chromosome as a plain Beacon v2 peer does (ucsc, ensembl, refseq of the query's assembly)", () => {
    const q = { assemblyId: 'GRCh38', referenceName: '22', start: 5, requestedGranularity: 'COUNT' } as const;
    expect(forBeaconV2Peer(q, 'ucsc').referenceName).toBe('chr22');
    expect(forBeaconV2Peer({ ...q, referenceName: 'chr22' }, 'ensembl').referenceName).toBe('22');
    expect(forBeaconV2Peer(q, 'refseq').referenceName).toBe('NC_000022.11');
    expect(forBeaconV2Peer({ ...q, assemblyId: 'hg19' }, 'refseq').referenceName).toBe('NC_000022.10');
    expect(forBeaconV2Peer({ ...q, referenceName: 'MT' }, 'ucsc').referenceName).toBe('chrM');
    expect(forBeaconV2Peer(q, null).referenceName).toBe('22');
  });

  it('asks a plain Beacon v2 service a bracket query as start=[s, sMax], end=[e, eMax]', () => {
    const qs = new URLSearchParams(
      beaconV2QueryString({
        assemblyId: 'GRCh38',
        referenceName: '7',
        start: 100,
        startMax: 110,
        end: 500,
        endMax: 600,
        requestedGranularity: 'COUNT',
      }),
    );
    expect(qs.get('start')).toBe('100,110');
    expect(qs.get('end')).toBe('500,600');
  });

  it.each([
    ['another node', answer({ node: 'node-x' })],
    ['an extra field (a record smuggled in)', { ...answer(), records: [{ sample: 'HG00096' }] }],
    ['a negative count', answer({ numTotalResults: -1 })],
    ['a string exists', { ...answer(), exists: 'yes' }],
    ['a total that is not the sum', answer({ numTotalResults: 99 })],
    ['an unknown granularity', { ...answer(), returnedGranularity: 'ALL' }],
    ['not an object', 'ok'],
  ])('rejects %s', (_name, body) => {
    expect(parsePeerAnswer(body, 'node-b')).toEqual({ problem: expect.any(String) as string });
  });

  it('takes only the boolean or count of a Beacon v2 response', () => {
    expect(
      parseBeaconV2Answer({
        meta: { returnedGranularity: 'count' },
        responseSummary: { exists: true, numTotalResults: 4 },
        response: { resultSets: [{ results: [{ anything: 1 }] }] },
      }),
    ).toEqual({ exists: true, numTotalResults: 4, granularity: 'COUNT', warnings: [] });
    expect(
      parseBeaconV2Answer({ meta: { returnedGranularity: 'boolean' }, responseSummary: { exists: false } }),
    ).toEqual({
      exists: false,
      numTotalResults: null,
      granularity: 'BOOLEAN',
      warnings: [],
    });
    expect(parseBeaconV2Answer({ meta: {}, error: { errorCode: 400 } })).toEqual({
      problem: 'response is a Beacon error',
    });
    expect(parseBeaconV2Answer({ meta: {}, responseSummary: { exists: 1 } })).toHaveProperty('problem');
  });

  it("carries a node's Beacon warnings across the boundary, and refuses malformed ones", () => {
    const local = {
      exists: false,
      numTotalResults: 0,
      requestedGranularity: 'COUNT' as const,
      returnedGranularity: 'COUNT' as const,
      resultSets: [],
      warnings: ['filter NCIT:C9999999 is not a filtering term here'],
    };
    const wire = JSON.parse(JSON.stringify(toPeerAnswer('node-b', local))) as unknown;
    expect((parsePeerAnswer(wire, 'node-b') as PeerAnswer).warnings).toEqual(local.warnings);
    // A node that predates the field sends none: no warnings, not a refusal.
    const { warnings: _w, ...old } = answer();
    expect((parsePeerAnswer(old, 'node-b') as PeerAnswer).warnings).toEqual([]);
    for (const warnings of ['one text', [42], [''], ['x'.repeat(501)], Array.from({ length: 21 }, () => 'w')])
      expect(parsePeerAnswer({ ...answer(), warnings }, 'node-b')).toHaveProperty(
        'problem',
        expect.stringMatching(/^warnings is not a list/),
      );
  });

  it("reads a plain Beacon v2 service's info.warnings texts, and never refuses an answer for them", () => {
    const summary = { meta: {}, responseSummary: { exists: false } };
    expect(
      parseBeaconV2Answer({ ...summary, info: { warnings: ['unknown filter X', 7, '', 'y'.repeat(600)] } }),
    ).toMatchObject({ exists: false, warnings: ['unknown filter X', 'y'.repeat(500)] });
    expect(parseBeaconV2Answer({ ...summary, info: { warnings: 'not a list' } })).toMatchObject({
      warnings: [],
    });
  });
});
