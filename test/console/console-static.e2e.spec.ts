import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig } from '../support/test-config';

/** A stand-in console build: the gateway's serving is tested without building the front end. */
function fakeConsoleBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Helixgate Console</title>');
  fs.writeFileSync(path.join(dir, 'graphiql.html'), '<!doctype html><title>GraphiQL</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Bx3kQ9aZ.js'), 'console.log(1)');
  return dir;
}

async function start(overrides: Record<string, string>): Promise<[INestApplication, string]> {
  const app = await createGateway(testConfig(overrides));
  await app.listen(0, '127.0.0.1');
  return [app, (await app.getUrl()).replace('[::1]', '127.0.0.1')];
}

describe('the gateway serves the console at /console', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    [app, base] = await start({ HELIXGATE_CONSOLE_DIR: fakeConsoleBuild() });
  });
  afterAll(() => app?.close());

  it('serves index.html uncached, with a strict CSP', async () => {
    const res = await fetch(`${base}/console/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Helixgate Console');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('caches hashed assets for a year, immutable', async () => {
    const res = await fetch(`${base}/console/assets/index-Bx3kQ9aZ.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers client-side routes with the app shell, and a missing asset with 404', async () => {
    const route = await fetch(`${base}/console/requests/123`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Helixgate Console');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/console/assets/missing-AAAAAAAA.js`)).status).toBe(404);
  });

  it('redirects /console to /console/', async () => {
    const res = await fetch(`${base}/console`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/console/');
  });

  it('serves static files even with a bad session cookie (they hold no data)', async () => {
    const res = await fetch(`${base}/console/`, { headers: { cookie: 'hg_session=garbage' } });
    expect(res.status).toBe(200);
  });

  it('does not serve GraphiQL unless HELIXGATE_GRAPHQL_PLAYGROUND is on', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toContain('GraphiQL');
  });
});

describe('GraphiQL at /graphql when HELIXGATE_GRAPHQL_PLAYGROUND=true', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    [app, base] = await start({
      HELIXGATE_CONSOLE_DIR: fakeConsoleBuild(),
      HELIXGATE_GRAPHQL_PLAYGROUND: 'true',
    });
  });
  afterAll(() => app?.close());

  it('serves the bundled page to a browser, with the CSP', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('GraphiQL');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('still answers GraphQL over GET and POST', async () => {
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ duoTerms { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(((await get.json()) as { data: { duoTerms: unknown[] } }).data.duoTerms.length).toBeGreaterThan(0);
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ duoTerms { id } }' }),
    });
    expect(post.status).toBe(200);
  });
});

describe('without a console build', () => {
  it('says how to build it', async () => {
    const [app, base] = await start({ HELIXGATE_CONSOLE_DIR: path.join(os.tmpdir(), 'no-such-console') });
    try {
      const res = await fetch(`${base}/console/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run console:build/);
    } finally {
      await app.close();
    }
  });
});
