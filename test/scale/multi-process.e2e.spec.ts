import type { INestApplication } from '@nestjs/common';
import { bundledPoliciesDir } from '@helixgate/config';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, gql, type Actor } from '../support/actors';
import { createTestDataset, insertTestVariants } from '../support/beacon-factory';
import { testConfig, uniqueId } from '../support/test-config';

/**
 * Issue #13, past one machine: three gateway processes (the built gateway, as deployed) on one PostgreSQL
 * database behind a loopback round-robin proxy behave as one node. The rate limit holds for the sum of
 * what the three answered, a grant revoked through one is refused by the others on the very next request,
 * every request leaves exactly one audit event and the chain they appended together verifies.
 * `HELIXGATE_WORKERS=2` (node:cluster) serves on one port; on the embedded database it is refused.
 */
const ROOT = path.resolve(__dirname, '../..');
const GATEWAY = path.join(ROOT, 'dist/apps/gateway/src/main.js');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const onPostgres = process.env.HELIXGATE_TEST_DB_KIND === 'postgres';
const RATE_LIMIT = 12;

function requireBuild(): void {
  if (!fs.existsSync(GATEWAY) || !fs.existsSync(CLI))
    throw new Error('run `npm run build` first: this spec starts the built gateway in several processes');
}

/** The shipped policies with the risk budget off, exact counts and a small rate limit over a long window. */
function policies(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
  for (const f of fs.readdirSync(bundledPoliciesDir()))
    if (f !== 'privacy.yaml') fs.copyFileSync(path.join(bundledPoliciesDir(), f), path.join(dir, f));
  fs.writeFileSync(
    path.join(dir, 'privacy.yaml'),
    [
      'defaults:',
      '  riskBudgetEnforced: false',
      '  counts: { floor: 1, roundTo: 1 }',
      'rateLimit:',
      `  queries: ${RATE_LIMIT}`,
      '  windowSeconds: 86400',
      'timing: { bucketMs: 0 }',
      '',
    ].join('\n'),
  );
  return dir;
}

interface Proc {
  child: ChildProcess;
  url: string;
  log: string[];
}

/** Starts the built gateway; resolves with its URL once it listens. */
function startGateway(env: NodeJS.ProcessEnv): Promise<Proc> {
  const child = spawn(process.execPath, [GATEWAY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      log.push(String(d));
      const m = /listening on (http:\/\/\S+?)\/graphql/.exec(out);
      if (m) resolve({ child, url: m[1].replace('localhost', '127.0.0.1'), log });
    });
    child.stderr.on('data', (d: Buffer) => log.push(String(d)));
    child.once('exit', (code) =>
      reject(new Error(`gateway exited with ${code}: ${log.join('').slice(-2000)}`)),
    );
  });
}

function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => p.kill('SIGKILL'), 15_000);
    p.once('exit', () => (clearTimeout(timer), resolve()));
    p.kill('SIGTERM');
  });
}

