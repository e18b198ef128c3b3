import {
  BEACON_QUERY_FIELDS,
  BeaconService,
  engineQueryOf,
  type BeaconQueryRequest,
} from '@helixgate/beacon';
import type { Caller } from '@helixgate/common';
import { gql, peerEntry, prepareNode, writePeers, type TestNode } from './support/nodes';

/**
 * One engine query travels unchanged: GraphQL → engine, REST (GET and POST) → engine, and engine → peer
 * (signed peer request) → the peer's engine, for the local `beacon` query and the network faces alike.
 * The cases are generated from BEACON_QUERY_FIELDS: a field added to the query fails here until some case
 * sets it and every face carries it (and, in the REST table below, until the REST face can express it).
 */

type Q = BeaconQueryRequest;

/** Valid queries that between them give every field a value. */
const CASES: Record<string, Q> = {
  sequence: {
    assemblyId: 'GRCh37',
    referenceName: 'MT',
    start: 9,
    referenceBases: 'T',
    alternateBases: 'C',
    datasetIds: ['q-none'],
    requestedGranularity: 'COUNT',
  },
  range: {
    assemblyId: 'GRCh37',
    referenceName: '20',
    start: 100,
    end: 2000,
    referenceBases: 'A',
    alternateBases: 'G',
    variantType: 'SNP',
    requestedGranularity: 'BOOLEAN',
  },
  bracket: {
    assemblyId: 'GRCh37',
    referenceName: '7',
    start: 1000,
    startMax: 1010,
    end: 1500,
    endMax: 1600,
    variantType: 'DEL',
    variantMinLength: 100,
    variantMaxLength: 1000,
    requestedGranularity: 'COUNT',
  },
  gene: {
    assemblyId: 'GRCh38',
    geneId: 'BRCA2',
    variantType: 'SNP',
    requestedGranularity: 'COUNT',
  },
  // Filter options GET cannot carry (includeDescendantTerms: false, similarity, scope) are null here; the
  // unit spec (libs/beacon/src/beacon-query.spec.ts) carries them through engineQueryOf/parseEngineQuery.
  filtered: {
    assemblyId: 'GRCh37',
    referenceName: '20',
    start: 100,
    end: 2000,
    filters: [
      { id: 'NCIT:C16576', includeDescendantTerms: null, similarity: null, scope: null },
      { id: 'HANCESTRO:0005', includeDescendantTerms: null, similarity: null, scope: null },
    ],
    requestedGranularity: 'COUNT',
  },
};

/** How each field is written in a Beacon v2 REST request (GET parameters; POST requestParameters). */
const REST: {
  [K in keyof Q]-?: (q: Q, get: URLSearchParams, post: Record<string, unknown>) => void;
} = {
  assemblyId: (q, g, p) => {
    if (q.assemblyId) g.set('assemblyId', (p.assemblyId = q.assemblyId));
  },
  referenceName: (q, g, p) => {
    if (q.referenceName) g.set('referenceName', (p.referenceName = q.referenceName));
  },
  start: (q, g, p) => {
    if (q.start == null) return;
    const v = q.startMax != null ? [q.start, q.startMax] : [q.start];
    g.set('start', v.join(','));
    p.start = v;
  },
  end: (q, g, p) => {
    if (q.end == null) return;
    const v = q.endMax != null ? [q.end, q.endMax] : [q.end];
    g.set('end', v.join(','));
    p.end = v;
  },
  startMax: () => undefined, // with start
  endMax: () => undefined, // with end
  referenceBases: (q, g, p) => {
    if (q.referenceBases) g.set('referenceBases', (p.referenceBases = q.referenceBases));
  },
  alternateBases: (q, g, p) => {
    if (q.alternateBases) g.set('alternateBases', (p.alternateBases = q.alternateBases));
  },
  variantType: (q, g, p) => {
    if (q.variantType) g.set('variantType', (p.variantType = q.variantType));
  },
  geneId: (q, g, p) => {
    if (q.geneId) g.set('geneId', (p.geneId = q.geneId));
  },
  variantMinLength: (q, g, p) => {
    if (q.variantMinLength != null)
      g.set('variantMinLength', String((p.variantMinLength = q.variantMinLength)));
  },
  variantMaxLength: (q, g, p) => {
    if (q.variantMaxLength != null)
      g.set('variantMaxLength', String((p.variantMaxLength = q.variantMaxLength)));
  },
  datasetIds: (q, g, p) => {
    if (q.datasetIds) g.set('datasetIds', (p.datasetIds = [...q.datasetIds]).join(','));
  },
  // GET: ids; POST: the filter objects, beside requestParameters (restForms)
  filters: (q, g) => {
    if (q.filters?.length) g.set('filters', q.filters.map((f) => f.id).join(','));
  },
  requestedGranularity: (q, g) => g.set('requestedGranularity', q.requestedGranularity.toLowerCase()),
};

