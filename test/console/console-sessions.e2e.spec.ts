import type { INestApplication } from '@nestjs/common';
import { ConsoleSessionEntity, SessionService, UsersService } from '@helixgate/identity';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConsoleSignIn1764660000000 } from '../../migrations/1764660000000-console-sign-in';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, gql } from '../support/actors';
import { CookieJar, cookieGql, postJson } from '../support/browser-session';
import { createTestDataset } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';

const PASSWORD = 'correct horse battery staple';
const SUBMIT = `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id status } }`;

describe('console sessions: password sign-in, session cookie, CSRF, refresh, logout', () => {
  let app: INestApplication;
  let base: string;
  let users: UsersService;

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    users = app.get(UsersService);
  });
  afterAll(() => app?.close());

  const newUser = async (roles = ['researcher']) => {
    const username = uniqueId('user');
    await users.add({ username, roles, institution: 'Uni X', displayName: 'Alice Example' });
    await users.setPassword(username, PASSWORD);
    return username;
  };
  const signIn = async (username: string, password = PASSWORD) => {
    const jar = new CookieJar();
    const res = await postJson(jar, base, '/auth/login', { username, password });
    return { jar, res, body: (await res.json()) as Record<string, never> };
  };

  it('signs in with a password and sets httpOnly, SameSite=Strict cookies holding a node token', async () => {
    const username = await newUser();
    const { jar, res, body } = await signIn(username);
    expect(res.status).toBe(200);
    expect(body.user).toEqual({
      username,
      name: 'Alice Example',
      institution: 'Uni X',
      roles: ['researcher'],
    });
    const session = jar.cookies.get('hg_session')!;
    expect(session.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(session.attributes).not.toContain('secure'); // plain HTTP on loopback
    expect(jar.cookies.get('hg_refresh')!.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/auth']),
    );
    expect(jar.cookies.get('hg_csrf')!.attributes).not.toContain('httponly');
    expect(jar.get('hg_csrf')).toBe(body.csrfToken);
    // The response body never carries the session or refresh token.
    expect(JSON.stringify(body)).not.toContain(session.value);
    const me = await cookieGql(jar, base, '{ me { subject roles institution } }');
    expect(me.body.data?.me).toMatchObject({ roles: ['RESEARCHER'], institution: 'Uni X' });
    // The sign-in request is anonymous: its audit event names the account that signed in, and how.
    const [user] = await app.get(DataSource).query('SELECT id FROM app_user WHERE username = $1', [username]);
    const events: { actor: string; detail: Record<string, unknown> }[] = await app
      .get(DataSource)
      .query(`SELECT actor, detail FROM audit_event WHERE action = 'auth.login' AND detail->>'user' = $1`, [
        user.id,
      ]);
    expect(events).toEqual([
      { actor: 'anonymous', detail: expect.objectContaining({ user: user.id, method: 'password' }) },
    ]);
  });

  it('answers a wrong password and an unknown user alike, and changes nothing', async () => {
    const username = await newUser();
    const wrong = await signIn(username, 'not the password at all');
    const unknown = await signIn(uniqueId('ghost'), PASSWORD);
    for (const r of [wrong, unknown]) {
      expect(r.res.status).toBe(401);
      expect(r.body).toMatchObject({
        error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' },
      });
      expect(r.jar.cookies.size).toBe(0);
    }
  });

  it('refuses a disabled user even with the right password', async () => {
    const username = await newUser();
    await users.disable(username);
    expect((await signIn(username)).res.status).toBe(401);
  });

  it('locks an account after five failed attempts, even for the right password, for a while', async () => {
    const username = await newUser();
    for (let i = 0; i < 5; i++) expect((await signIn(username, `wrong password ${i}!`)).res.status).toBe(401);
    const locked = await signIn(username);
    expect(locked.res.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('refuses a sign-in posted as a form (login CSRF)', async () => {
    const username = await newUser();
    const jar = new CookieJar();
    const res = await jar.fetch(base, '/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${username}&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(res.status).toBe(400);
    expect(jar.cookies.size).toBe(0);
  });

  it('refuses a cookie-authenticated mutation without the CSRF token, and changes nothing', async () => {
    const admin = await makeActor(app, ['admin']);
    const datasetId = uniqueId();
    await createTestDataset(app, datasetId, { securityLevel: 'CONTROLLED' });
    const username = await newUser();
    const { jar } = await signIn(username);
    const input = {
      datasetId,
      projectTitle: 'Cohort study',
      justification: 'We need the variants to replicate a published association.',
      purpose: { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false },
    };
    for (const csrf of [null, 'forged-token-value-forged-token']) {
      const refused = await cookieGql(jar, base, SUBMIT, { input }, { csrf });
      expect(refused.status).toBe(403);
      expect(refused.body.errors?.[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN', reason: 'csrf_token' },
      });
    }
    const steward = await makeActor(app, ['steward']);
    await gql(
      base,
      `mutation { assignSteward(datasetId: "${datasetId}", subject: "${steward.subject}") }`,
      {},
      admin,
    );
    const seen = await gql<{ accessRequests: unknown[] }>(
      base,
      `{ accessRequests(datasetId: "${datasetId}") { id } }`,
      {},
      steward,
    );
    expect(seen.data?.accessRequests).toEqual([]);
    const ok = await cookieGql(jar, base, SUBMIT, { input });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data?.submitAccessRequest).toMatchObject({ status: 'SUBMITTED' });
  });

  it('lets a bearer token win over a session cookie (scripts keep working, no CSRF needed)', async () => {
    const researcher = await makeActor(app, ['researcher']);
    const username = await newUser(['steward']);
    const { jar } = await signIn(username);
    const res = await jar.fetch(base, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${researcher.token}` },
      body: JSON.stringify({ query: '{ me { subject roles } }' }),
    });
    const body = (await res.json()) as { data: { me: { subject: string; roles: string[] } } };
    expect(body.data.me).toEqual({ subject: researcher.subject, roles: ['RESEARCHER'] });
  });

  it('refreshes: a new session token and CSRF token; the old refresh token is spent', async () => {
    const username = await newUser();
    const { jar } = await signIn(username);
    const oldRefresh = jar.get('hg_refresh')!;
    const oldCsrf = jar.get('hg_csrf')!;
    const refreshed = await postJson(jar, base, '/auth/refresh', {}, { 'x-csrf-token': oldCsrf });
    expect(refreshed.status).toBe(200);
    expect(jar.get('hg_refresh')).not.toBe(oldRefresh);
    expect(jar.get('hg_csrf')).not.toBe(oldCsrf);
    // The old CSRF token no longer matches the new session token.
    const stale = await cookieGql(jar, base, SUBMIT, { input: {} }, { csrf: oldCsrf });
    expect(stale.status).toBe(403);
    // Replaying the spent refresh token fails.
    const replay = new CookieJar();
    replay.cookies.set('hg_refresh', { value: oldRefresh, attributes: ['path=/auth'] });
    replay.cookies.set('hg_csrf', { value: 'x'.repeat(32), attributes: ['path=/'] });
    const again = await postJson(replay, base, '/auth/refresh', {}, { 'x-csrf-token': 'x'.repeat(32) });
    expect(again.status).toBe(401);
  });

  it('refuses a refresh without the CSRF header', async () => {
    const { jar } = await signIn(await newUser());
    const res = await postJson(jar, base, '/auth/refresh', {});
    expect(res.status).toBe(403);
  });

  it('answers a stale session token with 401 TOKEN_EXPIRED, never as anonymous', async () => {
    const username = await newUser();
    const { jar } = await signIn(username);
    const sessions = app.get(SessionService);
    const user = await users.getByUsername(username);
    // A token whose lifetime has passed (signed like a real one, with exp in the past).
    const sid = (
      await app.get(DataSource).getRepository(ConsoleSessionEntity).findOneByOrFail({ userId: user.id })
    ).id;
    const expired = await (
      sessions as unknown as { nodeKeys: { sign: (p: object, o: object) => Promise<string> } }
    ).nodeKeys.sign(
      { sid, csrf_h: createHash('sha256').update(jar.get('hg_csrf')!).digest('base64url') },
      {
        audience: (sessions as unknown as { nodeKeys: { audience: string } }).nodeKeys.audience,
        subject: user.id,
        expiresIn: Math.floor(Date.now() / 1000) - 120,
      },
    );
    jar.cookies.set('hg_session', { value: expired, attributes: ['path=/'] });
    const r = await cookieGql(jar, base, '{ me { subject } }');
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('logs out: the session cookie stops working at once, even if kept', async () => {
    const username = await newUser();
    const { jar } = await signIn(username);
    const kept = jar.get('hg_session')!;
    const csrf = jar.get('hg_csrf')!;
    const out = await postJson(jar, base, '/auth/logout', {}, { 'x-csrf-token': csrf });
    expect(out.status).toBe(204);
    expect(jar.get('hg_session')).toBeUndefined();
    const thief = new CookieJar();
    thief.cookies.set('hg_session', { value: kept, attributes: ['path=/'] });
    const r = await cookieGql(thief, base, '{ me { subject } }');
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'session_ended' });
    // Nor as a bearer token (no session check there: it would outlive the sign-out, and skip CSRF).
    const bearer = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${kept}` },
      body: JSON.stringify({ query: '{ me { subject } }' }),
    });
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const body = (await bearer.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: 'INVALID_TOKEN', reason: 'session_token' });
  });

  it('honours a live session token only as the cookie, never as a bearer token', async () => {
    const { jar } = await signIn(await newUser());
    const token = jar.get('hg_session')!;
    expect((await cookieGql(jar, base, '{ me { subject } }')).status).toBe(200);
    for (const path of ['/graphql', '/api/info', '/me']) {
      const res = await fetch(`${base}${path}`, {
        method: path === '/graphql' ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        ...(path === '/graphql' ? { body: JSON.stringify({ query: '{ me { subject } }' }) } : {}),
      });
      expect([path, res.status]).toEqual([path, 401]);
    }
  });

  it('ends a disabled user’s console session at once', async () => {
    const username = await newUser();
    const { jar } = await signIn(username);
    await users.disable(username);
    const r = await cookieGql(jar, base, '{ me { subject } }');
    expect(r.status).toBe(401);
  });

  it('an invitation sets the password once, then is spent', async () => {
    const username = uniqueId('invited');
    await users.add({ username, roles: ['steward'] });
    const { token } = await users.invite(username);
    const jar = new CookieJar();
    const weak = await postJson(jar, base, '/auth/invitation', { token, password: 'short' });
    expect(weak.status).toBe(400);
    const ok = await postJson(jar, base, '/auth/invitation', { token, password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(jar.get('hg_session')).toBeDefined();
    const reuse = await postJson(new CookieJar(), base, '/auth/invitation', {
      token,
      password: `${PASSWORD}!`,
    });
    expect(reuse.status).toBe(404);
    expect((await signIn(username)).res.status).toBe(200);
    expect((await signIn(username, `${PASSWORD}!`)).res.status).toBe(401);
  });

  it('never stores a password or refresh token in clear', async () => {
    const username = await newUser();
    const { jar } = await signIn(username);
    const db = app.get(DataSource);
    const users = await db.query(`SELECT password_hash FROM app_user WHERE username = $1`, [username]);
    expect(users[0].password_hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(users[0].password_hash).not.toContain(PASSWORD);
    const rows = await db.query(`SELECT refresh_hash FROM console_session`);
    expect(rows.map((r: { refresh_hash: string }) => r.refresh_hash)).not.toContain(jar.get('hg_refresh'));
  });
});

describe('console sign-in migration', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createGateway(testConfig());
  });
  afterAll(() => app?.close());

  it('down drops the session table and the password columns, up restores them (rolled back)', async () => {
    const runner = app.get(DataSource).createQueryRunner();
    const state = async () => ({
      table: ((await runner.query(`SELECT to_regclass('console_session') AS t`)) as { t: string | null }[])[0]
        .t,
      column: (
        (await runner.query(
          `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'app_user' AND column_name = 'password_hash'`,
        )) as { n: number }[]
      )[0].n,
    });
    await runner.startTransaction();
    try {
      const migration = new ConsoleSignIn1764660000000();
      await migration.down(runner);
      expect(await state()).toEqual({ table: null, column: 0 });
      await migration.up(runner);
      expect(await state()).toEqual({ table: 'console_session', column: 1 });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('console sessions behind HTTPS', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    app = await createGateway(testConfig({ HELIXGATE_ISSUER: 'https://node.example.org' }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app?.close());

  it('marks every session cookie Secure', async () => {
    const username = uniqueId('user');
    await app.get(UsersService).add({ username, roles: ['researcher'] });
    await app.get(UsersService).setPassword(username, PASSWORD);
    const jar = new CookieJar();
    expect((await postJson(jar, base, '/auth/login', { username, password: PASSWORD })).status).toBe(200);
    for (const name of ['hg_session', 'hg_refresh', 'hg_csrf']) {
      expect(jar.cookies.get(name)!.attributes).toContain('secure');
    }
  });
});