/** A loopback HTTP proxy that hands each request to the next backend in turn. */
async function roundRobin(
  backends: string[],
): Promise<{ url: string; close: () => Promise<void>; served: number[] }> {
  let next = 0;
  const served = backends.map(() => 0);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const i = next++ % backends.length;
    served[i]++;
    const target = new URL(req.url ?? '/', backends[i]);
    const upstream = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((r) => {
        agent.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

const BEACON = `query($q: BeaconQueryInput!) { beacon(query: $q) { exists resultSets { datasetId count } } }`;
const beaconQuery = (datasetId: string, granularity = 'BOOLEAN') => ({
  q: {
    assemblyId: 'GRCh37',
    referenceName: '20',
    start: 99,
    referenceBases: 'A',
    alternateBases: 'G',
    datasetIds: [datasetId],
    requestedGranularity: granularity,
  },
});

(onPostgres ? describe : describe.skip)('several gateway processes on one PostgreSQL database', () => {
  let dbUrl: string;
  let dbName: string;
  let env: NodeJS.ProcessEnv;
  const procs: Proc[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  let researcher: Actor;
  let steward: Actor;
  let publicId: string;
  let controlledId: string;
  let requestId: string;
  const admin = () => new Client({ connectionString: process.env.DATABASE_URL });

  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return (await c.query(text, values)).rows as T[];
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    requireBuild();
    dbName = `hg_scale_mp_${randomBytes(4).toString('hex')}`;
    const a = admin();
    await a.connect();
    await a.query(`CREATE DATABASE ${dbName}`);
    await a.end();
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-mp-'));
    const settings = {
      DATABASE_URL: dbUrl,
      HELIXGATE_DATA_DIR: dataDir,
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      HELIXGATE_POLICIES_DIR: policies(),
      HELIXGATE_DB_POOL_MAX: '3',
    };
    // The node's data, people and a grant, made by one gateway in this process; it stops before the three
    // start (they share its data directory: node keys, audit signing key).
    const app: INestApplication = await createGateway(testConfig(settings));
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const adminActor = await makeActor(app, ['admin']);
    steward = await makeActor(app, ['steward']);
    researcher = await makeActor(app, ['researcher'], { bonaFide: true });
    publicId = await createTestDataset(app, uniqueId('pub'));
    controlledId = await createTestDataset(app, uniqueId('ctl'), { securityLevel: 'CONTROLLED' });
    for (const id of [publicId, controlledId])
      await insertTestVariants(app, id, [{ chrom: '20', pos: 100, ref: 'A', alt: 'G', het: 7 }], {
        individuals: 20,
      });
    expect(
      (
        await gql(
          base,
          `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
          { d: controlledId, s: steward.subject },
          adminActor,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await gql(
          base,
          `mutation($d: ID!, $c: DatasetConsentInput!) { setDatasetConsent(datasetId: $d, consent: $c) { permission } }`,
          { d: controlledId, c: { permission: 'GRU' } },
          steward,
        )
      ).errors,
    ).toBeUndefined();
    const submitted = await gql<{ submitAccessRequest: { id: string } }>(
      base,
      `mutation($input: SubmitAccessRequestInput!) { submitAccessRequest(input: $input) { id } }`,
      {
        input: {
          datasetId: controlledId,
          projectTitle: 'scale test',
          justification: 'Three gateway processes must agree on this grant.',
          purpose: { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false },
        },
      },
      researcher,
    );
    expect(submitted.errors).toBeUndefined();
    requestId = submitted.data!.submitAccessRequest.id;
    const approved = await gql(
      base,
      `mutation($id: ID!, $exp: DateTime!) { approveAccessRequest(id: $id, expiresAt: $exp, note: "ok") { status } }`,
      { id: requestId, exp: new Date(Date.now() + 86_400_000).toISOString() },
      steward,
    );
    expect(approved.errors).toBeUndefined();
    await app.close();

    env = {
      ...process.env,
      ...settings,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      HELIXGATE_MASTER_KEY_CHECK: 'refuse',
    };
    delete env.HELIXGATE_REDIS_URL;
    for (let i = 0; i < 3; i++) procs.push(await startGateway(env));
    proxy = await roundRobin(procs.map((p) => p.url));
  });

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(procs.map((p) => stop(p.child)));
    const a = admin();
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await a.end();
  });

  it('holds the rate limit for the sum of the three, and leaves one audit event per request', async () => {
    const [{ seq: before }] = await sql<{ seq: string }>(
      'SELECT coalesce(max(seq), 0)::text AS seq FROM audit_event',
    );
    const statuses: number[] = [];
    const N = 2 * RATE_LIMIT;
    for (let i = 0; i < N; i++) {
      const res = await fetch(
        `${proxy.url}/api/g_variants?assemblyId=GRCh37&referenceName=20&start=99&referenceBases=A&alternateBases=G&datasetIds=${publicId}`,
      );
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(proxy.served).toEqual([N / 3, N / 3, N / 3]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT); // not 3 × 12
    expect(statuses.filter((s) => s === 429)).toHaveLength(N - RATE_LIMIT);
    // Each of the 24 requests left exactly one event (answers and refusals alike), written by three processes.
    const events = await sql<{ action: string; outcome: string }>(
      'SELECT action, outcome FROM audit_event WHERE seq > $1 ORDER BY seq',
      [before],
    );
    expect(events).toHaveLength(N);
    expect(events.filter((e) => e.outcome === 'allow')).toHaveLength(RATE_LIMIT);
  });

  it('refuses a revoked grant on every process from the next request on', async () => {
    // The grant answers on all three.
    for (const p of procs) {
      const r = await gql(p.url, BEACON, beaconQuery(controlledId, 'COUNT'), researcher);
      expect(r.errors).toBeUndefined();
    }
    const revoked = await gql(
      procs[0].url,
      `mutation($id: ID!) { revokeAccessGrant(id: $id, reason: "revoked in a multi-process test") { status } }`,
      { id: requestId }, // an approved request is the grant
      steward,
    );
    expect(revoked.errors).toBeUndefined();
    for (const p of procs.slice(1)) {
      const r = await gql(p.url, BEACON, beaconQuery(controlledId, 'COUNT'), researcher);
      expect(r.errors?.length ?? 0).toBeGreaterThan(0);
      expect(r.data?.beacon ?? null).toBeNull();
    }
  });

  it('keeps one audit chain that verifies, though three processes appended to it', () => {
    const r = spawnSync(process.execPath, [CLI, 'audit', 'verify', '--json'], { env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });

  it('HELIXGATE_WORKERS=2: node:cluster workers share one port and one rate limit', async () => {
    const cluster = await startGateway({ ...env, HELIXGATE_WORKERS: '2' });
    try {
      // Every allowance of the anonymous client was used up above: the workers see the same counts.
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(
          `${cluster.url}/api/g_variants?assemblyId=GRCh37&referenceName=20&start=99&referenceBases=A&alternateBases=G&datasetIds=${publicId}`,
        );
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      expect(statuses).toEqual([429, 429, 429, 429]);
      // A signed-in caller with its own allowance is answered.
      const r = await gql(cluster.url, BEACON, beaconQuery(publicId), steward);
      expect(r.errors).toBeUndefined();
      expect(cluster.log.join('')).toMatch(/2 gateway workers/);
    } finally {
      await stop(cluster.child);
    }
  });
});

(onPostgres ? describe.skip : describe)('several gateway processes on the embedded database', () => {
  it('refuses HELIXGATE_WORKERS > 1: PGlite is served by one process', () => {
    requireBuild();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HELIXGATE_WORKERS: '2',
      HELIXGATE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-mp-')),
      HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      PORT: '0',
    };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [GATEWAY], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('HELIXGATE_WORKERS=2 needs a PostgreSQL server (DATABASE_URL)');
  });
});
