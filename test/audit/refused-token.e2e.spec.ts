import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { beaconValidator } from '../beacon-rest/support/beacon-schemas';
import { testConfig } from '../support/test-config';

/**
 * A refused bearer token is refused by the authentication guard, so each face answers in its own shape
 * from the one error table (issue 11): a Beacon v2 `beaconErrorResponse` on every Beacon route (even
 * /api/info), a GraphQL error on /graphql, `{ error }` on other routes — always 401 with the challenge,
 * and always audited once, without anything of the token.
 */
describe('a request refused for its token', () => {
  let app: INestApplication;
  let base: string;
  const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.';
  const validator = beaconValidator();

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app.close());

  async function send(path: string, method: string) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${forged}`, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ query: '{ datasets { id } }' }) : undefined,
    });
    return { res, body: (await res.json()) as Record<string, unknown> };
  }

  const eventsOf = (requestId: string | null) =>
    app
      .get(DataSource)
      .query<{ actor: string; action: string; outcome: string; reason: string }[]>(
        'SELECT actor, action, outcome, reason, detail FROM audit_event WHERE request_id = $1',
        [requestId],
      );

  it.each([
    ['/graphql', 'POST', 'graphql:query'],
    ['/api/info', 'GET', 'rest:GET /api/info'],
    ['/api/g_variants', 'GET', 'rest:GET /api/g_variants'],
    ['/me', 'GET', 'rest:GET /me'],
  ])(
    'records one deny event for a forged token on %s, without any of the token',
    async (path, method, action) => {
      const { res } = await send(path, method);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      const events = await eventsOf(res.headers.get('x-request-id'));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: 'anonymous',
        action,
        outcome: 'deny',
        reason: 'INVALID_TOKEN',
      });
      expect(JSON.stringify(events)).not.toContain('mallory');
      expect(JSON.stringify(events)).not.toContain(forged.slice(0, 20));
    },
  );

  it.each(['/api/info', '/api', '/api/g_variants?assemblyId=GRCh38', '/api/datasets'])(
    'answers a Beacon v2 error response on %s',
    async (path) => {
      const { res, body } = await send(path, 'GET');
      expect(res.status).toBe(401);
      expect(validator.validate('beaconErrorResponse', body).map((e) => e.message)).toEqual([]);
      expect(body).toMatchObject({
        error: { errorCode: 401 },
        info: { code: 'INVALID_TOKEN', requestId: res.headers.get('x-request-id') },
      });
    },
  );

  it('answers a GraphQL error on /graphql, and runs no resolver', async () => {
    const { res, body } = await send('/graphql', 'POST');
    expect(res.status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'INVALID_TOKEN',
          correlationId: res.headers.get('x-request-id'),
        }) as unknown,
      }),
    ]);
  });

  it('answers { error } on a route outside the Beacon API and GraphQL', async () => {
    const { res, body } = await send('/me', 'GET');
    expect(res.status).toBe(401);
    expect(body).toEqual({
      error: expect.objectContaining({
        code: 'INVALID_TOKEN',
        correlationId: res.headers.get('x-request-id'),
      }) as unknown,
    });
  });
});
