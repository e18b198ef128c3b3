import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { beaconValidator } from '../beacon-rest/support/beacon-schemas';
import { makeActor, type Actor } from '../support/actors';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';

/**
 * Issue 9, "bad input gets a 4xx and a clear message, never a 500": each request below answered INTERNAL
 * (HTTP 500, or a GraphQL error coded INTERNAL) before. Each must now be refused with its own code and a
 * message naming the problem, on both faces where both take the input.
 */
interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[];
}
interface BeaconErrorBody {
  meta: Record<string, unknown>;
  error: { errorCode: number; errorMessage: string };
  info?: { code?: string; requestId?: string };
}

const validator = beaconValidator();

function expectBeaconError(body: unknown, status: number, code: string): BeaconErrorBody {
  const errors = validator.validate('beaconErrorResponse', body);
  expect(errors.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  const b = body as BeaconErrorBody;
  expect(b.error.errorCode).toBe(status);
  expect(b.info?.code).toBe(code);
  return b;
}

const SEQUENCE = `query Q($q: BeaconQueryInput!) { beacon(query: $q) { exists } }`;
/** A sequence query on GRCh37 chromosome 20 (A>G unless `extra` says otherwise). */
const seq = (start: number, extra: Record<string, unknown> = {}) => ({
  assemblyId: 'GRCh37',
  referenceName: '20',
  start,
  referenceBases: 'A',
  alternateBases: 'G',
  ...extra,
});

describe('bad input over HTTP: a coded 4xx, never a 500', () => {
  let app: INestApplication;
  let base: string;
  let pub: string;
  let pub38: string;
  let compliance: Actor;

  async function graphql(body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { res, status: res.status, body: (await res.json()) as GraphQLBody };
  }
  const codeOf = (b: GraphQLBody) => b.errors?.[0]?.extensions.code;
  async function rest(path: string, init: RequestInit = {}) {
    const res = await fetch(`${base}${path}`, init);
    return { res, status: res.status, body: await res.json() };
  }
  const post = (path: string, body: unknown) =>
    rest(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const beaconBody = (requestParameters: Record<string, unknown>) => ({
    meta: { apiVersion: 'v2.0.0' },
    query: { requestParameters, requestedGranularity: 'count' },
  });

  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    pub = await createTestDataset(app, uniqueId('bad'));
    pub38 = await createTestDataset(app, uniqueId('bad38'), { assembly: 'GRCh38' });
    await insertTestVariants(app, pub, [
      { chrom: '20', pos: 1_000_100, ref: 'A', alt: 'G' },
      { chrom: '20', pos: 63_025_520, ref: 'C', alt: 'T' }, // the last base of chromosome 20 on GRCh37
      { chrom: '20', pos: 1_005_000, ref: 'N', alt: '<DEL>', endPos: 1_006_000, type: 'DEL' },
    ]);
    await insertTestVariants(app, pub38, [{ chrom: '20', pos: 64_000_000, ref: 'G', alt: 'A' }]);
    compliance = await makeActor(app, ['compliance']);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('request bodies over the size limit (HELIXGATE_MAX_BODY_BYTES, 100 KiB by default)', () => {
    const big = 'A'.repeat(110 * 1024);

    it('refuses a /graphql body over 100 KiB with 413 PAYLOAD_TOO_LARGE, as a GraphQL error', async () => {
      const r = await graphql({ query: '{ __typename }', variables: { padding: big } });
      expect(r.status).toBe(413);
      expect(codeOf(r.body)).toBe('PAYLOAD_TOO_LARGE');
      expect(r.body.errors![0].message).toContain('102400 bytes');
      // The refusal has a correlation id, the same as the response header (the request was logged).
      expect(r.body.errors![0].extensions.correlationId).toBe(r.res.headers.get('x-request-id'));
    });

    it('refuses a REST body over 100 KiB with 413 PAYLOAD_TOO_LARGE, as a Beacon error response', async () => {
      const r = await post('/api/g_variants', { ...beaconBody({}), padding: big });
      expect(r.status).toBe(413);
      const b = expectBeaconError(r.body, 413, 'PAYLOAD_TOO_LARGE');
      expect(b.error.errorMessage).toContain('102400 bytes');
      expect(b.info?.requestId).toBe(r.res.headers.get('x-request-id'));
    });

    it('still answers a body just under the limit', async () => {
      const r = await graphql({ query: '{ __typename }', variables: { padding: 'A'.repeat(90 * 1024) } });
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual({ __typename: 'Query' });
    });

    it('refuses a body that is not JSON with 400 BAD_REQUEST on both faces', async () => {
      const g = await graphql('{"query": ');
      expect(g.status).toBe(400);
      expect(codeOf(g.body)).toBe('BAD_REQUEST');
      const r = await post('/api/g_variants', '{"query": ');
      expect(r.status).toBe(400);
      expectBeaconError(r.body, 400, 'BAD_REQUEST');
    });
    it('refuses a JSON body in a charset other than UTF-8 with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const g = await graphql('{"query": "{ __typename }"}', {
        'content-type': 'application/json; charset=latin1',
      });
      expect([g.status, codeOf(g.body)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const r = await rest('/api/g_variants', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=latin1' },
        body: JSON.stringify(beaconBody({})),
      });
      expect(r.status).toBe(415);
      expectBeaconError(r.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('a NUL character in any string argument or REST path/query', () => {
    it('refuses it in a GraphQL variable with INVALID_CHARACTERS naming the argument', async () => {
      const r = await graphql({
        query: 'query D($id: ID!) { dataset(id: $id) { id } }',
        variables: { id: 'x\u0000' },
      });
      expect(codeOf(r.body)).toBe('INVALID_CHARACTERS');
      expect(r.body.errors![0].message).toMatch(/id.*NUL/);
    });

    it('refuses it in a GraphQL string literal (\\u0000 escape)', async () => {
      const r = await graphql({ query: '{ dataset(id: "x\\u0000y") { id } }' });
      expect(codeOf(r.body)).toBe('INVALID_CHARACTERS');
    });

    it('refuses it inside a GraphQL input object, naming the field', async () => {
      const r = await graphql({
        query: SEQUENCE,
        variables: {
          q: {
            assemblyId: 'GRCh37',
            referenceName: '20',
            start: 1,
            referenceBases: 'A',
            alternateBases: 'G',
            datasetIds: [pub, 'a\u0000'],
          },
        },
      });
      expect(codeOf(r.body)).toBe('INVALID_CHARACTERS');
      expect(r.body.errors![0].message).toContain('query.datasetIds[1]');
    });

    it('refuses it in a REST path with a 400 Beacon error', async () => {
      const r = await rest('/api/datasets/a%00b');
      expect(r.status).toBe(400);
      expectBeaconError(r.body, 400, 'INVALID_CHARACTERS');
      const v = await rest('/api/g_variants/20:1000100:A%00:G');
      expect(v.status).toBe(400);
      expectBeaconError(v.body, 400, 'INVALID_CHARACTERS');
    });

    it('refuses it in a REST query string and in a REST body', async () => {
      const q = await rest(
        `/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G&datasetIds=${pub}%00`,
      );
      expect(q.status).toBe(400);
      expectBeaconError(q.body, 400, 'INVALID_CHARACTERS');
      const b = await post(
        '/api/g_variants',
        beaconBody({
          assemblyId: 'GRCh37',
          referenceName: '2\u00000',
          start: [1000099],
          referenceBases: 'A',
          alternateBases: 'G',
        }),
      );
      expect(b.status).toBe(400);
      expectBeaconError(b.body, 400, 'INVALID_CHARACTERS');
    });

    it('audits the refusal once, with its reason', async () => {
      const r = await rest('/api/datasets/z%00z');
      const requestId = r.res.headers.get('x-request-id');
      const rows = await app
        .get(DataSource)
        .query<{ outcome: string; reason: string }[]>(
          'SELECT outcome, reason FROM audit_event WHERE request_id = $1',
          [requestId],
        );
      expect(rows).toEqual([{ outcome: 'error', reason: 'INVALID_CHARACTERS' }]);
    });
  });

  describe('auditIntegrity(fromSeq, toSeq) that are not numbers', () => {
    it.each([['abc'], ['1e3'], ['-1'], ['99999999999999999999']])(
      'refuses fromSeq %p with BAD_REQUEST',
      async (fromSeq) => {
        const r = await graphql(
          { query: 'query A($f: ID) { auditIntegrity(fromSeq: $f) { ok } }', variables: { f: fromSeq } },
          { authorization: `Bearer ${compliance.token}` },
        );
        expect(codeOf(r.body)).toBe('BAD_REQUEST');
        expect(r.body.errors![0].message).toContain('fromSeq');
      },
    );

    it('refuses a non-numeric toSeq and still verifies with numeric bounds', async () => {
      const bad = await graphql(
        { query: '{ auditIntegrity(fromSeq: "1", toSeq: "end") { ok } }' },
        { authorization: `Bearer ${compliance.token}` },
      );
      expect(codeOf(bad.body)).toBe('BAD_REQUEST');
      expect(bad.body.errors![0].message).toContain('toSeq');
      const good = await graphql(
        { query: '{ auditIntegrity(fromSeq: "1", toSeq: "2") { ok } }' },
        { authorization: `Bearer ${compliance.token}` },
      );
      expect(good.body.errors).toBeUndefined();
    });
  });

  describe('coordinates beyond int4 or beyond the end of the contig', () => {
    it('refuses GraphQL start: 2147483647 with INVALID_COORDINATES naming the contig length', async () => {
      const r = await graphql({ query: SEQUENCE, variables: { q: seq(2147483647) } });
      expect(codeOf(r.body)).toBe('INVALID_COORDINATES');
      expect(r.body.errors![0].message).toContain('63025520');
    });

    it('refuses REST start=3000000000 with a 400 Beacon error', async () => {
      const r = await rest(
        '/api/g_variants?assemblyId=GRCh37&referenceName=20&start=3000000000&referenceBases=A&alternateBases=G',
      );
      expect(r.status).toBe(400);
      const b = expectBeaconError(r.body, 400, 'INVALID_COORDINATES');
      expect(b.error.errorMessage).toContain('chromosome 20');
    });

    it('answers the last base of the contig and refuses the first base past it', async () => {
      const last = await graphql({
        query: SEQUENCE,
        variables: { q: seq(63_025_519, { referenceBases: 'C', alternateBases: 'T' }) },
      });
      expect(last.body).toEqual({ data: { beacon: { exists: true } } });
      const past = await graphql({ query: SEQUENCE, variables: { q: seq(63_025_520) } });
      expect(codeOf(past.body)).toBe('INVALID_COORDINATES');
    });

    it('checks ranges and brackets against the contig too', async () => {
      const range = await rest(
        '/api/g_variants?assemblyId=GRCh37&referenceName=20&start=63025000&end=63025600',
      );
      expect(range.status).toBe(400);
      expectBeaconError(range.body, 400, 'INVALID_COORDINATES');
      const bracket = await graphql({
        query: SEQUENCE,
        variables: {
          q: {
            assemblyId: 'GRCh37',
            referenceName: 'X',
            start: 155270000,
            startMax: 155270100,
            end: 155270200,
            endMax: 155270600,
          },
        },
      });
      expect(codeOf(bracket.body)).toBe('INVALID_COORDINATES');
      expect(bracket.body.errors![0].message).toContain('155270560');
    });

    it("uses the query's assembly: a position past GRCh37's chromosome 20 is valid on GRCh38", async () => {
      const r = await graphql({
        query: SEQUENCE,
        variables: { q: seq(63_999_999, { assemblyId: 'GRCh38', referenceBases: 'G', alternateBases: 'A' }) },
      });
      expect(r.body).toEqual({ data: { beacon: { exists: true } } });
    });
  });

  describe('very long alleles (HELIXGATE_MAX_ALLELE_LENGTH, 10000 by default)', () => {
    it('refuses 45,000 N with ALLELE_TOO_LONG before any database work (GraphQL)', async () => {
      const r = await graphql({
        query: SEQUENCE,
        variables: {
          q: {
            assemblyId: 'GRCh37',
            referenceName: '20',
            start: 1000,
            end: 2000,
            referenceBases: 'N'.repeat(45_000),
          },
        },
      });
      expect(codeOf(r.body)).toBe('ALLELE_TOO_LONG');
      expect(r.body.errors![0].message).toMatch(/referenceBases.*45000.*10000/);
    });

    it('refuses it on REST with a 400 Beacon error', async () => {
      const r = await post(
        '/api/g_variants',
        beaconBody({
          assemblyId: 'GRCh37',
          referenceName: '20',
          start: [1000099],
          referenceBases: 'A',
          alternateBases: 'N'.repeat(45_000),
        }),
      );
      expect(r.status).toBe(400);
      expectBeaconError(r.body, 400, 'ALLELE_TOO_LONG');
    });

    it('answers an allele of exactly the maximum length', async () => {
      const r = await graphql({
        query: SEQUENCE,
        variables: {
          q: seq(1_000_099, { referenceBases: 'N'.repeat(10_000), alternateBases: 'N'.repeat(10_000) }),
        },
      });
      expect(r.body).toEqual({ data: { beacon: { exists: false } } });
    });

    it('still lets N match any one base, and never a symbolic allele', async () => {
      const base = await graphql({
        query: SEQUENCE,
        variables: { q: seq(1_000_099, { referenceBases: 'N', alternateBases: 'N' }) },
      });
      expect(base.body).toEqual({ data: { beacon: { exists: true } } });
      const symbolic = await graphql({
        query: SEQUENCE,
        variables: { q: seq(1_004_999, { referenceBases: 'N', alternateBases: 'NNNNN' }) },
      });
      expect(symbolic.body).toEqual({ data: { beacon: { exists: false } } });
    });
  });

  describe('GraphQL batches', () => {
    it('refuses a batch of 1,000 operations with BATCH_NOT_SUPPORTED, whatever its size', async () => {
      const op = { query: SEQUENCE, variables: { q: seq(1_000_099) } };
      const huge = await graphql(Array.from({ length: 1000 }, () => op));
      expect([huge.status, codeOf(huge.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const small = await graphql(Array.from({ length: 1000 }, () => ({ query: '{ __typename }' })));
      expect(small.status).toBe(400);
      expect(codeOf(small.body)).toBe('BATCH_NOT_SUPPORTED');
      expect(small.body.errors![0].message).toContain('one operation per request');
    });
  });
});

describe('the body size limit follows HELIXGATE_MAX_BODY_BYTES on both faces', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_MAX_BODY_BYTES: '4096' }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses 8 KiB with 413 and accepts 2 KiB', async () => {
    const send = (path: string, n: number) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }', meta: {}, padding: 'x'.repeat(n) }),
      });
    const [g8, r8, g2] = await Promise.all([
      send('/graphql', 8192),
      send('/api/info', 8192),
      send('/graphql', 2048),
    ]);
    expect([g8.status, r8.status, g2.status]).toEqual([413, 413, 200]);
    const body = (await g8.json()) as GraphQLBody;
    expect(body.errors![0].message).toContain('4096 bytes');
  });
});
