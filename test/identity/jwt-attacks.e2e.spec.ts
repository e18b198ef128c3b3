import type { INestApplication } from '@nestjs/common';
import { LocalTokenService, NodeKeyService, UsersService } from '@helixgate/identity';
import { SignJWT, base64url, decodeJwt } from 'jose';
import { createHmac, randomUUID } from 'node:crypto';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig, uniqueId } from '../support/test-config';
import { at, makeKey, signJwt, startJwksServer, writePolicies, type TestKey } from './identity-fixtures';

const NODE = 'https://node.identity.test';
const IDP_A = 'https://idp-a.identity.test';
const IDP_B = 'https://idp-b.identity.test';
const VISA_ONLY = 'https://visas.identity.test';
const IDP_DOWN = 'https://down.identity.test';

describe('bearer tokens against the real gateway (JWT attack suite)', () => {
  let app: INestApplication;
  let base: string;
  let keyA: TestKey;
  let keyAviaJku: TestKey;
  let keyB: TestKey;
  let keyVisaOnly: TestKey;
  let jwksServer: Awaited<ReturnType<typeof startJwksServer>>;

  beforeAll(async () => {
    [keyA, keyAviaJku, keyB, keyVisaOnly] = await Promise.all([
      makeKey('ES256', 'a-1'),
      makeKey('ES256', 'a-jku-1'),
      makeKey('RS256', 'b-1'),
      makeKey('EdDSA', 'v-1'),
    ]);
    jwksServer = await startJwksServer({
      '/b/jwks': { keys: [keyB.publicJwk] },
      '/a/extra-jwks': { keys: [keyAviaJku.publicJwk] },
    });
    const policies = writePolicies(`# test trust policy
issuers:
  - issuer: ${IDP_A}
    jwks:
      keys:
        - ${JSON.stringify(keyA.publicJwk)}
    algorithms: [ES256]
    allowed_jku: ['${jwksServer.url('/a/extra-jwks')}']
    roles:
      claim: groups
      map: { lab-member: researcher, data-office: steward }
    institution_claim: org
  - issuer: ${IDP_B}
    jwks_uri: ${jwksServer.url('/b/jwks')}
    audience: [helixgate-test-audience]
    algorithms: [RS256]
    roles: { claim: roles }
  - issuer: ${IDP_DOWN}
    jwks_uri: http://127.0.0.1:9/jwks
  - issuer: ${VISA_ONLY}
    tokens: false
    jwks: { keys: [${JSON.stringify(keyVisaOnly.publicJwk)}] }
    visas: { trusted_sources: ['https://bonafide.identity.test'] }
`);
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: policies, HELIXGATE_ISSUER: NODE }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await jwksServer?.close();
  });

  const tokenA = (claims: Record<string, unknown> = {}, header = {}) =>
    signJwt(
      keyA,
      { iss: IDP_A, sub: 'alice@idp-a', aud: NODE, groups: ['lab-member'], org: 'Uni X', ...claims },
      header,
    );

  async function me(token?: string, authorization = token === undefined ? undefined : `Bearer ${token}`) {
    const res = await fetch(`${base}/me`, { headers: authorization ? { authorization } : {} });
    const body = (await res.json()) as {
      subject?: string;
      roles?: string[];
      institution?: string | null;
      requestId?: string;
      error?: { code: string; reason?: string; message: string };
    };
    return { status: res.status, body, res };
  }

  async function expectRefused(token: string, code: string, reason: string) {
    const { status, body, res } = await me(token);
    expect({ status, code: body.error?.code, reason: body.error?.reason }).toEqual({
      status: 401,
      code,
      reason,
    });
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    expect(body.error?.message).not.toContain(token.slice(-20));
  }

  it('accepts a valid token and maps roles, institution and the request id', async () => {
    const { status, body, res } = await me(await tokenA());
    expect(status).toBe(200);
    expect(body).toMatchObject({ subject: 'alice@idp-a', roles: ['researcher'], institution: 'Uni X' });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('treats a request without Authorization as anonymous: public routes answer, /me needs a token', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const { status, body } = await me();
    expect({ status, code: body.error?.code, reason: body.error?.reason }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'missing_token',
    });
  });

  it('refuses a bad token even on a public route (never silently anonymous)', async () => {
    for (const route of ['/health', '/service-info', '/.well-known/jwks.json']) {
      const res = await fetch(`${base}${route}`, { headers: { authorization: 'Bearer not.a.jwt' } });
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_TOKEN');
    }
    // No route, nothing served: the authentication guard runs on routes, so a path that is none is 404.
    const none = await fetch(`${base}/no-such-route`, { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(none.status).toBe(404);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const { status, body } = await me(undefined, 'Basic YWxpY2U6c2VjcmV0');
    expect({ status, reason: body.error?.reason }).toEqual({ status: 401, reason: 'malformed' });
  });

  it('refuses a token whose signature does not verify (signed by another key under the same kid)', async () => {
    const forger = await makeKey('ES256', keyA.kid);
    await expectRefused(
      await signJwt(forger, { iss: IDP_A, sub: 'alice@idp-a', aud: NODE }),
      'INVALID_TOKEN',
      'bad_signature',
    );
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [h, , s] = (await tokenA()).split('.');
    const forged = base64url.encode(
      JSON.stringify({ iss: IDP_A, sub: 'admin', aud: NODE, exp: at(600), groups: ['data-office'] }),
    );
    await expectRefused(`${h}.${forged}.${s}`, 'INVALID_TOKEN', 'bad_signature');
  });

  it('refuses alg none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(
      JSON.stringify({ iss: IDP_A, sub: 'alice@idp-a', aud: NODE, exp: at(600) }),
    );
    await expectRefused(`${header}.${payload}.`, 'INVALID_TOKEN', 'alg_not_allowed');
  });

  it('refuses algorithm confusion: HS256 keyed with the issuer public key', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: keyA.kid }));
    const payload = base64url.encode(
      JSON.stringify({ iss: IDP_A, sub: 'alice@idp-a', aud: NODE, exp: at(600), groups: ['data-office'] }),
    );
    const secret = JSON.stringify(keyA.publicJwk);
    const mac = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    await expectRefused(`${header}.${payload}.${mac}`, 'INVALID_TOKEN', 'alg_not_allowed');
  });

  it('refuses an algorithm the issuer is not declared to use (RS256 key under an ES256-only issuer)', async () => {
    const rsa = await makeKey('RS256', keyA.kid);
    await expectRefused(
      await signJwt(rsa, { iss: IDP_A, sub: 'x', aud: NODE }),
      'INVALID_TOKEN',
      'alg_not_allowed',
    );
  });

  it('refuses an expired token', async () => {
    await expectRefused(await tokenA({ exp: at(-120), iat: at(-720) }), 'TOKEN_EXPIRED', 'expired');
  });

  it('tolerates a small clock skew on exp', async () => {
    expect((await me(await tokenA({ exp: at(-5), iat: at(-600) }))).status).toBe(200);
  });

  it('refuses a token that is not yet valid (nbf in the future)', async () => {
    await expectRefused(await tokenA({ nbf: at(300) }), 'INVALID_TOKEN', 'not_yet_valid');
  });

  it('refuses a token issued in the future (iat beyond the skew)', async () => {
    await expectRefused(await tokenA({ iat: at(300), exp: at(900) }), 'INVALID_TOKEN', 'not_yet_valid');
  });

  it('refuses a token from an issuer not in the trust policy', async () => {
    await expectRefused(
      await signJwt(keyA, { iss: 'https://evil.identity.test', sub: 'alice', aud: NODE }),
      'INVALID_TOKEN',
      'untrusted_issuer',
    );
  });

  it('refuses a bearer token from an issuer trusted for visas only', async () => {
    await expectRefused(
      await signJwt(keyVisaOnly, { iss: VISA_ONLY, sub: 'alice', aud: NODE }),
      'INVALID_TOKEN',
      'untrusted_issuer',
    );
  });

  it('refuses a token meant for another audience', async () => {
    await expectRefused(
      await tokenA({ aud: 'https://other-node.identity.test' }),
      'INVALID_TOKEN',
      'wrong_audience',
    );
  });

  it('refuses a token without exp', async () => {
    const t = await new SignJWT({ iss: IDP_A, sub: 'alice', aud: NODE })
      .setProtectedHeader({ alg: 'ES256', kid: keyA.kid })
      .sign(keyA.privateKey);
    await expectRefused(t, 'INVALID_TOKEN', 'missing_claim');
  });

  it('refuses a token that claims to live 100 years (exp - iat over HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS)', async () => {
    await expectRefused(await tokenA({ exp: at(100 * 365 * 86400) }), 'INVALID_TOKEN', 'lifetime_too_long');
  });

  it('refuses a token without iat that expires further ahead than the longest lifetime (exp - now)', async () => {
    await expectRefused(
      await tokenA({ iat: undefined, exp: at(2 * 86400) }),
      'INVALID_TOKEN',
      'lifetime_too_long',
    );
  });

  it('refuses a long-lived token issued long ago, even with little of it left (a stolen old token)', async () => {
    await expectRefused(
      await tokenA({ iat: at(-40 * 86400), exp: at(600) }),
      'INVALID_TOKEN',
      'lifetime_too_long',
    );
  });

  it('accepts a token that lives just under the longest lifetime (24 h by default)', async () => {
    expect((await me(await tokenA({ exp: at(86400 - 60) }))).status).toBe(200);
  });

  it('drops a visa that claims to live 100 years, keeping the token and its other visas', async () => {
    const visa = (value: string, exp: number) =>
      signJwt(keyVisaOnly, {
        iss: VISA_ONLY,
        sub: 'alice@idp-a',
        exp,
        ga4gh_visa_v1: {
          type: 'ResearcherStatus',
          asserted: at(-60),
          value,
          source: 'https://bonafide.identity.test',
          by: 'so',
        },
      });
    const { status, body } = await me(
      await tokenA({
        ga4gh_passport_v1: [await visa('century', at(100 * 365 * 86400)), await visa('hour', at(3600))],
      }),
    );
    expect(status).toBe(200);
    expect((body as { visas?: { value: string }[] }).visas?.map((v) => v.value)).toEqual(['hour']);
  });

  it('refuses a jku that is not listed for the issuer, without fetching it', async () => {
    const before = jwksServer.hits();
    await expectRefused(
      await tokenA({}, { jku: jwksServer.url('/b/jwks') }),
      'INVALID_TOKEN',
      'jku_not_allowed',
    );
    expect(jwksServer.hits()).toBe(before);
  });

  it('accepts a key from a jku that is listed for the issuer', async () => {
    const t = await signJwt(
      keyAviaJku,
      { iss: IDP_A, sub: 'alice@idp-a', aud: NODE, groups: ['lab-member'] },
      { jku: jwksServer.url('/a/extra-jwks') },
    );
    expect((await me(t)).status).toBe(200);
  });

  it('refuses a token naming a kid the issuer does not publish', async () => {
    const stranger = await makeKey('ES256', 'no-such-kid');
    await expectRefused(
      await signJwt(stranger, { iss: IDP_A, sub: 'alice', aud: NODE }),
      'INVALID_TOKEN',
      'unknown_kid',
    );
  });

  it('verifies a second issuer through its JWKS URL served on loopback, with its own audience', async () => {
    const t = await signJwt(keyB, {
      iss: IDP_B,
      sub: 'bob@idp-b',
      aud: 'helixgate-test-audience',
      roles: ['steward', 'root'],
    });
    const { status, body } = await me(t);
    expect(status).toBe(200);
    expect(body).toMatchObject({ subject: 'bob@idp-b', roles: ['steward'], institution: null });
    const wrongAud = await signJwt(keyB, { iss: IDP_B, sub: 'bob@idp-b', aud: NODE });
    await expectRefused(wrongAud, 'INVALID_TOKEN', 'wrong_audience');
  });

  it('refuses an unknown kid at a JWKS URL issuer', async () => {
    const stranger = await makeKey('RS256', 'b-unknown');
    await expectRefused(
      await signJwt(stranger, { iss: IDP_B, sub: 'bob', aud: 'helixgate-test-audience' }),
      'INVALID_TOKEN',
      'unknown_kid',
    );
  });

  it('answers 503, not 401, when an issuer key set cannot be fetched', async () => {
    const key = await makeKey('ES256', 'down-1');
    const { status, body } = await me(await signJwt(key, { iss: IDP_DOWN, sub: 'x', aud: NODE }));
    expect({ status, code: body.error?.code }).toEqual({
      status: 503,
      code: 'IDENTITY_PROVIDER_UNAVAILABLE',
    });
  });

  it('answers GraphQL with a bad token by 401 and a coded GraphQL error', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenA({ exp: at(-3600), iat: at(-7200) })}`,
      },
      body: JSON.stringify({ query: '{ me { subject } }' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: { code: string; reason: string } }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: 'TOKEN_EXPIRED', reason: 'expired' });
  });

  it('serves the node JWKS with public EC keys only', async () => {
    const res = await fetch(`${base}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Record<string, string>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(k.d).toBeUndefined();
    }
  });

  describe('local users and node-signed tokens', () => {
    it('accepts a node token for a local user, with roles and a bona fide visa, over HTTP and GraphQL', async () => {
      const username = uniqueId('alice');
      await app.get(UsersService).add({ username, roles: ['researcher'], institution: 'Uni X' });
      const { token } = await app.get(LocalTokenService).issue(username, { ttl: '1h', bonaFide: true });
      const { status, body } = await me(token);
      expect(status).toBe(200);
      expect(body).toMatchObject({ roles: ['researcher'], institution: 'Uni X' });
      const gql = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { issuer roles visas { type value source } } }' }),
      });
      const data = ((await gql.json()) as { data: { me: { issuer: string; visas: { type: string }[] } } })
        .data;
      expect(data.me.issuer).toBe(NODE);
      expect(data.me.visas.map((v) => v.type).sort()).toEqual([
        'AcceptedTermsAndPolicies',
        'ResearcherStatus',
      ]);
    });

    it("stops a disabled user's tokens at once", async () => {
      const username = uniqueId('carol');
      await app.get(UsersService).add({ username, roles: ['steward'] });
      const { token } = await app.get(LocalTokenService).issue(username, {});
      expect((await me(token)).status).toBe(200);
      await app.get(UsersService).disable(username);
      await expectRefused(token, 'INVALID_TOKEN', 'user_disabled');
    });

    it("gives another issuer's token whose sub is a local user's id none of that user's node-signed visas", async () => {
      const username = uniqueId('dave');
      const user = await app.get(UsersService).add({ username, roles: ['researcher'] });
      const { token } = await app.get(LocalTokenService).issue(username, { ttl: '1h', bonaFide: true });
      const passport = decodeJwt(token).ga4gh_passport_v1 as string[];
      expect(passport).toHaveLength(2);
      // Genuine: the user's own token carries them.
      expect(((await me(token)).body as { visas: unknown[] }).visas).toHaveLength(2);
      // Same sub, another trusted issuer: someone else, whatever the visas say.
      const { status, body } = await me(await tokenA({ sub: user.id, ga4gh_passport_v1: passport }));
      expect(status).toBe(200);
      expect(body).toMatchObject({ subject: user.id });
      expect((body as { visas: unknown[] }).visas).toEqual([]);
    });

    it('never issues a local token this node would refuse (ttl over the longest lifetime)', async () => {
      const username = uniqueId('erin');
      await app.get(UsersService).add({ username, roles: ['researcher'] });
      await expect(app.get(LocalTokenService).issue(username, { ttl: '2d' })).rejects.toThrow('at most 24h');
      const { token } = await app.get(LocalTokenService).issue(username, { ttl: '24h' });
      expect((await me(token)).status).toBe(200);
    });

    it('refuses a node-signed token whose subject is no local user, whatever roles it claims', async () => {
      const token = await app
        .get(NodeKeyService)
        .sign({ roles: ['admin'] }, { audience: NODE, subject: randomUUID(), expiresIn: '5m' });
      await expectRefused(token, 'INVALID_TOKEN', 'unknown_user');
    });
  });
});
