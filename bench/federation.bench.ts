import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@helixgate/config';
import { PEER_ANSWER_TYP, PEER_REQUEST_TYP, bodyHash } from '@helixgate/federation';
import { NodeKeyService } from '@helixgate/identity';
import { DatasetService, IngestService } from '@helixgate/variants';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { parseDocument } from 'yaml';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { repoRoot } from './synthetic-vcf';

export interface FederationBenchResult {
  /** p50 of one signed request straight to the slowest peer (the floor a fan-out cannot beat). */
  slowestPeerP50Ms: number;
  /** p50 / p99 of a federated query (GraphQL networkBeacon: local query + 5 signed peer requests). */
  federatedP50Ms: number;
  federatedP99Ms: number;
  /** The same query on this node alone (GraphQL `beacon`, audited): what a federated query adds to. */
  localP50Ms: number;
  /** federatedP50Ms / slowestPeerP50Ms. */
  ratio: number;
  /** The aim: federated p50 <= 1.2 x slowest peer p50 + 2 ms. */
  withinAim: boolean;
  /** Federated queries per second with `clients` concurrent clients. */
  throughputQps: number;
  clients: number;
  peers: number;
}

/** Simulated peer delays: the slowest is what a fan-out should cost. */
const PEER_DELAYS_MS = [5, 10, 15, 20, 25];
/** A point query on a variant of the ingested chr7 fixture (7:55003988 A>G), the typical beacon question. */
const QUERY = {
  assemblyId: 'GRCh37',
  referenceName: '7',
  start: 55_003_987,
  referenceBases: 'A',
  alternateBases: 'G',
  requestedGranularity: 'COUNT',
};

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function recreateDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1).replace(/"/g, '""');
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
}

/**
 * The simulated peers, in their own process (as peers are on their own machines): each verifies the
 * asking node's ES256 request signature, audience and `typ` with node:crypto (as a real peer does), waits its
 * delay and answers a well-formed PeerAnswer, signed (ES256, bound to the request's jti, its id, the asker and
 * the body's hash) with a P-256 key of its own, as a real peer signs. argv: a JSON list of { id, delayMs },
 * the asking node's public JWK set and its node id; prints { ports: id -> port, jwk } when listening.
 */
const PEER_PROCESS = `
const http = require('node:http');
const crypto = require('node:crypto');
const peers = JSON.parse(process.argv[1]);
const keys = JSON.parse(process.argv[2]).keys.map((k) => ({ kid: k.kid, key: crypto.createPublicKey({ key: k, format: 'jwk' }) }));
const asker = process.argv[3];
const b64 = (s) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pub = publicKey.export({ format: 'jwk' });
const kid = crypto.createHash('sha256').update(JSON.stringify({ crv: pub.crv, kty: pub.kty, x: pub.x, y: pub.y })).digest('base64url');
const canonical = (v) => Array.isArray(v) ? '[' + v.map(canonical).join(',') + ']'
  : v !== null && typeof v === 'object' ? '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}'
  : JSON.stringify(v);
function signAnswer(id, requestJti, answer) {
  const now = Math.floor(Date.now() / 1000);
  const h = enc({ alg: 'ES256', typ: ${JSON.stringify(PEER_ANSWER_TYP)}, kid });
  const p = enc({ iss: 'https://' + id + '.invalid', aud: asker, iat: now, exp: now + 30, jti: crypto.randomUUID(),
    hg_request_jti: requestJti, hg_node: id,
    hg_body_sha256: crypto.createHash('sha256').update(canonical(answer)).digest('base64url') });
  const sig = crypto.sign('sha256', Buffer.from(h + '.' + p), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return h + '.' + p + '.' + sig.toString('base64url');
}
function verify(jws, aud) {
  const [h, p, sig] = String(jws).split('.');
  const header = b64(h);
  const key = keys.find((k) => k.kid === header.kid);
  if (!key || header.alg !== 'ES256' || header.typ !== ${JSON.stringify(PEER_REQUEST_TYP)}) return false;
  const ok = crypto.verify('sha256', Buffer.from(h + '.' + p), { key: key.key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));
  const claims = b64(p);
  return ok && claims.aud === aud && claims.exp > Date.now() / 1000 ? claims : null;
}
const ports = {};
let listening = 0;
for (const { id, delayMs } of peers) {
  const answer = { node: id, exists: true, numTotalResults: 1, returnedGranularity: 'COUNT', resultSets: [] };
  const body = JSON.stringify(answer);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const claims = verify(req.headers['x-helixgate-signature'], id);
      if (!claims) return res.writeHead(401).end();
      const signature = signAnswer(id, claims.jti, answer);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json', 'x-helixgate-answer-signature': signature }).end(body), delayMs);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    ports[id] = server.address().port;
    if (++listening === peers.length) process.stdout.write(JSON.stringify({ ports, jwk: { ...pub, kid } }) + '\\n');
  });
}
setInterval(() => { try { process.kill(process.ppid, 0); } catch { process.exit(0); } }, 1000).unref();
`;

