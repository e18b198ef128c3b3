import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { CookieJar, cookieGql } from '../support/browser-session';
import {
  freePort,
  policiesWithProvider,
  startOidcProvider,
  type TestOidcProvider,
} from '../support/oidc-provider-process';
import { testConfig } from '../support/test-config';

/**
 * Signs in at the test provider as `login`, following the browser's redirects, and returns the URL the
 * provider finally sends the browser to (the gateway's callback) — without calling it.
 */
async function loginAtProvider(authorizeUrl: string, login: string, stopAt: string): Promise<string> {
  const idp = new CookieJar();
  let url = authorizeUrl;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(stopAt)) return url;
    const u = new URL(url);
    const res = await idp.fetch(u.origin, u.pathname + u.search);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, u).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 300)}`);
    const body = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    const target = new URL(action.replace(/&amp;/g, '&'), u);
    const post = await idp.fetch(target.origin, target.pathname + target.search, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    url = new URL(post.headers.get('location')!, target).href;
  }
  throw new Error('too many redirects at the provider');
}

describe('console sign-in with an institutional OpenID Connect provider (authorization code + PKCE)', () => {
  let app: INestApplication;
  let provider: TestOidcProvider;
  let base: string;
  let callback: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    callback = `${base}/auth/oidc/uni-y/callback`;
    provider = await startOidcProvider([callback]);
    app = await createGateway(
      testConfig({ HELIXGATE_POLICIES_DIR: policiesWithProvider(provider.issuer), PORT: String(port) }),
    );
    await app.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  const start = async (jar: CookieJar, returnTo = '/console/requests') => {
    const res = await jar.fetch(base, `/auth/oidc/uni-y/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(res.status).toBe(302);
    return res.headers.get('location')!;
  };

  it('lists the provider for the sign-in screen', async () => {
    const res = await fetch(`${base}/auth/providers`);
    expect(await res.json()).toEqual({ password: true, oidc: [{ id: 'uni-y', name: 'University Y' }] });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const jar = new CookieJar();
    const location = new URL(await start(jar));
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('redirect_uri')).toBe(callback);
    expect(jar.cookies.get('hg_oidc')!.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/auth/oidc']),
    );
  });

  it('signs a steward in: session cookies set, roles and institution from the provider’s claims', async () => {
    const jar = new CookieJar();
    const back = await loginAtProvider(await start(jar), 'dana.steward', callback);
    const u = new URL(back);
    const res = await jar.fetch(base, u.pathname + u.search);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/requests');
    expect(jar.get('hg_session')).toBeDefined();
    const me = await cookieGql(jar, base, '{ me { subject issuer roles institution } }');
    // The person acts as their institutional identity (iss, sub), as their own bearer tokens would.
    expect(me.body.data?.me).toEqual({
      subject: 'dana.steward',
      issuer: provider.issuer,
      roles: ['STEWARD'],
      institution: 'University Y',
    });
  });

  it('refuses a callback whose state was tampered with, and opens no session', async () => {
    const jar = new CookieJar();
    const back = new URL(await loginAtProvider(await start(jar), 'rob.researcher', callback));
    back.searchParams.set('state', 'forged-state');
    const res = await jar.fetch(base, back.pathname + back.search);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/console\/sign-in\?error=UNAUTHENTICATED/);
    expect(jar.get('hg_session')).toBeUndefined();
  });

  it('refuses a callback arriving in another browser (no flow cookie): a code cannot be planted', async () => {
    const victim = new CookieJar();
    const attacker = new CookieJar();
    const back = new URL(await loginAtProvider(await start(attacker), 'rob.researcher', callback));
    const res = await victim.fetch(base, back.pathname + back.search);
    expect(res.headers.get('location')).toMatch(/error=UNAUTHENTICATED/);
    expect(victim.get('hg_session')).toBeUndefined();
  });

  it('spends a flow once: replaying the callback fails', async () => {
    const jar = new CookieJar();
    const back = new URL(await loginAtProvider(await start(jar), 'rob.researcher', callback));
    const flow = jar.get('hg_oidc')!;
    expect((await jar.fetch(base, back.pathname + back.search)).headers.get('location')).toBe(
      '/console/requests',
    );
    jar.cookies.set('hg_oidc', { value: flow, attributes: ['path=/auth/oidc'] });
    const again = await jar.fetch(base, back.pathname + back.search);
    expect(again.headers.get('location')).toMatch(/error=UNAUTHENTICATED/);
  });

  it('completes a sign-in that another gateway process started (pending flows are in the database)', async () => {
    // A second gateway on the same database, as a second worker or host behind the node's address: the
    // provider's redirect reaches it, not the process that started the sign-in.
    const port2 = await freePort();
    const second = await createGateway(
      testConfig({
        HELIXGATE_POLICIES_DIR: policiesWithProvider(provider.issuer),
        PORT: String(port2),
        HELIXGATE_ISSUER: base, // the node's public address, the same for every process
      }),
    );
    await second.listen(port2, '127.0.0.1');
    try {
      const jar = new CookieJar();
      const back = new URL(await loginAtProvider(await start(jar), 'dana.steward', callback));
      const res = await jar.fetch(`http://127.0.0.1:${port2}`, back.pathname + back.search);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/console/requests');
      expect(jar.get('hg_session')).toBeDefined();
    } finally {
      await second.close();
    }
  });

  it('keeps returnTo inside the console (no open redirect)', async () => {
    const jar = new CookieJar();
    const back = new URL(
      await loginAtProvider(await start(jar, 'https://evil.example/'), 'rob.researcher', callback),
    );
    const res = await jar.fetch(base, back.pathname + back.search);
    expect(res.headers.get('location')).toBe('/console/');
  });
});