function restForms(q: Q): { get: string; post: unknown } {
  const get = new URLSearchParams();
  const params: Record<string, unknown> = {};
  for (const write of Object.values(REST)) write(q, get, params);
  return {
    get: get.toString(),
    post: {
      query: {
        requestParameters: params,
        requestedGranularity: q.requestedGranularity.toLowerCase(),
        ...(q.filters?.length ? { filters: q.filters } : {}),
      },
    },
  };
}

describe('the engine query travels unchanged from every face and across the peer protocol', () => {
  let node: TestNode;
  const seen: { query: BeaconQueryRequest; viaPeer: string | null }[] = [];

  beforeAll(async () => {
    node = await prepareNode('node-q');
    // The node is registered as its own peer: a network query reaches its engine once locally and once
    // through a signed peer request, so both ends of the peer protocol are the real code.
    writePeers(node, [peerEntry(node)]);
    await node.start();
    const beacon = node.app!.get(BeaconService);
    const original = beacon.query.bind(beacon);
    jest.spyOn(beacon, 'query').mockImplementation((caller: Caller, query: BeaconQueryRequest) => {
      seen.push({ query: structuredClone(engineQueryOf(query)), viaPeer: caller.viaPeer ?? null });
      return original(caller, query);
    });
  });

  afterAll(async () => {
    await node?.destroy();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('has cases that give every field of the query a value', () => {
    const given = new Set(
      Object.values(CASES).flatMap((q) => Object.keys(q).filter((k) => q[k as keyof Q] != null)),
    );
    expect(Object.keys(BEACON_QUERY_FIELDS).filter((k) => !given.has(k))).toEqual([]);
  });

  it('the GraphQL input has exactly the engine query fields', async () => {
    const res = await gql<{ __type: { inputFields: { name: string }[] } }>(
      node.base,
      '{ __type(name: "BeaconQueryInput") { inputFields { name } } }',
    );
    expect(res.body.data!.__type.inputFields.map((f) => f.name).sort()).toEqual(
      Object.keys(BEACON_QUERY_FIELDS).sort(),
    );
  });

  describe.each(Object.entries(CASES))('%s query', (_name, q) => {
    const expected = engineQueryOf(q);

    it('GraphQL beacon → engine', async () => {
      await gql(node.base, 'query($q: BeaconQueryInput!) { beacon(query: $q) { exists } }', { q });
      expect(seen).toEqual([{ query: expected, viaPeer: null }]);
    });

    it('REST GET and POST /api/g_variants → engine', async () => {
      const { get, post } = restForms(q);
      await fetch(`${node.base}/api/g_variants?${get}`);
      await fetch(`${node.base}/api/g_variants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(post),
      });
      expect(seen).toEqual([
        { query: expected, viaPeer: null },
        { query: expected, viaPeer: null },
      ]);
    });

    it('GraphQL networkBeacon → engine, and → peer → its engine', async () => {
      const res = await gql<{ networkBeacon: { nodes: { nodeId: string; status: string }[] } }>(
        node.base,
        'query($q: BeaconQueryInput!) { networkBeacon(query: $q) { nodes { nodeId kind status message } } }',
        { q },
      );
      expect(res.body.errors).toBeUndefined();
      expect(seen).toHaveLength(2);
      expect(seen).toEqual(
        expect.arrayContaining([
          { query: expected, viaPeer: null },
          { query: expected, viaPeer: 'node-q' },
        ]),
      );
    });

    it('REST GET and POST /api/network/g_variants → engine, and → peer → its engine', async () => {
      const { get, post } = restForms(q);
      const a = await fetch(`${node.base}/api/network/g_variants?${get}`);
      expect(a.status).toBe(200);
      const b = await fetch(`${node.base}/api/network/g_variants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(post),
      });
      expect(b.status).toBe(200);
      expect(seen).toHaveLength(4);
      for (const viaPeer of [null, 'node-q'])
        expect(seen.filter((s) => s.viaPeer === viaPeer)).toEqual([
          { query: expected, viaPeer },
          { query: expected, viaPeer },
        ]);
    });
  });
});
