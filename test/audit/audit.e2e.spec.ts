import type { INestApplication } from '@nestjs/common';
import {
  AUDIT_CHECKPOINT_SIGNER,
  AuditService,
  type AuditCheckpointSigner,
  type AuditExportManifest,
} from '@helixgate/audit';
import { LocalTokenService, UsersService } from '@helixgate/identity';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig } from '../support/test-config';
import { callerWith } from './audit-test-app';

interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

/** The real gateway on a random loopback port: one audit event per request, durable before the answer. */
describe('audit trail over HTTP', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;
  let audit: AuditService;
  let complianceToken: string;
  let researcherToken: string;
  const tag = randomBytes(4).toString('hex');

  const gql = async (query: string, requestId: string, token?: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return {
      status: res.status,
      body: (await res.json()) as GqlBody,
      requestId: res.headers.get('x-request-id'),
    };
  };
  const eventsFor = async (requestId: string) =>
    await ds.query<
      {
        seq: string;
        actor: string;
        roles: string[];
        action: string;
        outcome: string;
        reason: string | null;
      }[]
    >(
      // the test names its requests by their client-side id (x-request-id), which the trail keeps apart
      `SELECT seq, actor, roles, action, outcome, reason, request_id FROM audit_event
        WHERE detail->>'clientRequestId' = $1`,
      [requestId],
    );

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    audit = app.get(AuditService);
    const users = app.get(UsersService);
    const tokens = app.get(LocalTokenService);
    await users.add({ username: `officer-${tag}`, roles: ['compliance'], institution: 'Test Institute' });
    await users.add({ username: `researcher-${tag}`, roles: ['researcher'] });
    complianceToken = (await tokens.issue(`officer-${tag}`, { ttl: '15m' })).token;
    researcherToken = (await tokens.issue(`researcher-${tag}`, { ttl: '15m' })).token;
  });
  afterAll(async () => {
    await app.close();
  });

  it('records one event per GraphQL operation, with the request id of the response header', async () => {
    const r = await gql('{ datasets { id } }', `one-${tag}`);
    const events = await eventsFor(`one-${tag}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'anonymous',
      action: 'graphql:query datasets',
      request_id: r.requestId,
    });
  });

  it("names each request itself: a client's x-request-id is kept apart and cannot pose as another request", async () => {
    const first = await gql('{ datasets { id } }', `mine-${tag}`);
    // The server's id, not the client's, is the request id (response header and event).
    expect(first.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first.requestId).not.toBe(`mine-${tag}`);
    // Another client sends the first request's id as its own: it gets a new id; the first request's
    // events stay the first request's alone.
    const impostor = await gql(`{ dataset(id: "nope") { id } }`, first.requestId!, researcherToken);
    expect(impostor.requestId).not.toBe(first.requestId);
    const byServerId = await ds.query<{ action: string; actor: string }[]>(
      'SELECT action, actor FROM audit_event WHERE request_id = $1',
      [first.requestId],
    );
    expect(byServerId).toEqual([{ action: 'graphql:query datasets', actor: 'anonymous' }]);
    const [impostorEvent] = await ds.query<{ request_id: string; detail: Record<string, unknown> }[]>(
      'SELECT request_id, detail FROM audit_event WHERE request_id = $1',
      [impostor.requestId],
    );
    expect(impostorEvent.detail.clientRequestId).toBe(first.requestId);
    // A malformed client id is dropped, not stored.
    const odd = await gql('{ datasets { id } }', `bad id with spaces ${tag}`);
    const [oddEvent] = await ds.query<{ detail: Record<string, unknown> }[]>(
      'SELECT detail FROM audit_event WHERE request_id = $1',
      [odd.requestId],
    );
    expect(oddEvent.detail).not.toHaveProperty('clientRequestId');
    // The compliance search finds a request by either id.
    const found = await gql(
      `{ auditEvents(filter: { clientRequestId: "mine-${tag}" }) { events { requestId action } } }`,
      `search-client-${tag}`,
      complianceToken,
    );
    expect(found.body.data!.auditEvents).toEqual({
      events: [{ requestId: first.requestId, action: 'graphql:query datasets' }],
    });
  });

  it('refuses an export to an administrator and serves it to a compliance officer (policies/roles.yaml)', async () => {
    const adminUser = `admin-${tag}`;
    await app.get(UsersService).add({ username: adminUser, roles: ['admin'] });
    const adminToken = (await app.get(LocalTokenService).issue(adminUser, { ttl: '15m' })).token;
    const exportAs = (token: string) =>
      fetch(`${base}/api/audit/export?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    const refused = await exportAs(adminToken);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const refusedId = refused.headers.get('x-request-id')!;
    expect(
      await ds.query('SELECT action, outcome, reason FROM audit_event WHERE request_id = $1', [refusedId]),
    ).toEqual([{ action: 'rest:GET /api/audit/export', outcome: 'deny', reason: 'FORBIDDEN' }]);
    // The administrator may still read the trail (read is granted to admin).
    const read = await gql('{ auditEvents(first: 1) { endCursor } }', `admin-read-${tag}`, adminToken);
    expect(read.body.errors).toBeUndefined();
    const allowed = await exportAs(complianceToken);
    expect(allowed.status).toBe(200);
    expect((await allowed.text()).split('\n')[0]).toMatch(/^seq,at,actor,/);
  });

  it('records a refusal as deny with the reason code', async () => {
    const r = await gql('{ dataset(id: "nope") { id } }', `deny-${tag}`);
    expect(r.body.errors?.[0].extensions.code).toBe('UNKNOWN_DATASET');
    expect(await eventsFor(`deny-${tag}`)).toEqual([
      expect.objectContaining({
        action: 'graphql:query dataset',
        outcome: 'deny',
        reason: 'UNKNOWN_DATASET',
      }),
    ]);
  });

  it('records REST calls too', async () => {
    const res = await fetch(`${base}/api/audit/export?format=csv`, {
      headers: { 'x-request-id': `rest-${tag}` },
    });
    expect(res.status).toBe(401);
    expect(await eventsFor(`rest-${tag}`)).toEqual([
      expect.objectContaining({
        action: 'rest:GET /api/audit/export',
        outcome: 'deny',
        reason: 'UNAUTHENTICATED',
      }),
    ]);
  });

  it('lets a compliance officer search the trail (and audits the search); refuses others', async () => {
    const q = `{ auditEvents(filter: { action: "graphql:query datasets" }, first: 2) { events { seq actor action outcome hash } endCursor } }`;
    const ok = await gql(q, `search-${tag}`, complianceToken);
    expect(ok.body.errors).toBeUndefined();
    const page = ok.body.data!.auditEvents as { events: { seq: string }[]; endCursor: string | null };
    expect(page.events.length).toBeGreaterThan(0);
    const searched = await eventsFor(`search-${tag}`);
    expect(searched).toEqual([
      expect.objectContaining({ action: 'audit.search', outcome: 'allow', roles: ['compliance'] }),
    ]);

    const researcher = await gql(q, `search-r-${tag}`, researcherToken);
    expect(researcher.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await gql(q, `search-a-${tag}`);
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await eventsFor(`search-r-${tag}`)).toEqual([
      expect.objectContaining({ outcome: 'deny', reason: 'FORBIDDEN' }),
    ]);
  });

  it('serves a signed export over REST to a compliance officer', async () => {
    const res = await fetch(
      `${base}/api/audit/export?format=ndjson&from=${encodeURIComponent(new Date(Date.now() - 600_000).toISOString())}`,
      {
        headers: { authorization: `Bearer ${complianceToken}`, 'x-request-id': `export-${tag}` },
      },
    );
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    const manifest = (await app
      .get<AuditCheckpointSigner>(AUDIT_CHECKPOINT_SIGNER)
      .verify(res.headers.get('x-helixgate-audit-manifest')!)) as AuditExportManifest;
    expect(manifest.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(manifest.rows).toBe(body.toString('utf8').trim().split('\n').length);
    expect(body.toString('utf8')).toContain(`one-${tag}`);
    expect(await eventsFor(`export-${tag}`)).toEqual([
      expect.objectContaining({ action: 'audit.export', outcome: 'allow' }),
    ]);
  });

  it('reports integrity over GraphQL', async () => {
    const [{ min }] = await ds.query<{ min: string }[]>(
      `SELECT min(seq)::text AS min FROM audit_event WHERE detail->>'clientRequestId' LIKE $1`,
      [`%-${tag}`],
    );
    const r = await gql(
      `{ auditIntegrity(fromSeq: "${min}") { ok message firstBadSeq problem eventsChecked } }`,
      `integrity-${tag}`,
      complianceToken,
    );
    expect(r.body.data?.auditIntegrity).toMatchObject({ ok: true, firstBadSeq: null, problem: null });
  });

  it('fails the request with AUDIT_UNAVAILABLE when its event cannot be written', async () => {
    // The table refuses this request's row, as an unwritable table would (scoped so other suites are unaffected).
    const fn = `audit_refuse_test_${tag}`;
    await ds.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit table unwritable (test)'; END $$`);
    await ds.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON audit_event FOR EACH ROW
      WHEN (NEW.detail->>'clientRequestId' = 'unwritable-${tag}') EXECUTE FUNCTION ${fn}()`);
    try {
      const r = await gql('{ datasets { id } }', `unwritable-${tag}`);
      expect(r.body.errors?.[0].extensions.code).toBe('AUDIT_UNAVAILABLE');
      expect(r.body.data?.datasets ?? null).toBeNull();
      const rest = await fetch(`${base}/api/audit/export`, {
        headers: { 'x-request-id': `unwritable-${tag}` },
      });
      expect(rest.status).toBe(503);
      expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('AUDIT_UNAVAILABLE');
    } finally {
      await ds.query(`DROP TRIGGER ${fn} ON audit_event`);
      await ds.query(`DROP FUNCTION ${fn}()`);
    }
    expect(await eventsFor(`unwritable-${tag}`)).toHaveLength(0);
    // and the gateway recovers
    await gql('{ datasets { id } }', `after-${tag}`);
    expect(await eventsFor(`after-${tag}`)).toHaveLength(1);
  });

  it('under load (16 concurrent clients, bounded time) records exactly one event per request and the chain verifies', async () => {
    const clients = 16;
    const until = Date.now() + 2_000;
    let sent = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let n = 0; Date.now() < until; n++) {
          const r = await gql('{ datasets { id } }', `load-${tag}-${c}-${n}`);
          expect(r.status).toBe(200);
          sent += 1;
        }
      }),
    );
    const [{ n, min }] = await ds.query<{ n: number; min: string }[]>(
      `SELECT count(*)::int AS n, min(seq)::text AS min FROM audit_event WHERE detail->>'clientRequestId' LIKE $1`,
      [`load-${tag}-%`],
    );
    expect(sent).toBeGreaterThan(clients);
    expect(n).toBe(sent);
    const report = await audit.verify(callerWith(['compliance']), { from: Number(min) });
    expect(report).toMatchObject({ ok: true });
    expect(report.eventsChecked).toBeGreaterThanOrEqual(sent);
  });
});
