import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { IndividualMetadataService } from '@helixgate/variants';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';
import { beaconValidator } from './support/beacon-schemas';

interface Reply {
  status: number;
  headers: Headers;
  body: {
    meta?: { receivedRequestSummary?: Record<string, unknown> };
    responseSummary?: { exists: boolean; numTotalResults?: number };
    error?: { errorCode: number; errorMessage: string };
    info?: { code?: string };
  };
}

/**
 * What a request asks is answered, or refused: nothing it says is dropped (a dropped filter or granularity
 * answers a broader question than the one asked).
 */
describe('Beacon v2 REST: nothing in a request is silently ignored', () => {
  let app: INestApplication;
  let base: string;
  let pub: string;
  const validator = beaconValidator();

  async function send(path: string, init: RequestInit = {}): Promise<Reply> {
    const res = await fetch(`${base}${path}`, init);
    return { status: res.status, headers: res.headers, body: (await res.json()) as Reply['body'] };
  }
  const get = (path: string) => send(path);
  const post = (path: string, body: unknown, contentType = 'application/json') =>
    send(path, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  function expectRefused(res: Reply, status: number, message: RegExp): void {
    expect({ status: res.status, message: res.body.error?.errorMessage }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect(validator.validate('beaconErrorResponse', res.body)).toEqual([]);
    expect(res.body.error!.errorCode).toBe(status);
  }
  const variant = {
    assemblyId: 'GRCh37',
    referenceName: '20',
    start: 1_000_099,
    referenceBases: 'A',
    alternateBases: 'G',
  };

  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    pub = await createTestDataset(app, uniqueId('strict'));
    await insertTestVariants(app, pub, [{ chrom: '20', pos: 1_000_100, ref: 'A', alt: 'G', het: 1 }]);
    // Individuals described by four terms (two sexes, two populations): filtering terms to page through.
    const tsv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'strict-')), 'individuals.tsv');
    fs.writeFileSync(
      tsv,
      [
        'individual_id\tsex\tpopulation',
        `${pub}-S1\tmale\tHANCESTRO:0765 (GBR)`,
        `${pub}-S2\tfemale\tHANCESTRO:0767 (FIN)`,
        '',
      ].join('\n'),
    );
    await app.get(IndividualMetadataService).importFile(pub, tsv);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('POST body keys', () => {
    const unknown: [string, unknown, RegExp][] = [
      [
        'query.filter (for filters)',
        { query: { filter: [{ id: 'NCIT:C16576' }], requestedGranularity: 'count' } },
        /unknown key query\.filter\b/,
      ],
      ['a top-level filters', { filters: [{ id: 'NCIT:C16576' }] }, /unknown key filters\b/],
      [
        'query.requestGranularity',
        { query: { requestGranularity: 'count' } },
        /unknown key query\.requestGranularity\b/,
      ],
      [
        'meta.requestedGranularity',
        { meta: { requestedGranularity: 'count' } },
        /unknown key meta\.requestedGranularity\b/,
      ],
      ['meta.bogusMeta', { meta: { bogusMeta: 1 } }, /unknown key meta\.bogusMeta\b/],
      ['a top-level bogusTop', { meta: {}, bogusTop: true }, /unknown key bogusTop\b/],
      [
        'query.pagination.page',
        { query: { pagination: { page: 2 } } },
        /unknown key query\.pagination\.page\b/,
      ],
      [
        'meta.requestedSchemas[].version',
        { meta: { requestedSchemas: [{ schema: 'x', version: '2' }] } },
        /unknown key meta\.requestedSchemas\.0\.version\b/,
      ],
    ];
    it.each(unknown)('refuses %s with 400 naming it', async (_what, body, message) => {
      for (const path of ['/api/individuals', '/api/g_variants', '/api/datasets'])
        expectRefused(await post(path, body), 400, message);
    });

    it('still takes every key the framework defines', async () => {
      const res = await post('/api/g_variants', {
        $schema: 'beaconRequestBody.json',
        meta: { $schema: 'beaconRequestMeta.json', apiVersion: 'v2.2.0', requestedSchemas: [] },
        query: {
          requestParameters: { ...variant, datasetIds: [pub] },
          filters: [],
          includeResultsetResponses: 'HIT',
          pagination: { skip: 0, limit: 10 },
          requestedGranularity: 'count',
          testMode: false,
        },
      });
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
      expect(res.body.responseSummary).toMatchObject({ exists: true, numTotalResults: 1 });
    });
  });
  describe('a POST is its body', () => {
    it('refuses a query string on a POST with 400 (POST takes its parameters in the body)', async () => {
      const cases: [string, unknown][] = [
        ['/api/individuals?requestedGranularity=count&filters=NCIT:C16576', {}],
        [
          '/api/g_variants?assemblyId=GRCh38',
          { meta: {}, query: { requestParameters: variant, requestedGranularity: 'count' } },
        ],
        ['/api/datasets?limit=1', {}],
        ['/api/info?apiVersion=v2.2.0', {}],
        ['/api/network/g_variants?assemblyId=GRCh38', { query: { requestParameters: variant } }],
      ];
      for (const [path, body] of cases)
        expectRefused(await post(path, body), 400, /POST takes its parameters in the body/);
    });

    it('answers a JSON body sent as text/plain with 415, not as an empty request', async () => {
      const body = { meta: {}, query: { requestParameters: variant } };
      for (const path of ['/api/g_variants', '/api/individuals', '/api/network/g_variants']) {
        const res = await post(path, body, 'text/plain');
        expectRefused(res, 415, /content-type: application\/json/);
        expect(res.body.info?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      // The same body as JSON is answered; a POST without a body stays an empty request.
      expect((await post('/api/g_variants', body)).status).toBe(200);
      expect((await send('/api/datasets', { method: 'POST' })).status).toBe(200);
    });
  });
  describe('informational endpoints', () => {
    const refused: [string, RegExp][] = [
      ['/api/info?foo=bar', /unknown request parameter foo for \/info/],
      ['/api?foo=bar', /unknown request parameter foo/],
      ['/api/map?foo=1', /unknown request parameter foo for \/map \(it takes apiVersion\)/],
      ['/api/configuration?limit=1', /unknown request parameter limit/],
      ['/api/entry_types?requestedGranularity=bogus', /unknown request parameter requestedGranularity/],
      ['/api/service-info?foo=1', /unknown request parameter foo for \/service-info/],
      ['/api/filtering_terms?skip=abc', /skip must be a non-negative integer/],
      ['/api/filtering_terms?limit=-4', /limit must be a non-negative integer/],
      ['/api/filtering_terms?filters=NCIT:C16576', /unknown request parameter filters/],
      ['/api/info?requestedSchema=ga4gh-service-info-v1.0', /\/api\/service-info/],
      ['/api/info?apiVersion=v9', /apiVersion/],
    ];
    it.each(refused)('refuses GET %s with 400', async (path, message) => {
      expectRefused(await get(path), 400, message);
    });

    it('refuses POST bodies carrying what an informational endpoint does not take', async () => {
      expectRefused(await post('/api/info', { meta: { bogus: 1 } }), 400, /unknown key meta\.bogus/);
      expectRefused(
        await post('/api/map', { query: { requestedGranularity: 'count' } }),
        400,
        /query\.requestedGranularity does not apply to \/map/,
      );
      expectRefused(
        await post('/api/filtering_terms', { query: { filters: [] } }),
        400,
        /query\.filters does not apply/,
      );
      expect((await post('/api/entry_types', { meta: { apiVersion: 'v2.1.1' } })).status).toBe(200);
    });

    it('pages /filtering_terms by skip (pages) and limit, every term without them', async () => {
      const ids = async (path: string, init?: RequestInit) => {
        const res = await send(path, init);
        expect(res.status).toBe(200);
        expect(validator.validate('beaconFilteringTermsResponse', res.body)).toEqual([]);
        return (res.body as { response: { filteringTerms: { id: string }[] } }).response.filteringTerms.map(
          (t) => t.id,
        );
      };
      const all = await ids('/api/filtering_terms');
      expect(all.length).toBeGreaterThan(2);
      expect(await ids('/api/filtering_terms?limit=2')).toEqual(all.slice(0, 2));
      expect(await ids('/api/filtering_terms?skip=1&limit=2')).toEqual(all.slice(2, 4));
      expect(await ids('/api/filtering_terms?limit=0')).toEqual(all);
      expect(
        await ids('/api/filtering_terms', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: { pagination: { skip: 1, limit: 1 } } }),
        }),
      ).toEqual(all.slice(1, 2));
    });
  });
  describe('what the beacon cannot serve', () => {
    const range = 'assemblyId=GRCh37&referenceName=20&start=1000000&end=1001000';
    it('refuses an unsupported requestedSchema, naming the one served', async () => {
      expectRefused(
        await get(`/api/g_variants?${range}&requestedSchema=foo`),
        400,
        /requestedSchema foo is not supported: genomicVariant entries are served in ga4gh-beacon-variant-v2\.0\.0 only/,
      );
      expectRefused(
        await post('/api/g_variants', {
          meta: { requestedSchemas: [{ entityType: 'genomicVariant', schema: 'foo' }] },
          query: { requestParameters: variant },
        }),
        400,
        /ga4gh-beacon-variant-v2\.0\.0 only/,
      );
      expectRefused(
        await get('/api/individuals?requestedSchema=foo'),
        400,
        /ga4gh-beacon-individual-v2\.0\.0 only/,
      );
      expectRefused(
        await get('/api/datasets?requestedSchema=foo'),
        400,
        /ga4gh-beacon-dataset-v2\.0\.0 only/,
      );
      expectRefused(
        await get(`/api/network/g_variants?${range}&requestedSchema=foo`),
        400,
        /ga4gh-beacon-variant-v2\.0\.0 only/,
      );
      expectRefused(
        await post('/api/g_variants', {
          meta: { requestedSchemas: [{ entityType: 'individual' }] },
          query: { requestParameters: variant },
        }),
        400,
        /entityType individual is not what this endpoint returns \(genomicVariant\)/,
      );
      // The schema served, asked for by name, is answered.
      const ok = await get(`/api/g_variants?${range}&requestedSchema=ga4gh-beacon-variant-v2.0.0`);
      expect(ok.status).toBe(200);
    });

    it('refuses testMode=true with 501 (no test data here), and answers testMode=false', async () => {
      for (const res of [
        await get(`/api/g_variants?${range}&testMode=true`),
        await post('/api/g_variants', { query: { requestParameters: variant, testMode: true } }),
        await get('/api/individuals?testMode=true'),
        await get('/api/datasets?testMode=true'),
        await get(`/api/network/g_variants?${range}&testMode=true`),
      ]) {
        expectRefused(res, 501, /testMode is not implemented/);
        expect(res.body.info?.code).toBe('UNSUPPORTED_QUERY');
      }
      expect((await get(`/api/g_variants?${range}&testMode=false`)).status).toBe(200);
    });
  });
});
