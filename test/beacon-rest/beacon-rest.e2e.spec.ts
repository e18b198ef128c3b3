import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor } from '../support/actors';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';
import { beaconValidator, type BeaconSchemaName } from './support/beacon-schemas';

interface ResultSet {
  id: string;
  setType: string;
  exists: boolean;
  resultsCount: number;
  results: unknown[];
}
interface BeaconBody {
  meta: {
    beaconId: string;
    apiVersion: string;
    returnedGranularity?: string;
    receivedRequestSummary?: Record<string, unknown>;
  };
  responseSummary?: {
    exists: boolean;
    numTotalResults?: number;
    countPrecision?: string;
    countAdjustedTo?: unknown[];
  };
  response?: { resultSets?: ResultSet[]; collections?: { id: string; info: Record<string, unknown> }[] };
  error?: { errorCode: number; errorMessage: string };
  info?: Record<string, unknown>;
}

const validator = beaconValidator();

function expectValid(schema: BeaconSchemaName, body: unknown): void {
  const errors = validator.validate(schema, body);
  expect(errors.map((e) => `${schema}${e.instancePath} ${e.message}`)).toEqual([]);
}

describe('Beacon v2 REST face over HTTP', () => {
  let app: INestApplication;
  let ds: DataSource;
  let base: string;
  let pub: string; // PUBLIC GRCh37
  let pub2: string; // PUBLIC GRCh37
  let controlled: string; // CONTROLLED GRCh37

  async function get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: BeaconBody }> {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as BeaconBody };
  }
  async function post(path: string, body: unknown) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as BeaconBody };
  }
  /** A POST body carrying the given request parameters. */
  const beaconBody = (requestParameters: Record<string, unknown>, query: Record<string, unknown> = {}) => ({
    meta: { apiVersion: 'v2.2.0' },
    query: { requestParameters, ...query },
  });
  /** Strips what legitimately differs between two calls (the correlation id). */
  const stable = (b: BeaconBody) => ({ ...b, info: { ...b.info, requestId: undefined } });

  beforeAll(async () => {
    app = await createGateway(
      testConfig({
        HELIXGATE_NODE_ID: 'beacon.example-uni.org',
        HELIXGATE_POLICIES_DIR: exactAnswerPolicies(),
      }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    pub = await createTestDataset(app, uniqueId('rest'));
    pub2 = await createTestDataset(app, uniqueId('rest'));
    controlled = await createTestDataset(app, uniqueId('rest'), { securityLevel: 'CONTROLLED' });
    // Positions are VCF POS (1-based); Beacon start = POS - 1.
    await insertTestVariants(app, pub, [
      { chrom: '20', pos: 1_000_100, ref: 'A', alt: 'G', ac: 3, an: 600, het: 3 },
      { chrom: '20', pos: 1_000_100, ref: 'A', alt: 'T', ac: 1, an: 600, het: 1 },
      { chrom: '20', pos: 1_000_200, ref: 'AC', alt: 'A' },
      { chrom: '20', pos: 1_005_000, ref: 'N', alt: '<DEL>', endPos: 1_006_000, type: 'DEL' },
    ]);
    await insertTestVariants(app, pub2, [
      { chrom: '20', pos: 1_000_100, ref: 'A', alt: 'G', ac: 2, an: 400 },
    ]);
    await insertTestVariants(app, controlled, [{ chrom: '20', pos: 1_000_100, ref: 'A', alt: 'G' }]);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('informational endpoints', () => {
    const cases: [string, BeaconSchemaName][] = [
      ['/api', 'beaconInfoResponse'],
      ['/api/info', 'beaconInfoResponse'],
      ['/api/configuration', 'beaconConfigurationResponse'],
      ['/api/map', 'beaconMapResponse'],
      ['/api/entry_types', 'beaconEntryTypesResponse'],
      ['/api/filtering_terms', 'beaconFilteringTermsResponse'],
      ['/api/service-info', 'ga4gh-service-info-1-0-0-schema'],
    ];
    it.each(cases)('GET and POST %s validate against %s and agree', async (path, schema) => {
      const g = await get(path);
      const p = await post(path, { meta: { apiVersion: 'v2.2.0' } });
      expect([g.status, p.status]).toEqual([200, 200]);
      expectValid(schema, g.body);
      expect(p.body).toEqual(g.body);
    });

    const informational = cases.filter(([path]) => path !== '/api/service-info');
    it.each(informational)(
      '%s answers a v2.0 / v2.1 client in v2.1.1, GET and POST, valid against %s',
      async (path, schema) => {
        const g = await get(`${path}?apiVersion=v2.1.1`);
        const p = await post(path, { meta: { apiVersion: 'v2.0.0' } });
        expect([g.status, p.status]).toEqual([200, 200]);
        expectValid(schema, g.body);
        expect(p.body).toEqual(g.body);
        expect(g.body.meta.apiVersion).toBe('v2.1.1');
        const info = (await get(path)).body;
        expect(info.meta.apiVersion).toBe('v2.2.0');
        // Only the version differs between the two answers (and /info's own apiVersion field).
        const strip = (b: BeaconBody) =>
          JSON.stringify(b)
            .replaceAll('"apiVersion":"v2.1.1"', '"apiVersion":"?"')
            .replaceAll('"apiVersion":"v2.2.0"', '"apiVersion":"?"');
        expect(strip(g.body)).toBe(strip(info));
      },
    );

    it('says on /info the same apiVersion as its meta, in either version', async () => {
      for (const [q, v] of [
        ['', 'v2.2.0'],
        ['?apiVersion=v2.1', 'v2.1.1'],
        ['?apiVersion=2.2', 'v2.2.0'],
      ]) {
        const { body } = await get(`/api/info${q}`);
        expect(body.meta.apiVersion).toBe(v);
        expect((body.response as unknown as { apiVersion: string }).apiVersion).toBe(v);
      }
      const bad = await get('/api/info?apiVersion=v1.0');
      expect(bad.status).toBe(400);
      expectValid('beaconErrorResponse', bad.body);
    });

    it('names the beacon by the reverse-DNS form of HELIXGATE_NODE_ID, with one id and version on every face', async () => {
      const { body } = await get('/api/info');
      expect(body.meta.beaconId).toBe('org.example-uni.beacon');
      expect((body.response as unknown as { id: string }).id).toBe('org.example-uni.beacon');
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ beacon(query: {assemblyId: "GRCh37", referenceName: "20", start: 5, end: 10}) { meta { beaconId apiVersion } } }',
        }),
      });
      const gqlMeta = ((await res.json()) as { data: { beacon: { meta: unknown } } }).data.beacon.meta;
      expect(gqlMeta).toEqual({ beaconId: body.meta.beaconId, apiVersion: body.meta.apiVersion });
    });

    it('maps every entry type to absolute URLs of this server', async () => {
      const { body } = await get('/api/map');
      const sets = (body.response as unknown as { endpointSets: Record<string, { rootUrl: string }> })
        .endpointSets;
      expect(sets.genomicVariant.rootUrl).toBe(`${base}/api/g_variants`);
      expect(Object.keys(sets).sort()).toEqual(['dataset', 'genomicVariant', 'individual']);
    });
  });

  describe('/datasets', () => {
    it('lists the PUBLIC datasets only, as a valid collections response', async () => {
      const { status, body } = await get('/api/datasets?limit=0');
      expect(status).toBe(200);
      expectValid('beaconCollectionsResponse', body);
      const ids = body.response!.collections!.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining([pub, pub2]));
      expect(ids).not.toContain(controlled);
      expect(body.responseSummary!.numTotalResults).toBe(ids.length);
      const mine = body.response!.collections!.find((c) => c.id === pub)!;
      expect(mine.info).toMatchObject({ assemblyId: 'GRCh37', securityLevel: 'PUBLIC', variantCount: 4 });
    });

    it('pages by skip (pages) and limit (page size), GET and POST alike', async () => {
      const all = (await get('/api/datasets?limit=0')).body.response!.collections!.map((c) => c.id);
      expect(all.length).toBeGreaterThanOrEqual(2);
      const second = await get('/api/datasets?skip=1&limit=1');
      expectValid('beaconCollectionsResponse', second.body);
      expect(second.body.response!.collections!.map((c) => c.id)).toEqual([all[1]]);
      expect(second.body.responseSummary!.numTotalResults).toBe(all.length);
      const viaPost = await post('/api/datasets', { meta: {}, query: { pagination: { skip: 1, limit: 1 } } });
      expect(stable(viaPost.body)).toEqual(stable(second.body));
    });

    it('lists exactly the datasets the GraphQL datasets query shows the same caller', async () => {
      const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
      for (const headers of [{}, { authorization: `Bearer ${researcher.token}` }] as Record<
        string,
        string
      >[]) {
        const rest = (await get('/api/datasets?limit=0', headers)).body.response!.collections!.map(
          (c) => c.id,
        );
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ datasets { id } }' }),
        });
        const gql = ((await res.json()) as { data: { datasets: { id: string }[] } }).data.datasets.map(
          (d) => d.id,
        );
        expect(rest.sort()).toEqual(gql.sort());
      }
    });

    it('answers one dataset by id, and a CONTROLLED one exactly like a missing one', async () => {
      const one = await get(`/api/datasets/${pub}`);
      expect(one.status).toBe(200);
      expectValid('beaconCollectionsResponse', one.body);
      expect(one.body.response!.collections!.map((c) => c.id)).toEqual([pub]);

      const hidden = await get(`/api/datasets/${controlled}`);
      const missing = await get('/api/datasets/no-such-dataset');
      expect([hidden.status, missing.status]).toEqual([404, 404]);
      expectValid('beaconErrorResponse', hidden.body);
      expect(hidden.body.error!.errorMessage.replace(controlled, 'X')).toBe(
        missing.body.error!.errorMessage.replace('no-such-dataset', 'X'),
      );
    });
  });

  describe('/g_variants', () => {
    const seq = (extra = '') =>
      `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G&datasetIds=${pub},${pub2}${extra}`;

    it('answers a sequence query at count granularity with per-dataset result sets', async () => {
      const { status, body } = await get(seq('&requestedGranularity=count'));
      expect(status).toBe(200);
      expectValid('beaconCountResponse', body);
      expectValid('beaconResultsetsResponse', body);
      expect(body.meta.returnedGranularity).toBe('count');
      expect(body.responseSummary).toEqual({ exists: true, numTotalResults: 2, countPrecision: 'exact' });
      const sets = body.response!.resultSets!;
      expect(sets.map((s) => [s.id, s.setType, s.exists, s.resultsCount, s.results])).toEqual([
        [pub, 'dataset', true, 1, []],
        [pub2, 'dataset', true, 1, []],
      ]);
      expect(body.meta.receivedRequestSummary).toMatchObject({
        requestedGranularity: 'count',
        pagination: { skip: 0, limit: 10 },
        requestParameters: {
          g_variant: { assemblyId: 'GRCh37', referenceName: '20', start: [1000099] },
          datasets: { datasetIds: [pub, pub2] },
        },
      });
    });

    it('answers at boolean granularity with exists only: no count anywhere', async () => {
      const { body } = await get(seq());
      expectValid('beaconBooleanResponse', body);
      expect(body.meta.returnedGranularity).toBe('boolean');
      expect(body.responseSummary).toEqual({ exists: true });
      expect(body.response).toBeUndefined();
    });

    it('serves record requests at count granularity (records need access control)', async () => {
      const { body } = await get(seq('&requestedGranularity=record'));
      expectValid('beaconCountResponse', body);
      expect(body.meta.returnedGranularity).toBe('count');
      expect(body.meta.receivedRequestSummary!.requestedGranularity).toBe('record');
    });

    it('selects result sets by includeResultsetResponses HIT, MISS, ALL and NONE', async () => {
      const q = (mode: string) =>
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=T&datasetIds=${pub},${pub2}&requestedGranularity=count&includeResultsetResponses=${mode}`;
      const ids = async (mode: string) => {
        const { body } = await get(q(mode));
        expectValid('beaconCountResponse', body);
        expect(body.responseSummary).toEqual({ exists: true, numTotalResults: 1, countPrecision: 'exact' });
        return body.response?.resultSets?.map((s) => `${s.id}:${s.exists}`);
      };
      expect(await ids('HIT')).toEqual([`${pub}:true`]);
      expect(await ids('MISS')).toEqual([`${pub2}:false`]);
      expect(await ids('ALL')).toEqual([`${pub}:true`, `${pub2}:false`]);
      expect(await ids('NONE')).toBeUndefined();
    });

    it('gives the same answer to GET and POST, flat or nested requestParameters', async () => {
      const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
        [
          seq('&requestedGranularity=count&includeResultsetResponses=ALL'),
          {
            assemblyId: 'GRCh37',
            referenceName: '20',
            start: [1000099],
            referenceBases: 'A',
            alternateBases: 'G',
            datasets: { datasetIds: [pub, pub2] },
          },
          { requestedGranularity: 'count', includeResultsetResponses: 'ALL' },
        ],
        [
          `/api/g_variants?assemblyId=GRCh37&referenceName=chr20&start=1000000&end=1010000&variantType=DEL&datasetIds=${pub}&requestedGranularity=count`,
          {
            g_variant: {
              assemblyId: 'GRCh37',
              referenceName: 'chr20',
              start: [1000000],
              end: [1010000],
              variantType: 'DEL',
            },
            datasets: { datasetIds: [pub] },
          },
          { requestedGranularity: 'count' },
        ],
        [
          `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1&end=2&datasetIds=${pub}`,
          { assemblyId: 'GRCh37', referenceName: '20', start: 1, end: 2, datasetIds: [pub] },
          {},
        ],
      ];
      for (const [path, params, query] of cases) {
        const g = await get(path);
        const p = await post('/api/g_variants', beaconBody(params, query));
        expect([g.status, p.status]).toEqual([200, 200]);
        const { receivedRequestSummary: gs, ...gMeta } = g.body.meta;
        const { receivedRequestSummary: ps, ...pMeta } = p.body.meta;
        expect(pMeta).toEqual(gMeta);
        expect((ps as { requestParameters: unknown }).requestParameters).toEqual(
          (gs as { requestParameters: unknown }).requestParameters,
        );
        expect(stable({ ...p.body, meta: pMeta })).toEqual(stable({ ...g.body, meta: gMeta }));
      }
    });

    it('answers range queries by overlap, with variantType, chr prefix and RefSeq accession', async () => {
      const range = async (params: string) => {
        const { body } = await get(
          `/api/g_variants?assemblyId=GRCh37&start=1000000&end=1010000&datasetIds=${pub}&requestedGranularity=count${params}`,
        );
        expectValid('beaconCountResponse', body);
        return body.responseSummary!.numTotalResults;
      };
      expect(await range('&referenceName=20')).toBe(4);
      expect(await range('&referenceName=chr20')).toBe(4);
      expect(await range('&referenceName=NC_000020.10')).toBe(4);
      expect(await range('&referenceName=refseq:NC_000020.10')).toBe(4);
      expect(await range('&referenceName=20&variantType=SNP')).toBe(2);
      // The small deletion AC>A is an INDEL and a DEL (by its lengths); the symbolic <DEL> a DEL only.
      expect(await range('&referenceName=20&variantType=INDEL')).toBe(1);
      expect(await range('&referenceName=20&variantType=DEL')).toBe(2);
      expect(await range('&referenceName=20&variantType=DEL&variantMinLength=2')).toBe(1);
      expect(await range('&referenceName=20&variantType=EFO:0030067')).toBe(1);
      // The deletion spans 1,005,000-1,006,000: a window inside it overlaps it.
      const inside = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1005500&end=1005600&datasetIds=${pub}&requestedGranularity=count`,
      );
      expect(inside.body.responseSummary).toEqual({
        exists: true,
        numTotalResults: 1,
        countPrecision: 'exact',
      });
    });

    it('answers a miss with exists false and zero counts', async () => {
      const { body } = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=C&datasetIds=${pub}&requestedGranularity=count&includeResultsetResponses=ALL`,
      );
      expectValid('beaconCountResponse', body);
      expect(body.responseSummary).toEqual({ exists: false, numTotalResults: 0, countPrecision: 'exact' });
      expect(body.response!.resultSets!.map((s) => [s.exists, s.resultsCount])).toEqual([[false, 0]]);
    });

    it('answers a v2.1 client in v2.1.1: the same counts, no v2.2 summary labels, valid against v2.1.1', async () => {
      for (const extra of ['&requestedGranularity=count&includeResultsetResponses=ALL', '']) {
        const v22 = await get(seq(extra));
        const v21 = await get(seq(`${extra}&apiVersion=v2.1.1`));
        expect(v21.status).toBe(200);
        expect(v21.body.meta.apiVersion).toBe('v2.1.1');
        expectValid(extra ? 'beaconCountResponse' : 'beaconBooleanResponse', v21.body);
        if (extra) expectValid('beaconResultsetsResponse', v21.body);
        const { countPrecision, ...summary22 } = v22.body.responseSummary!;
        expect(countPrecision).toBe(extra ? 'exact' : undefined);
        expect(v21.body.responseSummary).toEqual(summary22);
        expect(v21.body.response).toEqual(v22.body.response);
      }
      const viaPost = await post('/api/g_variants', {
        meta: { apiVersion: 'v2.0' },
        query: {
          requestParameters: {
            assemblyId: 'GRCh37',
            referenceName: '20',
            start: [1000099],
            referenceBases: 'A',
            alternateBases: 'G',
          },
          requestedGranularity: 'count',
        },
      });
      expect(viaPost.body.meta.apiVersion).toBe('v2.1.1');
      expect(viaPost.body.meta.receivedRequestSummary).toMatchObject({ apiVersion: 'v2.0' });
      expect(viaPost.body.responseSummary).not.toHaveProperty('countPrecision');
    });

    it('never counts a CONTROLLED dataset, and refuses to name it', async () => {
      const { status, body } = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G&datasetIds=${controlled}`,
      );
      expect(status).toBe(404);
      expectValid('beaconErrorResponse', body);
      expect(body.error!.errorMessage).toContain('not found or no access');
    });

    it('says which visible datasets a query over every dataset could not ask, and why', async () => {
      const researcher = await makeActor(app, ['researcher']);
      const { status, body } = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G&requestedGranularity=record`,
        { authorization: `Bearer ${researcher.token}` },
      );
      expect(status).toBe(200);
      expectValid('beaconResultsetsResponse', body);
      const warnings = (body.info as { warnings?: string[] }).warnings ?? [];
      // The CONTROLLED dataset holds the variant too: its absence from the answer is said, not silent.
      expect(warnings).toContainEqual(
        expect.stringMatching(new RegExp(`^not asked: dataset ${controlled} is CONTROLLED: `)),
      );
      // Anonymous callers cannot see it at all, so nothing is said about it to them.
      const anonymous = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G`,
      );
      expect(JSON.stringify(anonymous.body)).not.toContain(controlled);
    });

    it('answers /g_variants/{id} as the sequence query the id names', async () => {
      const byId = await get(
        `/api/g_variants/20:1000099:A:G?assemblyId=GRCh37&datasetIds=${pub},${pub2}&requestedGranularity=count`,
      );
      expect(byId.status).toBe(200);
      expectValid('beaconCountResponse', byId.body);
      const bySeq = await get(seq('&requestedGranularity=count'));
      expect(byId.body.responseSummary).toEqual(bySeq.body.responseSummary);
      expect(byId.body.response).toEqual(bySeq.body.response);
      const viaPost = await post(
        '/api/g_variants/NC_000020.10:1000099:A:G',
        beaconBody({ assemblyId: 'GRCh37', datasetIds: [pub, pub2] }, { requestedGranularity: 'count' }),
      );
      expect(viaPost.body.response).toEqual(bySeq.body.response);
    });

    it('answers a sequence query without referenceBases (the spec makes them optional)', async () => {
      const withRef = await get(seq('&requestedGranularity=count'));
      const withoutRef = await get(seq('&requestedGranularity=count').replace('&referenceBases=A', ''));
      expect(withoutRef.status).toBe(200);
      expectValid('beaconCountResponse', withoutRef.body);
      expect(withoutRef.body.responseSummary).toEqual(withRef.body.responseSummary);
    });
  });

  describe('audit', () => {
    async function eventsFor(requestId: string) {
      const rows: { action: string; outcome: string; reason: string | null; dataset_ids: string[] }[] =
        await ds.query(
          `SELECT action, outcome, reason, dataset_ids FROM audit_event
            WHERE detail->>'clientRequestId' = $1 ORDER BY seq`,
          [requestId],
        );
      return rows;
    }

    it('records exactly one event per REST call: answers, refusals and bad requests', async () => {
      const answered = uniqueId('req');
      const ok = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G&datasetIds=${pub}&requestedGranularity=count`,
        { 'x-request-id': answered },
      );
      // the answer carries this node's request id; the client's own id is kept beside it in the trail
      expect(ok.body.info!.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const [{ request_id }] = await ds.query<{ request_id: string }[]>(
        `SELECT request_id FROM audit_event WHERE detail->>'clientRequestId' = $1`,
        [answered],
      );
      expect(ok.body.info!.requestId).toBe(request_id);
      const refused = uniqueId('req');
      await get('/api/individuals/HG00096', { 'x-request-id': refused });
      const invalid = uniqueId('req');
      await get(
        '/api/g_variants?assemblyId=GRCh37&referenceName=20&start=5&referenceBases=X&alternateBases=G',
        {
          'x-request-id': invalid,
        },
      );

      const [a] = await eventsFor(answered);
      expect(await eventsFor(answered)).toHaveLength(1);
      expect(a).toMatchObject({ action: 'rest:GET /api/g_variants', outcome: 'allow' });
      expect(a.dataset_ids).toEqual([pub]);
      expect(await eventsFor(refused)).toMatchObject([{ outcome: 'deny', reason: 'UNAUTHENTICATED' }]);
      expect(await eventsFor(invalid)).toMatchObject([{ outcome: 'error', reason: 'INVALID_BASES' }]);
    });
  });

  describe('errors', () => {
    const bad: [string, string, number, RegExp][] = [
      [
        'bases that are not A, C, G, T, N',
        'referenceName=20&start=5&referenceBases=X&alternateBases=G',
        400,
        /referenceBases/,
      ],
      ['a missing start', 'referenceName=20&referenceBases=A&alternateBases=G', 400, /start/],
      ['a negative start', 'referenceName=20&start=-1&referenceBases=A&alternateBases=G', 400, /start/],
      [
        'an unknown chromosome',
        'referenceName=chr99&start=5&referenceBases=A&alternateBases=G',
        400,
        /referenceName/,
      ],
      ['an end before start', 'referenceName=20&start=50&end=10', 400, /end/],
      ['a range wider than allowed', 'referenceName=20&start=0&end=2000000', 400, /wider/],
      [
        'an unknown granularity',
        'referenceName=20&start=5&end=10&requestedGranularity=all',
        400,
        /requestedGranularity/,
      ],
      [
        'an unknown includeResultsetResponses',
        'referenceName=20&start=5&end=10&includeResultsetResponses=SOME',
        400,
        /includeResultsetResponses/,
      ],
      ['a negative limit', 'referenceName=20&start=5&end=10&limit=-1', 400, /limit/],
      ['an unknown parameter', 'referenceName=20&start=5&end=10&chromosome=20', 400, /chromosome/],
      [
        'an unsupported parameter',
        'referenceName=20&start=5&end=10&aminoacidChange=V600E',
        400,
        /aminoacidChange/,
      ],
      ['geneId beside a position', 'referenceName=20&start=5&end=10&geneId=BRAF', 400, /geneId replaces/],
      ['a filter that is not a CURIE', 'referenceName=20&start=5&end=10&filters=female', 400, /filters/],
      ['an unknown assembly', 'referenceName=20&start=5&end=10&assemblyId=GRCh99', 400, /assemblyId/],
      ['half a bracket', 'referenceName=20&start=5,10&end=20', 400, /bracket/],
      ['a bracket with unordered bounds', 'referenceName=20&start=10,5&end=20,30', 400, /half-open/],
      [
        'a RefSeq accession of the other assembly',
        'assemblyId=GRCh37&referenceName=NC_000020.11&start=1000099&alternateBases=G',
        400,
        /NC_000020.11 is chromosome 20 of GRCh38, not of GRCh37/,
      ],
      [
        'a sequence query without alternateBases',
        'referenceName=20&start=5&referenceBases=A',
        400,
        /alternateBases/,
      ],
    ];
    it.each(bad)('refuses %s with a Beacon error envelope', async (_what, params, status, message) => {
      const qs = params.includes('assemblyId') ? params : `assemblyId=GRCh37&${params}`;
      const res = await get(`/api/g_variants?${qs}`);
      expect(res.status).toBe(status);
      expectValid('beaconErrorResponse', res.body);
      expect(res.body.error!.errorCode).toBe(status);
      expect(res.body.error!.errorMessage).toMatch(message);
    });

    it('refuses malformed POST bodies with 400 envelopes', async () => {
      for (const body of [
        '{"meta": ',
        { meta: {}, query: { requestParameters: { start: 'five' } } },
        { meta: {}, query: { pagination: { skip: -1 } } },
        { meta: {}, query: { requestParameters: { start: [1, 2, 3] } } },
      ]) {
        const res = await post('/api/g_variants', body);
        expect(res.status).toBe(400);
        expectValid('beaconErrorResponse', res.body);
        expect(res.body.error!.errorCode).toBe(400);
      }
    });

    it('echoes the received request in the error envelope when it was understood', async () => {
      const res = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=5&referenceBases=X&alternateBases=G&requestedGranularity=count`,
      );
      expect(res.body.meta.receivedRequestSummary).toMatchObject({ requestedGranularity: 'count' });
      expect(res.body.info).toMatchObject({ code: 'INVALID_BASES' });
    });

    it('refuses individual records to an anonymous caller with 401, never an empty result', async () => {
      for (const res of [
        await get('/api/individuals/HG00096'),
        await post('/api/individuals/HG00096', { meta: {} }),
      ]) {
        expect(res.status).toBe(401);
        expectValid('beaconErrorResponse', res.body);
        expect(res.body.error!.errorMessage).toMatch(/ControlledAccessGrants/);
      }
    });

    it('refuses individual records to an authenticated caller without a grant with 403', async () => {
      const researcher = await makeActor(app, ['researcher'], { bonaFide: true });
      const auth = { authorization: `Bearer ${researcher.token}` };
      const res = await get('/api/individuals/HG00096', auth);
      expect(res.status).toBe(403);
      expectValid('beaconErrorResponse', res.body);
      // The same caller is served variant answers: the refusal is about records, not the caller.
      const variants = await get(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G&datasetIds=${pub}`,
        auth,
      );
      expect(variants.status).toBe(200);
      expectValid('beaconBooleanResponse', variants.body);
    });

    it('answers an unknown endpoint under /api with a 404 envelope', async () => {
      for (const res of [
        await get('/api/biosamples'),
        await post('/api/g_variants/20:5:A:G/biosamples', { meta: {} }),
      ]) {
        expect(res.status).toBe(404);
        expectValid('beaconErrorResponse', res.body);
        expect(res.body.error!.errorMessage).toMatch(/\/api\/map/);
      }
    });
  });
});
