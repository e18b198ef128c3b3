import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig } from '../support/test-config';

describe('a request refused for its token is audited too', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app.close());

  it.each([
    ['/graphql', 'POST', 'graphql:request'],
    ['/api/info', 'GET', 'rest:GET /api/info'],
  ])(
    'records one deny event for a forged token on %s, without any of the token',
    async (path, method, action) => {
      const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.';
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${forged}`, 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ query: '{ datasets { id } }' }) : undefined,
      });
      expect(res.status).toBe(401);
      const requestId = res.headers.get('x-request-id');
      const events: { actor: string; action: string; outcome: string; reason: string }[] = await app
        .get(DataSource)
        .query('SELECT actor, action, outcome, reason, detail FROM audit_event WHERE request_id = $1', [
          requestId,
        ]);
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
});