async function simulatedPeers(delays: number[], verifyWith: NodeKeyService, askerId: string) {
  const specs = delays.map((delayMs, i) => ({ id: `bench-peer-${i + 1}`, delayMs }));
  const child = spawn(
    process.execPath,
    ['-e', PEER_PROCESS, JSON.stringify(specs), JSON.stringify(await verifyWith.jwks()), askerId],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const { ports, jwk } = await new Promise<{ ports: Record<string, number>; jwk: object }>(
    (resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out) as { ports: Record<string, number>; jwk: object });
      });
      child.once('exit', (code) => reject(new Error(`simulated peers exited ${code}`)));
    },
  );
  return {
    peers: specs.map((s) => ({ id: s.id, base: `http://127.0.0.1:${ports[s.id]}` })),
    /** The simulated peers' answer-signing key (pinned inline for each). */
    jwk,
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Federated query latency over 5 loopback peers against the slowest single peer, and throughput. The
 * asking node is the real gateway (its own database, a real chr7 fixture ingested); the peers are
 * simulated in a separate process (they verify the signature and answer after 5-25 ms) so that, on a small
 * machine, the ratio measures the fan-out itself rather than six gateways competing for the same cores.
 * DATABASE_URL (PostgreSQL; default helixgate_bench_federation on 127.0.0.1) or BENCH_FEDERATION_EMBEDDED=1.
 */
export async function runFederationBench(
  opts: { databaseUrl?: string; seconds?: number; clients?: number; log?: (line: string) => void } = {},
): Promise<FederationBenchResult> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 5);
  const clients = opts.clients ?? 8;
  const embedded = process.env.BENCH_FEDERATION_EMBEDDED === '1';
  const url = embedded
    ? undefined
    : (opts.databaseUrl ??
      process.env.DATABASE_URL ??
      'postgres://root@127.0.0.1:5432/helixgate_bench_federation');
  if (url) await recreateDatabase(url);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-federation-bench-'));
  const policies = path.join(dataDir, 'policies');
  fs.mkdirSync(policies);
  for (const f of ['roles.yaml', 'privacy.yaml', 'trusted-issuers.yaml']) {
    const src = path.join(repoRoot(), 'policies', f);
    if (fs.existsSync(src)) fs.copyFileSync(src, path.join(policies, f));
  }
  // The bench repeats one query thousands of times from one principal: lift the rate limit and the risk
  // budget (the privacy guard's cost is in the local-query reference, not what this bench measures).
  const privacy = path.join(policies, 'privacy.yaml');
  if (fs.existsSync(privacy)) {
    fs.writeFileSync(
      privacy,
      fs
        .readFileSync(privacy, 'utf8')
        .replace(/^(\s*queries:\s*)\d+/m, '$110000000')
        .replace(/^(\s*riskBudget:\s*)[\d.e+-]+/m, '$11000000'),
    );
    // The risk budget is priced from a reference panel per dataset; the bench dataset has none, so it is
    // answered unguarded (as the privacy attack harness's positive control is).
    const doc = parseDocument(fs.readFileSync(privacy, 'utf8'));
    doc.setIn(['datasets', 'bench-chr7', 'riskBudgetEnforced'], false);
    fs.writeFileSync(privacy, doc.toString());
  }
  const config = loadConfig({
    ...(url ? { DATABASE_URL: url } : {}),
    HELIXGATE_DATA_DIR: dataDir,
    HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    HELIXGATE_NODE_ID: 'bench-a',
    HELIXGATE_POLICIES_DIR: policies,
    HELIXGATE_DB_POOL_MAX: '8',
    LOG_LEVEL: 'silent',
  });
  const nodeKeys = new NodeKeyService(config);
  const simulated = await simulatedPeers(PEER_DELAYS_MS, nodeKeys, config.vars.HELIXGATE_NODE_ID);
  const peers = simulated.peers;
  fs.writeFileSync(
    path.join(policies, 'peers.yaml'),
    JSON.stringify({
      peers: peers.map((p) => ({
        id: p.id,
        base_url: p.base,
        issuer: `https://${p.id}.invalid`,
        jwks: { keys: [simulated.jwk] },
        insecure: true, // loopback plain HTTP
      })),
    }),
  );
  let app: INestApplication | undefined;
  try {
    app = await createGateway(config);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await app
      .get(DatasetService)
      .create({ id: 'bench-chr7', name: 'bench chr7', assembly: 'GRCh37', securityLevel: 'PUBLIC' });
    await app
      .get(IngestService)
      .ingestFile('bench-chr7', path.join(repoRoot(), 'test/fixtures/vcf/cgi_hcc1187_chr7-sub_2s.vcf.gz'));

    const slowest = peers.at(-1)!;
    const direct = async () => {
      const body = { query: QUERY };
      const jws = await app!
        .get(NodeKeyService)
        .sign(
          { hg_body_sha256: bodyHash(body), hg_request_id: randomUUID() },
          { audience: slowest.id, expiresIn: Math.floor(Date.now() / 1000) + 30, typ: PEER_REQUEST_TYP },
        );
      const res = await fetch(`${slowest.base}/federation/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-helixgate-signature': jws },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`slowest peer answered ${res.status}`);
      await res.text();
    };
    const gqlBody = JSON.stringify({
      query: `query($q: BeaconQueryInput!) { networkBeacon(query: $q) { exists numTotalResults nodes { nodeId status latencyMs message } } }`,
      variables: { q: QUERY },
    });
    /** Per-node latencies as the asking node measured them (inside the federated query). */
    const nodeLatency = new Map<string, number[]>();
    const federated = async () => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: gqlBody,
      });
      const json = (await res.json()) as {
        data?: { networkBeacon: { nodes: { nodeId: string; status: string; latencyMs: number }[] } };
      };
      const nodes = json.data?.networkBeacon.nodes ?? [];
      for (const n of nodes) nodeLatency.set(n.nodeId, [...(nodeLatency.get(n.nodeId) ?? []), n.latencyMs]);
      if (nodes.length !== peers.length + 1 || nodes.some((n) => n.status !== 'OK')) {
        throw new Error(`federated query not ok: ${JSON.stringify(json).slice(0, 600)}`);
      }
    };
    const measure = async (fn: () => Promise<void>, ms: number) => {
      for (let i = 0; i < 20; i++) await fn(); // warm-up
      const lat: number[] = [];
      const until = performance.now() + ms;
      while (performance.now() < until) {
        const t0 = performance.now();
        await fn();
        lat.push(performance.now() - t0);
      }
      return lat.sort((x, y) => x - y);
    };
    const localBody = JSON.stringify({
      query: `query($q: BeaconQueryInput!) { beacon(query: $q) { exists numTotalResults } }`,
      variables: { q: QUERY },
    });
    const local = async () => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: localBody,
      });
      await res.text();
    };
    const localOnly = await measure(local, Math.min(seconds, 3) * 1000);
    const single = await measure(direct, Math.min(seconds, 3) * 1000);
    const fed = await measure(federated, seconds * 1000);
    const slowestPeerP50Ms = quantile(single, 0.5);
    const federatedP50Ms = quantile(fed, 0.5);
    const federatedP99Ms = quantile(fed, 0.99);
    log(
      `federation: local beacon query alone (GraphQL, audited) p50 ${quantile(localOnly, 0.5).toFixed(2)} ms`,
    );
    log(`federation: slowest single peer p50 ${slowestPeerP50Ms.toFixed(2)} ms (${single.length} requests)`);
    log(
      `federation: federated query (local + ${peers.length} peers) p50 ${federatedP50Ms.toFixed(2)} ms, p99 ${federatedP99Ms.toFixed(2)} ms (${fed.length} queries)`,
    );

    log(
      `federation: per node inside the query, p50 ms: ${[...nodeLatency]
        .map(
          ([id, l]) =>
            `${id} ${quantile(
              l.sort((x, y) => x - y),
              0.5,
            ).toFixed(1)}`,
        )
        .join(', ')}`,
    );
    let done = 0;
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          await federated();
          done++;
        }
      }),
    );
    const throughputQps = done / ((performance.now() - started) / 1000);
    const ratio = federatedP50Ms / slowestPeerP50Ms;
    const withinAim = federatedP50Ms <= 1.2 * slowestPeerP50Ms + 2;
    log(
      `federation: ratio ${ratio.toFixed(3)} (aim p50 <= 1.2 x slowest + 2 ms: ${withinAim ? 'met' : 'NOT met'}); ${throughputQps.toFixed(1)} federated queries/s with ${clients} clients`,
    );
    return {
      localP50Ms: quantile(localOnly, 0.5),
      slowestPeerP50Ms,
      federatedP50Ms,
      federatedP99Ms,
      ratio,
      withinAim,
      throughputQps,
      clients,
      peers: peers.length,
    };
  } finally {
    await app?.close();
    await simulated.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runFederationBench().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
