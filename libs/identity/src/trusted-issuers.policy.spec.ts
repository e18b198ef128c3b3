import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PolicyFileError } from '@helixgate/common';
import { loadTrustedIssuers } from './trusted-issuers.policy';

function policyFile(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hg-policy-')), 'trusted-issuers.yaml');
  fs.writeFileSync(file, text);
  return file;
}

function problem(text: string): PolicyFileError {
  const file = policyFile(text);
  try {
    loadTrustedIssuers(file, 'https://node.test');
  } catch (err) {
    if (err instanceof PolicyFileError) return err;
    throw err;
  }
  throw new Error('expected a PolicyFileError');
}

describe('trusted issuers policy file', () => {
  it('loads the shipped policy file', () => {
    const policy = loadTrustedIssuers(path.join(__dirname, '../../../policies/trusted-issuers.yaml'), 'aud');
    expect(policy.issuers).toEqual([]);
  });

  it('reads an issuer with defaults applied', () => {
    const policy = loadTrustedIssuers(
      policyFile(`issuers:\n  - issuer: https://idp.test\n    jwks_uri: https://idp.test/jwks\n`),
      'https://node.test',
    );
    expect(policy.issuers[0]).toMatchObject({
      issuer: 'https://idp.test',
      acceptTokens: true,
      audiences: ['https://node.test'],
      algorithms: ['ES256', 'RS256', 'EdDSA'],
      allowedJku: [],
      visaSources: [],
      signIn: null,
      rolesClaim: null,
    });
  });

  it('names the file and line of a YAML error', () => {
    const err = problem(
      `issuers:\n  - issuer: https://idp.test\n    jwks_uri: https://idp.test/j\n    issuer: https://x.test\n`,
    );
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/trusted-issuers\.yaml:\d+:/);
  });

  it('refuses HS256 and names its line', () => {
    const err = problem(
      `issuers:\n  - issuer: https://idp.test\n    jwks_uri: https://idp.test/jwks\n    algorithms:\n      - ES256\n      - HS256\n`,
    );
    expect(err.line).toBe(6);
    expect(err.message).toContain('HS256 is not allowed');
  });

  it('refuses an unknown key, a role that does not exist and private key material, each at its line', () => {
    expect(
      problem(`issuers:\n  - issuer: https://idp.test\n    jwks_uri: https://idp.test/j\n    audiance: x\n`)
        .line,
    ).toBe(4);
    expect(
      problem(
        `issuers:\n  - issuer: https://i.test\n    jwks_uri: https://i.test/j\n    roles:\n      claim: g\n      map: { a: root }\n`,
      ).message,
    ).toContain('root is not one of');
    expect(
      problem(
        `issuers:\n  - issuer: https://i.test\n    jwks:\n      keys:\n        - { kty: oct, k: c2VjcmV0 }\n`,
      ).line,
    ).toBe(5);
  });

  it('reads an inline public key set as given and refuses a key without kty, naming its line', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', kid: 'k1' };
    const policy = loadTrustedIssuers(
      policyFile(
        `issuers:\n  - issuer: https://i.test\n    jwks:\n      keys:\n        - ${JSON.stringify(jwk)}\n`,
      ),
      'https://node.test',
    );
    expect(policy.issuers[0].jwks).toEqual({ keys: [jwk] });
    const noKty = problem(
      `issuers:\n  - issuer: https://i.test\n    jwks:\n      keys:\n        - { crv: P-256, x: abc }\n`,
    );
    expect({ line: noKty.line, message: noKty.message }).toEqual({
      line: 5,
      message: expect.stringMatching(/a JWK needs kty$/),
    });
  });

  it('refuses an issuer without any key source and a duplicate issuer', () => {
    expect(problem(`issuers:\n  - issuer: https://i.test\n`).message).toContain(
      'needs jwks, jwks_uri or allowed_jku',
    );
    expect(
      problem(
        `issuers:\n  - issuer: https://i.test\n    jwks_uri: https://i.test/j\n  - issuer: https://i.test\n    jwks_uri: https://i.test/k\n`,
      ).line,
    ).toBe(4);
  });
});
