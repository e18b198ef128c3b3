import type { INestApplication } from '@nestjs/common';
import { IssuerRegistry, NodeKeyService } from '@helixgate/identity';
import { PolicyFileError } from '@helixgate/common';
import { base64url } from 'jose';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig } from '../support/test-config';
import {
  at,
  makeKey,
  signJwt,
  startJwksServer,
  visaJwt,
  writePolicies,
  type TestKey,
} from './identity-fixtures';

const NODE = 'https://node.passport.test';
const BROKER = 'https://broker.passport.test';
const VISAS = 'https://visas.passport.test';
const STRANGER = 'https://stranger.passport.test';
const BONA_FIDE = 'https://bonafide.passport.test';
const DAC = 'https://dac.passport.test';
const SUB = 'alice@broker';
const UNREACHABLE = 'https://unreachable.passport.test';

describe('GA4GH passports and visas against the real gateway', () => {
  let app: INestApplication;
  let base: string;
  let broker: TestKey;
  let visaKey: TestKey;
  let jkuKey: TestKey;
  let strangerKey: TestKey;
  let jwksServer: Awaited<ReturnType<typeof startJwksServer>>;

  beforeAll(async () => {
    [broker, visaKey, jkuKey, strangerKey] = await Promise.all([
      makeKey('ES256', 'broker-1'),
      makeKey('RS256', 'visas-1'),
      makeKey('ES256', 'visas-jku-1'),
      makeKey('ES256', 'stranger-1'),
    ]);
    jwksServer = await startJwksServer({
      '/visas/jwks': { keys: [jkuKey.publicJwk] },
      '/other': { keys: [jkuKey.publicJwk] },
    });
    const policies = writePolicies(`issuers:
  - issuer: ${BROKER}
    jwks: { keys: [${JSON.stringify(broker.publicJwk)}] }
    visas: { trusted_sources: ['${BROKER}/so'] }
  - issuer: ${VISAS}
    tokens: false
    jwks: { keys: [${JSON.stringify(visaKey.publicJwk)}] }
    allowed_jku: ['${jwksServer.url('/visas/jwks')}']
    visas: { trusted_sources: ['${BONA_FIDE}', '${DAC}/*'] }
  - issuer: ${UNREACHABLE}
    tokens: false
    jwks_uri: http://127.0.0.1:9/jwks
    visas: { trusted_sources: ['*'] }
`);
    app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: policies, HELIXGATE_ISSUER: NODE }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await jwksServer?.close();
  });

  const visa = (
    v: { type: string; value: string; source?: string; by?: string; conditions?: unknown },
    claims: Record<string, unknown> = {},
    key = visaKey,
    iss = VISAS,
  ) => visaJwt(key, iss, SUB, { source: BONA_FIDE, by: 'so', ...v }, claims);

  const affiliation = () =>
    visa(
      { type: 'AffiliationAndRole', value: 'faculty@uni.test', source: `${BROKER}/so` },
      {},
      broker,
      BROKER,
    );

  /** Values of the visas that stood, for a token carrying `passport`. */
  async function acceptedValues(passport: unknown[]): Promise<string[]> {
    const token = await signJwt(broker, { iss: BROKER, sub: SUB, aud: NODE, ga4gh_passport_v1: passport });
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { visas { type value source by issuer } } }' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { me: { visas: { value: string }[] } } };
    return body.data.me.visas.map((v) => v.value).sort();
  }

  it('accepts a visa from a trusted issuer and source', async () => {
    expect(await acceptedValues([await visa({ type: 'ResearcherStatus', value: 'bona-fide' })])).toEqual([
      'bona-fide',
    ]);
  });

  it('drops a visa whose source is not trusted for its issuer, keeping the others', async () => {
    const values = await acceptedValues([
      await visa({ type: 'ResearcherStatus', value: 'untrusted-source', source: 'https://elsewhere.test' }),
      await visa({ type: 'ControlledAccessGrants', value: 'ds-1', source: `${DAC}/committee-7` }),
    ]);
    expect(values).toEqual(['ds-1']);
  });

  it('drops a visa signed by an issuer not trusted for visas', async () => {
    expect(
      await acceptedValues([
        await visa({ type: 'ResearcherStatus', value: 'stranger' }, {}, strangerKey, STRANGER),
      ]),
    ).toEqual([]);
  });

  it('drops an expired visa and one not yet valid', async () => {
    expect(
      await acceptedValues([
        await visa({ type: 'ResearcherStatus', value: 'expired' }, { exp: at(-3600), iat: at(-7200) }),
        await visa({ type: 'ResearcherStatus', value: 'future' }, { nbf: at(3600) }),
      ]),
    ).toEqual([]);
  });

  it('drops visas with a bad signature, alg none, a jku not allowed or garbage, without failing the request', async () => {
    const good = await visa({ type: 'ResearcherStatus', value: 'forged' });
    const [h, p] = good.split('.');
    const none = `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${p}.`;
    const badJku = await signJwt(
      jkuKey,
      {
        iss: VISAS,
        sub: SUB,
        ga4gh_visa_v1: {
          type: 'ResearcherStatus',
          value: 'bad-jku',
          source: BONA_FIDE,
          by: 'so',
          asserted: at(-60),
        },
      },
      { jku: jwksServer.url('/other') },
    );
    const goodJku = await signJwt(
      jkuKey,
      {
        iss: VISAS,
        sub: SUB,
        ga4gh_visa_v1: {
          type: 'ResearcherStatus',
          value: 'good-jku',
          source: BONA_FIDE,
          by: 'so',
          asserted: at(-60),
        },
      },
      { jku: jwksServer.url('/visas/jwks') },
    );
    expect(await acceptedValues([`${h}.${p}.AAAA`, none, badJku, goodJku, 'not-a-jwt', 42])).toEqual([
      'good-jku',
    ]);
  });

  it('drops visas whose issuer key set cannot be fetched, and still answers', async () => {
    const key = await makeKey('ES256', 'unreachable-1');
    const visas = await Promise.all(
      [1, 2, 3].map((i) => visa({ type: 'ResearcherStatus', value: `u-${i}` }, {}, key, UNREACHABLE)),
    );
    expect(await acceptedValues([...visas, await visa({ type: 'ResearcherStatus', value: 'ok' })])).toEqual([
      'ok',
    ]);
  });

  it('drops a visa about another subject', async () => {
    expect(
      await acceptedValues([
        await visaJwt(visaKey, VISAS, 'mallory@broker', {
          type: 'ResearcherStatus',
          value: 'mallory',
          source: BONA_FIDE,
        }),
      ]),
    ).toEqual([]);
  });

  it('accepts a visa about a linked identity (LinkedIdentities visa of the holder)', async () => {
    const linkedVisa = await visaJwt(visaKey, VISAS, 'a-77', {
      type: 'ResearcherStatus',
      value: 'linked',
      source: BONA_FIDE,
    });
    const link = await visa({
      type: 'LinkedIdentities',
      value: `a-77,${encodeURIComponent(VISAS)}`,
      by: 'system',
    });
    expect(await acceptedValues([linkedVisa])).toEqual([]);
    expect(await acceptedValues([linkedVisa, link])).toEqual(
      [`a-77,${encodeURIComponent(VISAS)}`, 'linked'].sort(),
    );
  });

  it('accepts a conditional visa when its conditions are satisfied (const)', async () => {
    const grant = await visa({
      type: 'ControlledAccessGrants',
      value: 'ds-cond',
      source: `${DAC}/x`,
      conditions: [[{ type: 'AffiliationAndRole', value: 'const:faculty@uni.test', by: 'const:so' }]],
    });
    expect(await acceptedValues([grant, await affiliation()])).toEqual(['ds-cond', 'faculty@uni.test']);
  });

  it('drops a conditional visa when its conditions are not satisfied', async () => {
    const grant = await visa({
      type: 'ControlledAccessGrants',
      value: 'ds-cond',
      source: `${DAC}/x`,
      conditions: [[{ type: 'AffiliationAndRole', value: 'const:student@uni.test' }]],
    });
    expect(await acceptedValues([grant, await affiliation()])).toEqual(['faculty@uni.test']);
    // The condition is only satisfied by a visa that itself stands: an untrusted one does not count.
    const untrustedAffiliation = await visa({
      type: 'AffiliationAndRole',
      value: 'student@uni.test',
      source: 'https://elsewhere.test',
    });
    expect(await acceptedValues([grant, untrustedAffiliation])).toEqual([]);
  });

  it('evaluates pattern: and split_pattern: conditions and DNF alternatives', async () => {
    const byPattern = await visa({
      type: 'ControlledAccessGrants',
      value: 'ds-pattern',
      source: `${DAC}/x`,
      conditions: [[{ type: 'AffiliationAndRole', value: 'pattern:*@uni.test' }]],
    });
    const link = await visa({
      type: 'LinkedIdentities',
      value: `x-1,${encodeURIComponent(BROKER)};y-2,https:%2F%2Fother.test`,
      by: 'system',
    });
    const bySplit = await visa({
      type: 'ControlledAccessGrants',
      value: 'ds-split',
      source: `${DAC}/x`,
      conditions: [
        [{ type: 'ResearcherStatus', by: 'const:dac' }],
        [{ type: 'LinkedIdentities', value: 'split_pattern:y-2,*' }],
      ],
    });
    expect(await acceptedValues([byPattern, bySplit, link, await affiliation()])).toEqual(
      [
        'ds-pattern',
        'ds-split',
        'faculty@uni.test',
        `x-1,${encodeURIComponent(BROKER)};y-2,https:%2F%2Fother.test`,
      ].sort(),
    );
  });

  it('ignores a visa whose conditions are malformed', async () => {
    const malformed = await visa({
      type: 'ControlledAccessGrants',
      value: 'ds-malformed',
      source: `${DAC}/x`,
      conditions: [[{ type: 'AffiliationAndRole', value: 'regex:.*' }]],
    });
    expect(await acceptedValues([malformed, await affiliation()])).toEqual(['faculty@uni.test']);
  });

  it('accepts a visa signed by this node for a source under its issuer URL, not for another source', async () => {
    const keys = app.get(NodeKeyService);
    const ours = (value: string, source: string) =>
      keys.sign(
        { ga4gh_visa_v1: { type: 'ControlledAccessGrants', value, source, by: 'dac', asserted: at(-10) } },
        { subject: SUB, expiresIn: '1h' },
      );
    expect(
      await acceptedValues([
        await ours('ds-node', `${NODE}/dac`),
        await ours('ds-foreign', 'https://someone-else.test'),
      ]),
    ).toEqual(['ds-node']);
  });

  it('refuses a broken trust policy at boot, naming the file and line', () => {
    const policies = writePolicies(
      `issuers:\n  - issuer: https://x.test\n    jwks_uri: https://x.test/j\n    algorithms: [HS256]\n`,
    );
    const config = testConfig({ HELIXGATE_POLICIES_DIR: policies });
    expect(() => new IssuerRegistry(config, new NodeKeyService(config))).toThrow(PolicyFileError);
    expect(() => new IssuerRegistry(config, new NodeKeyService(config))).toThrow(
      /trusted-issuers\.yaml:4: .*HS256 is not allowed/,
    );
  });
});
