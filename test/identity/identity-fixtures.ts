import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  type JWSHeaderParameters,
} from 'jose';

/** A test issuer's signing key and its public JWK. */
export interface TestKey {
  alg: 'ES256' | 'RS256' | 'EdDSA';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKey(alg: TestKey['alg'], kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicJwk };
}

const now = () => Math.floor(Date.now() / 1000);

/** Signs a JWT with `key`; claims default to a token valid for 10 minutes, fields can be overridden. */
export async function signJwt(
  key: TestKey,
  claims: JWTPayload,
  header: Partial<JWSHeaderParameters> = {},
): Promise<string> {
  return new SignJWT({ iat: now(), exp: now() + 600, jti: `t-${Math.random()}`, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

/** Seconds from now. */
export const at = (offsetSeconds: number) => now() + offsetSeconds;

/** A tiny JWKS server on loopback: path -> key set. */
export async function startJwksServer(
  sets: Record<string, { keys: JWK[] }>,
): Promise<{ url: (p: string) => string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    const set = sets[req.url ?? ''];
    if (!set) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(set));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** A copy of the repository's policies dir whose `trusted-issuers.yaml` is the given text. */
export function writePolicies(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
  fs.cpSync(path.join(__dirname, '../../policies'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'trusted-issuers.yaml'), yaml);
  return dir;
}

/** A GA4GH visa JWT. */
export function visaJwt(
  key: TestKey,
  iss: string,
  sub: string,
  visa: { type: string; value: string; source: string; by?: string; conditions?: unknown; asserted?: number },
  claims: JWTPayload = {},
): Promise<string> {
  return signJwt(key, {
    iss,
    sub,
    ga4gh_visa_v1: { asserted: at(-86400), ...visa },
    ...claims,
  });
}
