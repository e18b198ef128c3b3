import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig } from '../support/test-config';
import { at, makeKey, signJwt, visaJwt, writePolicies } from './identity-fixtures';

const NODE = 'https://node.logs.test';
const IDP = 'https://idp.logs.test';

describe('identity logs carry no token material', () => {
  let app: INestApplication;
  let base: string;
  const written: string[] = [];
  let spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    // The gateway's pino logger writes to process.stdout: capture it.
    spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }),
    ];
    const key = await makeKey('ES256', 'logs-1');
    policyKey = key;
    const policies = writePolicies(
      `issuers:\n  - issuer: ${IDP}\n    jwks: { keys: [${JSON.stringify(key.publicJwk)}] }\n    visas: { trusted_sources: ['https://ok.logs.test'] }\n`,
    );
    app = await createGateway(
      testConfig({ HELIXGATE_POLICIES_DIR: policies, HELIXGATE_ISSUER: NODE, LOG_LEVEL: 'info' }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    spies.forEach((s) => s.mockRestore());
  });
  let policyKey: Awaited<ReturnType<typeof makeKey>>;

  it('logs refusals and dropped visas by reason, never the token, visa or signature', async () => {
    const droppedVisa = await visaJwt(policyKey, IDP, 'alice', {
      type: 'ResearcherStatus',
      value: 'v',
      source: 'https://untrusted.logs.test',
    });
    const good = await signJwt(policyKey, {
      iss: IDP,
      sub: 'alice',
      aud: NODE,
      ga4gh_passport_v1: [droppedVisa],
    });
    const expired = await signJwt(policyKey, {
      iss: IDP,
      sub: 'alice',
      aud: NODE,
      exp: at(-3600),
      iat: at(-7200),
    });
    expect((await fetch(`${base}/me`, { headers: { authorization: `Bearer ${good}` } })).status).toBe(200);
    expect((await fetch(`${base}/me`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    const log = written.join('');
    expect(log).toContain('bearer token refused');
    expect(log).toContain('visa dropped');
    for (const jwt of [good, expired, droppedVisa]) {
      for (const part of jwt.split('.')) expect(log).not.toContain(part);
    }
  });
});
