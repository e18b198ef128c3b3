import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledPoliciesDir } from '@helixgate/config';

export interface TestOidcProvider {
  issuer: string;
  stop: () => Promise<void>;
}

/** Starts test/support/oidc-test-provider.mjs (a real `oidc-provider`) and waits for its issuer URL. */
export async function startOidcProvider(redirectUris: string[]): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-test-provider.mjs')], {
    env: { ...process.env, OIDC_REDIRECT_URIS: redirectUris.join(','), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
    child.stderr!.on('data', (d: Buffer) => (err += String(d)));
    child.on('exit', (code) => reject(new Error(`oidc provider exited (${code}): ${err}`)));
    setTimeout(() => reject(new Error(`oidc provider did not start: ${err}`)), 20_000).unref();
  });
  return {
    issuer,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A free loopback port (for a gateway whose callback URL must be registered before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A copy of the shipped policies whose trusted-issuers.yaml offers sign-in with the test provider. */
export function policiesWithProvider(issuer: string, id = 'uni-y'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
  fs.cpSync(bundledPoliciesDir(), dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'trusted-issuers.yaml'),
    [
      'issuers:',
      `  - issuer: ${issuer}`,
      `    jwks_uri: ${issuer}/jwks`,
      '    audience: helixgate-console',
      '    roles: { claim: groups, map: { helixgate-stewards: steward, lab-members: researcher } }',
      '    institution_claim: affiliation',
      '    sign_in:',
      `      id: ${id}`,
      '      name: University Y',
      '      client_id: helixgate-console',
      '',
    ].join('\n'),
  );
  return dir;
}
