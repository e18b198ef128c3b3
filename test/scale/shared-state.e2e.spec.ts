import 'reflect-metadata';
import { DomainError, type Caller } from '@helixgate/common';
import {
  DatabaseConnection,
  InvalidationBus,
  PooledStatements,
  SharedRedis,
  dataSourceOptions,
} from '@helixgate/db';
import { ReplayCacheService } from '@helixgate/federation';
import {
  PostgresRateLimitStore,
  RateLimiterService,
  RedisRateLimitStore,
  defaultPrivacyPolicy,
  type RateLimitStore,
} from '@helixgate/privacy';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { DataSource } from 'typeorm';
import { testConfig } from '../support/test-config';

/**
 * The state that several gateway processes share, each store opened twice as two processes would: the
 * rate limit holds for the sum of both (also under concurrent charges), a peer request id is accepted once
 * whichever process sees it, and a dataset change is heard by every listening process.
 */
const REDIS_URL = process.env.HELIXGATE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const onPostgres = process.env.HELIXGATE_TEST_DB_KIND === 'postgres';

function redisReachable(): Promise<boolean> {
  const u = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port || 6379), u.hostname);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
  });
}

const caller = (subject: string, requestId = randomBytes(4).toString('hex')): Caller => ({
  subject,
  issuer: 'https://idp.test',
  roles: ['researcher'],
  institution: null,
  visas: [],
  requestId,
});
const policy = { ...defaultPrivacyPolicy(), rateLimit: { queries: 10, windowSeconds: 3600 } };

/** Fires `n` charges of one principal alternately at the limiters, all at once; counts the answered ones. */
async function chargeConcurrently(limiters: RateLimiterService[], subject: string, n: number) {
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => limiters[i % limiters.length].check(caller(subject))),
  );
  const refused = outcomes.filter((o) => o.status === 'rejected');
  for (const o of refused) expect((o.reason as DomainError).code).toBe('RATE_LIMITED');
  return n - refused.length;
}

describe('state shared by gateway processes', () => {
  const sources: DataSource[] = [];
  const redises: SharedRedis[] = [];
  let redisUp = false;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++)
      sources.push(await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize());
    redisUp = await redisReachable();
    if (redisUp)
      for (let i = 0; i < 2; i++)
        redises.push(new SharedRedis(testConfig({ HELIXGATE_REDIS_URL: REDIS_URL })));
  });
  afterAll(async () => {
    for (const r of redises) await r.onApplicationShutdown();
    for (const s of sources) {
      await PooledStatements.end(s);
      await s.destroy();
    }
  });

  it('PostgreSQL: the rate limit holds for the sum of two processes, concurrent charges included', async () => {
    const limiters = sources.map(
      (s) => new RateLimiterService(policy, Date.now, new PostgresRateLimitStore(s) as RateLimitStore),
    );
    const subject = `pg-${randomBytes(4).toString('hex')}`;
    expect(await chargeConcurrently(limiters, subject, 30)).toBe(10);
    // The refusal says when to retry, from the shared counts.
    await expect(limiters[1].check(caller(subject))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    // Another principal has its own allowance.
    await expect(limiters[0].check(caller(`${subject}-other`))).resolves.toBeUndefined();
  });

  it('Redis (HELIXGATE_REDIS_URL): the rate limit holds for the sum of two processes', async () => {
    if (!redisUp) {
      console.warn(`skipped: no Redis at ${REDIS_URL} (set HELIXGATE_TEST_REDIS_URL)`);
      return;
    }
    const limiters = redises.map(
      (r) => new RateLimiterService(policy, Date.now, new RedisRateLimitStore(r) as RateLimitStore),
    );
    const subject = `redis-${randomBytes(4).toString('hex')}`;
    expect(await chargeConcurrently(limiters, subject, 30)).toBe(10);
    await expect(limiters[0].check(caller(subject))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('the federation replay cache accepts a request id once across processes (PostgreSQL and Redis)', async () => {
    const inPg = sources.map((s) => new ReplayCacheService(s, new SharedRedis(testConfig())));
    const expires = new Date(Date.now() + 60_000);
    const jti = randomBytes(8).toString('hex');
    const first = await Promise.all(inPg.map((c) => c.firstUse('peer-a', jti, expires)));
    expect(first.sort()).toEqual([false, true]);
    expect(inPg[0].storeKind).toBe('postgres');
    if (!redisUp) return;
    const inRedis = redises.map((r) => new ReplayCacheService(sources[0], r));
    expect(inRedis[0].storeKind).toBe('redis');
    const both = await Promise.all(inRedis.map((c) => c.firstUse('peer-a', jti, expires)));
    expect(both.sort()).toEqual([false, true]);
    expect(await inRedis[1].firstUse('peer-b', jti, expires)).toBe(true); // per peer
  });

  it('a dataset change is heard by every listening process (LISTEN/NOTIFY)', async () => {
    if (!onPostgres) {
      console.warn('skipped: the embedded database serves one process and forwards no notifications');
      return;
    }
    const conn = { kind: 'postgres', url: process.env.DATABASE_URL! } as unknown as DatabaseConnection;
    const buses = [new InvalidationBus(conn), new InvalidationBus(conn)];
    const heard: string[][] = [[], []];
    buses.forEach((b, i) => b.subscribe((what) => heard[i].push(what)));
    await Promise.all(buses.map((b) => b.start()));
    const id = `notify-${randomBytes(4).toString('hex')}`;
    await sources[0].query(
      `INSERT INTO dataset (id, name, assembly, security_level) VALUES ($1, $1, 'GRCh38', 'PUBLIC')`,
      [id],
    );
    await sources[0].query('DELETE FROM dataset WHERE id = $1', [id]);
    const deadline = Date.now() + 5_000;
    while (heard.some((h) => h.filter((w) => w === 'dataset').length < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    for (const h of heard) expect(h.filter((w) => w === 'dataset').length).toBeGreaterThanOrEqual(2);
    await Promise.all(buses.map((b) => b.onApplicationShutdown()));
  });
  it('listens only once the application has bootstrapped: a node refused at startup opens no connection', async () => {
    // A loopback TCP server standing in for the database, counting connection attempts (none answered).
    const sockets: net.Socket[] = [];
    const server = net.createServer((sock) => sockets.push(sock));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const conn = {
      kind: 'postgres',
      url: `postgres://nobody@127.0.0.1:${port}/none?connect_timeout=1`,
    } as unknown as DatabaseConnection;
    const bus = new InvalidationBus(conn);
    try {
      // Services subscribe while the node is being built; a startup that fails never bootstraps.
      bus.subscribe(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      expect(sockets).toHaveLength(0);
      // Bootstrapped: it connects.
      bus.onApplicationBootstrap();
      const deadline = Date.now() + 3_000;
      while (sockets.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(sockets.length).toBeGreaterThanOrEqual(1);
    } finally {
      await bus.onApplicationShutdown();
      for (const sock of sockets) sock.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});
