import { bodyHash, parseBeaconV2Answer, parsePeerAnswer, type PeerAnswer } from './peer-protocol';

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
    },
  ],
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
    ).toEqual({ exists: true, numTotalResults: 4, granularity: 'COUNT' });
    expect(
      parseBeaconV2Answer({ meta: { returnedGranularity: 'boolean' }, responseSummary: { exists: false } }),
    ).toEqual({
      exists: false,
      numTotalResults: null,
      granularity: 'BOOLEAN',
    });
    expect(parseBeaconV2Answer({ meta: {}, error: { errorCode: 400 } })).toEqual({
      problem: 'response is a Beacon error',
    });
    expect(parseBeaconV2Answer({ meta: {}, responseSummary: { exists: 1 } })).toHaveProperty('problem');
  });
});
