import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { registerUserCommands } from '../../apps/cli/src/commands/users.command';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { CookieJar, postJson } from '../support/browser-session';
import { runCli } from '../support/cli';
import { testConfig, uniqueId } from '../support/test-config';

/** Runs `helixgate users …` with `input` on standard input. */
async function withStdin<T>(input: string, fn: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { value: Readable.from([input]), configurable: true });
  try {
    return await fn();
  } finally {
    Object.defineProperty(process, 'stdin', saved);
  }
}

describe('helixgate users: console passwords and invitations', () => {
  let app: INestApplication;
  let base: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const env = {
      HELIXGATE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-cli-')),
      HELIXGATE_ISSUER: 'https://node.console.test',
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    };
    Object.assign(process.env, env);
    app = await createGateway(testConfig(env));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    process.env = saved;
  });

  const login = (username: string, password: string) =>
    postJson(new CookieJar(), base, '/auth/login', { username, password }).then((r) => r.status);

  it('users add prints a one-time invitation link that lets the user set a password in the console', async () => {
    const username = uniqueId('sam');
    const out = await runCli(
      [registerUserCommands],
      'users',
      'add',
      '--username',
      username,
      '--role',
      'steward',
      '--name',
      'Sam Steward',
    );
    const link = /(https:\/\/node\.console\.test\/console\/invitation#([A-Za-z0-9_-]{43}))/.exec(out);
    expect(link).not.toBeNull();
    const jar = new CookieJar();
    const res = await postJson(jar, base, '/auth/invitation', {
      token: link![2],
      password: 'a long steward passphrase',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { name: string } }).user.name).toBe('Sam Steward');
    expect(await login(username, 'a long steward passphrase')).toBe(200);
  });

  it('users passwd --password-stdin sets the password; a weak one is refused and changes nothing', async () => {
    const username = uniqueId('carla');
    await runCli(
      [registerUserCommands],
      'users',
      'add',
      '--username',
      username,
      '--role',
      'compliance',
      '--no-invitation',
    );
    await expect(
      withStdin('short\n', () =>
        runCli([registerUserCommands], 'users', 'passwd', '--username', username, '--password-stdin'),
      ),
    ).rejects.toThrow(/at least 12 characters/);
    expect(await login(username, 'short')).toBe(401);
    const out = await withStdin('compliance officer passphrase\n', () =>
      runCli([registerUserCommands], 'users', 'passwd', '--username', username, '--password-stdin'),
    );
    expect(out).toContain(`password set for ${username}`);
    expect(await login(username, 'compliance officer passphrase')).toBe(200);
  });

  it('users invite replaces an earlier invitation (the old link stops working)', async () => {
    const username = uniqueId('olga');
    const first = await runCli(
      [registerUserCommands],
      'users',
      'add',
      '--username',
      username,
      '--role',
      'admin',
    );
    const second = await runCli([registerUserCommands], 'users', 'invite', '--username', username);
    const token = (s: string) => /invitation#([A-Za-z0-9_-]{43})/.exec(s)![1];
    const old = await postJson(new CookieJar(), base, '/auth/invitation', {
      token: token(first),
      password: 'an admin passphrase',
    });
    expect(old.status).toBe(404);
    const now = await postJson(new CookieJar(), base, '/auth/invitation', {
      token: token(second),
      password: 'an admin passphrase',
    });
    expect(now.status).toBe(200);
  });
});
