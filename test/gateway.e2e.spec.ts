import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { testConfig } from './support/test-config';

describe('gateway over HTTP', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports health with the database kind and a request id header', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    const body = (await res.json()) as { status: string; database: { kind: string } };
    expect(body.status).toBe('ok');
  });

  it('serves GA4GH service-info with the Beacon face’s id and API version', async () => {
    type ServiceInfo = { id: string; type: { group: string; artifact: string; version: string } };
    const body = (await (await fetch(`${base}/service-info`)).json()) as ServiceInfo;
    expect(body.type).toEqual({ group: 'org.ga4gh', artifact: 'beacon', version: '2.2.0' });
    const beacon = (await (await fetch(`${base}/api/service-info`)).json()) as ServiceInfo;
    expect(body.id).toBe(beacon.id);
    expect(body.type).toEqual(beacon.type);
  });

  it('answers an unknown dataset with a coded GraphQL error, no stack trace', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dataset(id: "nope") { id } }' }),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions.code).toBe('UNKNOWN_DATASET');
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
    expect(body.errors[0].message).toContain('not found or no access');
  });
});
