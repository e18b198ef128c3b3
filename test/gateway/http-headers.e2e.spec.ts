import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig } from '../support/test-config';

/** Issue 9, HTTP hygiene: no X-Powered-By, and the usual security headers (helmet) on every answer. */
describe('HTTP security headers', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
  });

  const answers = () => [
    fetch(`${base}/health`),
    fetch(`${base}/api/info`),
    fetch(`${base}/api/no-such-endpoint`),
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    }),
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ not json',
    }),
  ];

  it('never says which framework answers (no X-Powered-By)', async () => {
    for (const res of await Promise.all(answers())) expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('sends the security headers on answers and refusals alike', async () => {
    for (const res of await Promise.all(answers())) {
      const h = res.headers;
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
      // A JSON API loads nothing and may not be framed.
      const csp = (h.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
      expect(csp).toEqual(["default-src 'none'", "frame-ancestors 'none'"]);
    }
  });
});
