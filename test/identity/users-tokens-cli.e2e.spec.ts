import type { INestApplication } from '@nestjs/common';
import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerSigningKeyCommands } from '../../apps/cli/src/commands/signing-keys.command';
import { registerTokenCommands } from '../../apps/cli/src/commands/tokens.command';
import { registerUserCommands } from '../../apps/cli/src/commands/users.command';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig, uniqueId } from '../support/test-config';

const NODE = 'https://node.cli.test';

/** Runs `helixgate <args>` (users/tokens commands) in this process; returns what it printed on stdout. */
async function helixgate(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerUserCommands(program);
  registerTokenCommands(program);
  registerSigningKeyCommands(program);
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'helixgate', ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out.join('');
}

describe('helixgate users / tokens: a local user gets a token the gateway accepts', () => {
  let app: INestApplication;
  let base: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-'));
    const env = {
      HELIXGATE_DATA_DIR: dataDir,
      HELIXGATE_ISSUER: NODE,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    };
    // The CLI reads its configuration from the environment, like the real binary.
    Object.assign(process.env, env);
    app = await createGateway(testConfig(env));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    process.env = saved;
  });

  const me = async (token: string) => {
    const res = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('adds, lists, issues with --bona-fide, and disables', async () => {
    const username = uniqueId('alice');
    expect(
      await helixgate(
        'users',
        'add',
        '--username',
        username,
        '--role',
        'researcher',
        '--role',
        'steward',
        '--institution',
        'Uni X',
      ),
    ).toContain(`added user ${username} (researcher, steward)`);
    expect(await helixgate('users', 'list')).toMatch(
      new RegExp(`^${username}\\tresearcher,steward\\tUni X\\tactive`, 'm'),
    );

    const token = (
      await helixgate('tokens', 'issue', '--user', username, '--ttl', '1h', '--bona-fide')
    ).trim();
    const { status, body } = await me(token);
    expect(status).toBe(200);
    expect(body).toMatchObject({ issuer: NODE, roles: ['researcher', 'steward'], institution: 'Uni X' });
    expect((body.visas as { type: string }[]).map((v) => v.type).sort()).toEqual([
      'AcceptedTermsAndPolicies',
      'ResearcherStatus',
    ]);

    const plain = (await helixgate('tokens', 'issue', '--user', username)).trim();
    expect((await me(plain)).body.visas).toEqual([]);

    await helixgate('users', 'disable', '--username', username);
    expect(await helixgate('users', 'list')).toMatch(new RegExp(`^${username}\\t.*\\tdisabled `, 'm'));
    expect((await me(token)).body).toMatchObject({
      error: { code: 'INVALID_TOKEN', reason: 'user_disabled' },
    });
  });

  it('refuses a bad role, a duplicate user, a too long ttl and a token for a disabled user', async () => {
    const username = uniqueId('bob');
    await expect(helixgate('users', 'add', '--username', username, '--role', 'root')).rejects.toThrow(
      'role "root"',
    );
    await helixgate('users', 'add', '--username', username, '--role', 'admin');
    await expect(helixgate('users', 'add', '--username', username, '--role', 'admin')).rejects.toThrow(
      'already exists',
    );
    await expect(helixgate('tokens', 'issue', '--user', username, '--ttl', '90d')).rejects.toThrow(
      'at most 24h',
    );
    await helixgate('users', 'disable', '--username', username);
    await expect(helixgate('tokens', 'issue', '--user', username)).rejects.toThrow('disabled');
  });

  it('rotates the signing key under a running gateway: old tokens verify until their key is removed', async () => {
    const username = uniqueId('erin');
    await helixgate('users', 'add', '--username', username, '--role', 'researcher');
    const before = (await helixgate('tokens', 'issue', '--user', username)).trim();
    const oldKid = (await helixgate('signing-keys', 'list')).trim().split('\n').at(-1)!.split('\t')[0];
    const newKid = (await helixgate('signing-keys', 'rotate')).trim().split(' ').at(-1)!;
    const after = (await helixgate('tokens', 'issue', '--user', username)).trim();
    const kidOf = (t: string) =>
      (JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString()) as { kid: string }).kid;
    expect(kidOf(before)).toBe(oldKid);
    expect(kidOf(after)).toBe(newKid);
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect((await me(before)).status).toBe(200);
    expect((await me(after)).status).toBe(200);
    await helixgate('signing-keys', 'remove', '--kid', oldKid);
    expect((await me(before)).body).toMatchObject({
      error: { code: 'INVALID_TOKEN', reason: 'unknown_kid' },
    });
    expect((await me(after)).status).toBe(200);
  });
});
