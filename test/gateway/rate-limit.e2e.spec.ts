import type { INestApplication } from '@nestjs/common';
import { getIntrospectionQuery } from 'graphql';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { beaconValidator } from '../beacon-rest/support/beacon-schemas';
import { makeActor, type Actor } from '../support/actors';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';
import { exactAnswerPolicies } from '../support/test-policies';

/**
 * Issue 9, rate limiting: anonymous callers shared one allowance (one client locked the public beacon
 * for everyone), a 429 had no Retry-After, and one request of 1,000 `beacon` aliases ran 1,000 resolvers
 * and wrote 1,000 audit events even after the limit was reached.
 */
interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[];
}

const LIMIT = 3;

/** The exact-answer policies with a small rate limit. */
function limitedPolicies(): string {
  const dir = exactAnswerPolicies();
  const file = path.join(dir, 'privacy.yaml');
  fs.writeFileSync(
    file,
    fs
      .readFileSync(file, 'utf8')
      .replace('queries: 0', `queries: ${LIMIT}`)
      .replace('windowSeconds: 60', 'windowSeconds: 3600'),
  );
  return dir;
}

const validator = beaconValidator();

describe('rate limits over HTTP', () => {
  let app: INestApplication;
  let base: string;
  let pub: string;
  let ip = 1;
  /** A client address no other test uses (documentation range 198.51.100.0/24 and beyond). */
  const nextAddress = () => `198.51.${100 + Math.floor(ip / 250)}.${ip++ % 250}`;

  const variables = () => ({
    q: {
      assemblyId: 'GRCh37',
      referenceName: '20',
      start: 1_000_099,
      referenceBases: 'A',
      alternateBases: 'G',
      datasetIds: [pub],
    },
  });
  const ONE = 'query Q($q: BeaconQueryInput!) { beacon(query: $q) { exists } }';
  const aliases = (n: number) =>
    `query Q($q: BeaconQueryInput!) { ${Array.from({ length: n }, (_, i) => `b${i}: beacon(query: $q) { exists }`).join(' ')} }`;

  async function graphql(query: string, headers: Record<string, string> = {}, vars: unknown = variables()) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables: vars }),
    });
    return { res, status: res.status, body: (await res.json()) as GraphQLBody };
  }
  const codeOf = (b: GraphQLBody) => b.errors?.[0]?.extensions.code;
  const from = (address: string, actor?: Actor) => ({
    'x-forwarded-for': address,
    ...(actor ? { authorization: `Bearer ${actor.token}` } : {}),
  });
  async function auditRows(requestId: string | null) {
    return app
      .get(DataSource)
      .query<{ action: string; outcome: string; reason: string | null }[]>(
        'SELECT action, outcome, reason FROM audit_event WHERE request_id = $1 ORDER BY seq',
        [requestId],
      );
  }

  beforeAll(async () => {
    app = await createGateway(
      testConfig({ HELIXGATE_POLICIES_DIR: limitedPolicies(), HELIXGATE_TRUST_PROXY: 'loopback' }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    pub = await createTestDataset(app, uniqueId('rl'));
    await insertTestVariants(app, pub, [{ chrom: '20', pos: 1_000_100, ref: 'A', alt: 'G' }]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('gives each anonymous client address its own allowance: one client cannot lock out the others', async () => {
    const greedy = nextAddress();
    for (let i = 0; i < LIMIT; i++) expect((await graphql(ONE, from(greedy))).body.errors).toBeUndefined();
    expect(codeOf((await graphql(ONE, from(greedy))).body)).toBe('RATE_LIMITED');
    const other = await graphql(ONE, from(nextAddress()));
    expect(other.body).toEqual({ data: { beacon: { exists: true } } });
  });

  it('keeps one allowance per signed-in principal, whatever address it comes from', async () => {
    const researcher = await makeActor(app, ['researcher']);
    for (let i = 0; i < LIMIT; i++)
      expect((await graphql(ONE, from(nextAddress(), researcher))).body.errors).toBeUndefined();
    expect(codeOf((await graphql(ONE, from(nextAddress(), researcher))).body)).toBe('RATE_LIMITED');
  });

  it('answers the refused GraphQL request with HTTP 429 and Retry-After', async () => {
    const client = nextAddress();
    for (let i = 0; i < LIMIT; i++) await graphql(ONE, from(client));
    const r = await graphql(ONE, from(client));
    expect(r.status).toBe(429);
    expect(codeOf(r.body)).toBe('RATE_LIMITED');
    const wait = Number(r.res.headers.get('retry-after'));
    // A sliding window: the wait can reach into the window after next (at most two windows).
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 2 * 3600).toBe(true);
    expect(r.body.errors![0].extensions.retryAfterSeconds).toBe(wait);
  });

  it('answers the refused REST request with HTTP 429, Retry-After and a valid Beacon error', async () => {
    const client = nextAddress();
    const get = () =>
      fetch(
        `${base}/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G`,
        { headers: from(client) },
      );
    for (let i = 0; i < LIMIT; i++) expect((await get()).status).toBe(200);
    const res = await get();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as { error: { errorCode: number }; info: { code: string } };
    expect(validator.validate('beaconErrorResponse', body)).toEqual([]);
    expect([body.error.errorCode, body.info.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('refuses 1,000 beacon aliases before any resolver runs, with one audit event', async () => {
    const query = aliases(1000);
    expect(query.length).toBeLessThan(40 * 1024); // the reviewer's request was 31 KB
    const r = await graphql(query, from(nextAddress()));
    expect(r.status).toBe(400);
    expect(codeOf(r.body)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors![0].message).toContain('1000 root fields');
    expect(r.body.data).toBeUndefined();
    expect(await auditRows(r.res.headers.get('x-request-id'))).toEqual([
      { action: 'graphql:query', outcome: 'error', reason: 'QUERY_TOO_COMPLEX' },
    ]);
  });

  it('charges all beacon fields of an operation at once, and refuses it whole when they do not fit', async () => {
    const client = nextAddress();
    const over = await graphql(aliases(LIMIT + 1), from(client));
    expect(over.status).toBe(429);
    expect(over.body.data).toBeUndefined();
    // Refused before any resolver ran: one event for the request, not one per alias.
    expect(await auditRows(over.res.headers.get('x-request-id'))).toEqual([
      { action: 'graphql:query', outcome: 'deny', reason: 'RATE_LIMITED' },
    ]);
    // The refusal cost nothing: the whole allowance is still there, and is used up by one request.
    const fits = await graphql(aliases(LIMIT), from(client));
    expect(fits.body.errors).toBeUndefined();
    expect(Object.keys(fits.body.data!)).toHaveLength(LIMIT);
    expect((await graphql(ONE, from(client))).status).toBe(429);
  });

  it('refuses an operation whose cost is over HELIXGATE_GRAPHQL_MAX_COST, before it runs', async () => {
    const fields = Array.from({ length: 1500 }, (_, i) => `f${i}: id`).join(' ');
    const r = await graphql(`{ datasets { ${fields} } }`, from(nextAddress()), {});
    expect(r.status).toBe(400);
    expect(codeOf(r.body)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors![0].message).toMatch(/cost/);
  });

  it('costs a repeated document once, but again for every request when @include reads a variable', async () => {
    // The gateway remembers a document's cost (Apollo hands every request with the same text the same
    // parsed document); a cost that depends on the variables must not be remembered.
    const fields = Array.from({ length: 1500 }, (_, i) => `f${i}: id`).join(' ');
    const flagged = `query ($big: Boolean!) { datasets { id ... @include(if: $big) { ${fields} } } }`;
    const statuses: number[] = [];
    for (const big of [false, true, false, true]) {
      const r = await graphql(flagged, from(nextAddress()), { big });
      statuses.push(r.status);
      if (big) expect(codeOf(r.body)).toBe('QUERY_TOO_COMPLEX');
      else expect(r.body.errors).toBeUndefined();
    }
    expect(statuses).toEqual([200, 400, 200, 400]);
    // A costly document without such directives is refused every time it is sent, not only the first.
    const costly = `{ datasets { ${fields} } }`;
    for (let i = 0; i < 2; i++) expect((await graphql(costly, from(nextAddress()), {})).status).toBe(400);
  });

  it('charges nothing for a known document whose variables do not coerce (execution refuses them unrun)', async () => {
    const client = nextAddress();
    expect((await graphql(ONE, from(client))).body.errors).toBeUndefined(); // ONE's cost is now known
    for (let i = 0; i < LIMIT + 2; i++) {
      const bad = await graphql(ONE, from(client), { q: { assemblyId: 'GRCh37', start: 'not a number' } });
      expect(bad.status).toBe(400);
      expect(codeOf(bad.body)).toBe('BAD_USER_INPUT');
    }
    // The refused requests took nothing of the allowance: LIMIT - 1 answers remain.
    for (let i = 1; i < LIMIT; i++) expect((await graphql(ONE, from(client))).body.errors).toBeUndefined();
    expect((await graphql(ONE, from(client))).status).toBe(429);
  });

  it('refuses an operation nested 1,500 levels deep with QUERY_TOO_COMPLEX (the cost estimate overflowed: 500)', async () => {
    const n = 1500;
    const r = await graphql(
      `{ __schema { types { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } } }`,
      from(nextAddress()),
      {},
    );
    expect(r.status).toBe(400);
    expect(codeOf(r.body)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors![0].message).toContain('20 levels deep');
  });

  it('still answers the standard introspection query', async () => {
    const r = await graphql(getIntrospectionQuery(), from(nextAddress()), {});
    expect(r.body.errors).toBeUndefined();
  });
});

describe('X-Forwarded-For is ignored unless HELIXGATE_TRUST_PROXY names the proxy', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: limitedPolicies() }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('does not let a client pick a fresh allowance by forging X-Forwarded-For', async () => {
    const ask = (address: string) =>
      fetch(
        `${base}/api/g_variants?assemblyId=GRCh37&referenceName=20&start=1000099&referenceBases=A&alternateBases=G`,
        {
          headers: { 'x-forwarded-for': address },
        },
      );
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await ask(`203.0.113.${i + 1}`)).status);
    // No dataset here: the first answers are 404 (no dataset visible), then the limit applies.
    expect(statuses.slice(0, LIMIT).every((s) => s !== 429)).toBe(true);
    expect(statuses[LIMIT]).toBe(429);
  });
});
