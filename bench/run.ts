import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as zlib from 'node:zlib';
import { Client } from 'pg';
import YAML from 'yaml';
import {
  httpGetter,
  targetSummary,
  verdict,
  type BenchKit,
  type BenchLoad,
  type BenchRow,
} from './bench-kit';
import type { IngestJob, IngestJobResult } from './ingest-worker';
import type { WithdrawalJob, WithdrawalJobResult } from './withdrawal-worker';
import { REFERENCE_FIXTURE, SeededRandom, repoRoot, writeSyntheticVcf } from './synthetic-vcf';

/**
 * `npm run bench`: prints numbers, asserts nothing. Every measured number stands beside a reference measured
 * in the same run (bcftools, a raw PostgreSQL lookup, the smaller dataset) and their ratio.
 *
 *   DATABASE_URL   PostgreSQL server database (default postgres://root@127.0.0.1:5432/helixgate_bench;
 *                  created if missing, recreated when the bench master key is new)
 *   BENCH_QUICK=1  everything at 1/10 size, short load phases (smoke run)
 *   BENCH_DIR      work directory for generated files and keys (default $TMPDIR/helixgate-bench)
 *   BENCH_SECONDS  seconds per load phase (default 10, quick 2)
 *   BENCH_PROFILE=1  run the ingest, gateway and reference children with --cpu-prof (profiles in BENCH_DIR/profiles)
 *   BENCH_SECTIONS comma list of sections to run (ingest, references, query, withdrawal, audit, federation,
 *                  ontology, input, records; default all of these), e.g. BENCH_SECTIONS=references for issue #13's
 *                  reference table alone; `scale` (opt-in, never in the default: it ingests 10^7 rows) runs
 *                  only when named
 *   BENCH_SCALE_RECORDS  rows of the scale section's dataset (default 10^7, quick 10^6; bench/scale.bench.ts)
 *
 * Sections in their own files: records (bench/records.bench.ts: record-level answers, 100 variants × 2,500
 * individuals, for a grant holder) and scale (bench/scale.bench.ts: count-query latency on 10^7 rows against
 * the 24,990-record chr20 dataset); run.ts lends them a BenchKit (bench/bench-kit.ts).
 */

const QUICK = process.env.BENCH_QUICK === '1';
const SCALE = QUICK ? 10 : 1;
const DB_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/helixgate_bench';
const WORK = path.resolve(process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'helixgate-bench'));
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 10));
const WARMUP_SECONDS = QUICK ? 0.5 : 2;
const PROFILE = process.env.BENCH_PROFILE === '1';
const ROOT = repoRoot();
const FIXTURE = path.join(ROOT, REFERENCE_FIXTURE);
const ASSEMBLY = 'GRCh37'; // 1000 Genomes phase 3 coordinates

const INGEST_SYNTH = { records: 100_000 / SCALE, samples: 2_500, seed: 20260101 };
const QUERY_SYNTH = { records: 1_000_000 / SCALE, samples: 100, seed: 20260102 };
const GENERATOR_VERSION = 1;

const DS_CHR20 = 'bench-chr20';
const CHR20_PANEL = 'bench-1kgp3-chr20-203';
const CHR20_PANEL_FILE = 'test/fixtures/vcf/1kgp3_chr20_1-4Mb_203s_unphased.vcf.gz';
const DS_INGEST_SYNTH = 'bench-ingest-synthetic';
const DS_QUERY = QUICK ? 'bench-query-100k' : 'bench-query-1m';
const DS_WITHDRAWAL = QUICK ? 'bench-withdrawal-100k' : 'bench-withdrawal-1m';
/** Issue #13: participant withdrawal on 10^6 rows took 165.8 s before it was batched by primary-key ranges. */
const WITHDRAWAL_BEFORE_SECONDS = 165.8;
/** Issue #13: ingest within 1.5x of `bcftools norm -m- | bcftools +fill-tags` (chr20 and 10^5 × 2,500). */
const INGEST_TARGET_RATIO = 1.5;
// The synthetic query dataset's panel: imported from its own file (a cost measurement, not a privacy setting).
const QUERY_PANEL = `bench-synthetic-${QUICK ? '100k' : '1m'}`;

type Row = BenchRow;
const rows: Row[] = [];
const notes: string[] = [];
/** Sections that ran to the end (the target summary says "not run" for the others' targets). */
const ran: string[] = [];

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
function record(row: Row): void {
  rows.push(row);
  log(
    `  ${row.metric}: ${row.value}${row.reference ? `  | reference ${row.reference}` : ''}${row.ratio ? `  | ratio ${row.ratio}` : ''}${row.target ? `  | target ${row.target}` : ''}`,
  );
}
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');

// ---------------------------------------------------------------------------------------------- plumbing

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

function nodeArgs(script: string, name: string): string[] {
  const args: string[] = [];
  if (PROFILE) {
    fs.mkdirSync(path.join(WORK, 'profiles'), { recursive: true });
    args.push(
      '--cpu-prof',
      '--cpu-prof-dir',
      path.join(WORK, 'profiles'),
      '--cpu-prof-name',
      `${name}.cpuprofile`,
    );
  }
  return [...args, path.join(__dirname, script)];
}

/** Runs a node child to completion; returns the JSON after its `marker` line. */
function runChild<T>(script: string, name: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs(script, name), ...args], { env, stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`${script} exited with ${code}: ${err.trim().split('\n').slice(-8).join('\n')}`));
        return;
      }
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as T);
    });
  });
}

interface Gateway {
  url: string;
  /** The child's process id (its CPU time is read from /proc). */
  pid: number;
  stop: () => Promise<void>;
}

/** The load's result with the process's CPU per answer over it, when a pid is given and /proc has it. */
async function withCpu(pid: number | undefined, load: () => Promise<LoadResult>): Promise<LoadResult> {
  const before = pid === undefined ? undefined : cpuSeconds(pid);
  const r = await load();
  const after = pid === undefined ? undefined : cpuSeconds(pid);
  if (before !== undefined && after !== undefined && r.requests > 0)
    r.cpuUs = ((after - before) * 1e6) / r.requests;
  return r;
}

/** Clock ticks per second of /proc's CPU times (getconf CLK_TCK), read once. */
let clockTicks: number | undefined;

/**
 * CPU seconds (user + system) a process has used, from /proc/<pid>/stat (Linux; undefined elsewhere).
 * CPU per answer does not count the time the process waited for a core (the load generator and PostgreSQL
 * share the machine with it), but it still moves with the host's own speed (docs/operations.md): compare
 * it within a run, as the throughput.
 */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (clock ticks).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return ticks / clockTicks;
  } catch {
    return undefined;
  }
}

/** Starts `createGateway` in a child process (own event loop and core, as in production). */
function startGateway(env: NodeJS.ProcessEnv, name: string): Promise<Gateway> {
  return startServer('gateway-worker.js', name, [], env, 'BENCH_GATEWAY');
}

/** Starts a server script in a child process; resolves with the URL it prints after `marker`. */
function startServer(
  script: string,
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  marker: string,
): Promise<Gateway> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs(script, name), ...args], { env, stdio: 'pipe' });
    let out = '';
    let err = '';
    let started = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = new RegExp(`^${marker} (\\S+)$`, 'm').exec(out);
      if (m && !started) {
        started = true;
        resolve({
          url: m[1],
          pid: child.pid!,
          stop: async () => {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(timer);
          },
        });
      }
    });
    child.on('exit', (code) => {
      if (!started)
        reject(new Error(`${script} exited with ${code}: ${err.trim().split('\n').slice(-8).join('\n')}`));
    });
  });
}

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** `bcftools norm -m- | bcftools +fill-tags -t AC,AN` on the file: wall seconds (best of two). */
function bcftoolsSeconds(file: string): number | undefined {
  if (!hasCommand('bcftools')) return undefined;
  const cmd = `set -o pipefail; bcftools norm -m- -Ou '${file}' 2>/dev/null | bcftools +fill-tags -Ou -- -t AC,AN > /dev/null`;
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const r = spawnSync('bash', ['-c', cmd], { stdio: 'ignore' });
    if (r.status !== 0) return undefined;
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

async function uncompressedBytes(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file).pipe(zlib.createGunzip()))
    n += (chunk as Buffer).length;
  return n;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Creates the bench database when missing; drops and recreates it when `fresh`. */
async function ensureDatabase(url: string, fresh: boolean): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`bench database name "${name}" must be a plain identifier`);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

// ------------------------------------------------------------------------------------------ load clients

/** A closed-loop load's numbers (BenchLoad, as sections in their own files get them) and the guard's share. */
interface LoadResult extends BenchLoad {
  /** Existing rare variants (AC <= RARE_AC) answered `exists: false`: withheld by the privacy guard. */
  withheld: number;
  /** p50 (ms) per key class, when the load had classes: `miss`, `rare` (AC <= RARE_AC), `common`. */
  classP50: Record<string, number>;
  /** CPU time of the serving process per answer (µs), where it was measured (references section). */
  cpuUs?: number;
}

type Verdict = 'ok' | 'withheld' | 'wrong';
/** Rare alleles an anonymous beacon may withhold (the privacy guard); anything else must answer truly. */
const RARE_AC = 4;

function summarize(
  latencies: number[],
  seconds: number,
  errors: number,
  wrong: number,
  withheld: number,
  byClass: Map<string, number[]>,
): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const pct = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
  const classP50: Record<string, number> = {};
  for (const [name, values] of byClass) {
    const v = Float64Array.from(values).sort();
    classP50[name] = v[Math.floor(v.length / 2)];
  }
  return {
    requests: sorted.length,
    seconds,
    qps: sorted.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    errors,
    wrong,
    withheld,
    classP50,
  };
}

/**
 * A closed-loop load generator: `concurrency` clients, each sending its next request as soon as the last
 * answer arrived, for `seconds`. Hand-written on node:http (keep-alive agent) rather than autocannon so that
 * every request carries a different key, every answer is checked against the expected `exists`, and the
 * latencies are kept at sub-millisecond resolution.
 */
async function runLoad(
  send: (i: number, client: number) => Promise<boolean>,
  check: (i: number, exists: boolean) => Verdict,
  keyCount: number,
  concurrency: number,
  seconds: number,
  classOf?: (i: number) => string,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const byClass = new Map<string, number[]>();
  let errors = 0;
  let wrong = 0;
  let withheld = 0;
  let next = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < deadline) {
        const i = next++ % keyCount;
        const start = performance.now();
        try {
          const exists = await send(i, client);
          const ms = performance.now() - start;
          latencies.push(ms);
          const name = classOf?.(i);
          if (name) {
            const list = byClass.get(name) ?? [];
            list.push(ms);
            byClass.set(name, list);
          }
          const verdict = check(i, exists);
          if (verdict === 'wrong') wrong++;
          if (verdict === 'withheld') withheld++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarize(latencies, (performance.now() - t0) / 1000, errors, wrong, withheld, byClass);
}

interface Key {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  /** AC of the stored row (0 for a miss). */
  ac: number;
  hit: boolean;
}

const BEACON_QUERY = 'query Bench($q: BeaconQueryInput!) { beacon(query: $q) { exists numTotalResults } }';

function beaconBodies(keys: Key[], datasetId: string): Buffer[] {
  return keys.map((k) =>
    Buffer.from(
      JSON.stringify({
        query: BEACON_QUERY,
        variables: {
          q: {
            assemblyId: ASSEMBLY,
            referenceName: k.chrom,
            start: k.pos - 1,
            referenceBases: k.ref,
            alternateBases: k.alt,
            datasetIds: [datasetId],
            requestedGranularity: 'BOOLEAN',
          },
        },
      }),
    ),
  );
}

function httpPost(agent: http.Agent, url: URL, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface GraphqlBody {
  data?: { beacon?: { exists: boolean }; __typename?: string };
  errors?: unknown[];
}

function keyClass(k: Key): string {
  return !k.hit ? 'miss' : k.ac <= RARE_AC ? 'rare' : 'common';
}
const classes = (r: LoadResult) =>
  ['common', 'rare', 'miss']
    .filter((c) => r.classP50[c] !== undefined)
    .map((c) => `${c} ${r.classP50[c].toFixed(2)}`)
    .join(', ');

/** Judges an answer about key i: exact for misses and common variants; rare ones may be withheld. */
function keyCheck(keys: Key[]): (i: number, exists: boolean) => Verdict {
  return (i, exists) => {
    const k = keys[i];
    if (exists === k.hit) return 'ok';
    return k.hit && k.ac <= RARE_AC ? 'withheld' : 'wrong';
  };
}

/** Closed-loop GraphQL POSTs; `answer` turns a response into the boolean that `check` judges. */
async function httpGraphqlLoad(
  base: string,
  bodies: Buffer[],
  check: (i: number, exists: boolean) => Verdict,
  answer: (body: GraphqlBody) => boolean | undefined,
  concurrency: number,
  classOf?: (i: number) => string,
  cpuPid?: number,
): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = async (i: number) => {
    const body = JSON.parse(await httpPost(agent, url, bodies[i])) as GraphqlBody;
    const result = answer(body);
    if (result === undefined) throw new Error(JSON.stringify(body.errors ?? body).slice(0, 300));
    return result;
  };
  try {
    // One request up front so that a broken query fails loudly instead of as a wall of errors.
    await send(0).catch((err: unknown) => {
      throw new Error(`GraphQL query failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    await runLoad(send, check, bodies.length, concurrency, WARMUP_SECONDS);
    return await withCpu(cpuPid, () =>
      runLoad(send, check, bodies.length, concurrency, LOAD_SECONDS, classOf),
    );
  } finally {
    agent.destroy();
  }
}

function httpBeaconLoad(
  base: string,
  datasetId: string,
  keys: Key[],
  concurrency: number,
): Promise<LoadResult> {
  return httpGraphqlLoad(
    base,
    beaconBodies(keys, datasetId),
    keyCheck(keys),
    (b) => b.data?.beacon?.exists,
    concurrency,
    (i) => keyClass(keys[i]),
  );
}

/** The framework's floor: the same HTTP + Nest + Apollo path answering `{ __typename }` (no database). */
function httpFloorLoad(base: string, concurrency: number): Promise<LoadResult> {
  return httpGraphqlLoad(
    base,
    [Buffer.from(JSON.stringify({ query: '{ __typename }' }))],
    (_i, ok) => (ok ? 'ok' : 'wrong'),
    (b) => (b.data?.__typename === undefined ? undefined : b.data.__typename === 'Query'),
    concurrency,
  );
}

const POINT_SQL =
  'SELECT ac, an FROM variant WHERE dataset_id = $1 AND chrom = $2 AND pos = $3 AND ref = $4 AND alt = $5';

/** The same point lookups straight on PostgreSQL: one connection per client, a named prepared statement. */
async function rawPgLoad(
  url: string,
  datasetId: string,
  keys: Key[],
  concurrency: number,
): Promise<LoadResult> {
  const clients = Array.from({ length: concurrency }, () => new Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  const send = async (i: number, client: number) => {
    const k = keys[i];
    const r = await clients[client].query({
      name: 'bench_point_lookup',
      text: POINT_SQL,
      values: [datasetId, k.chrom, k.pos, k.ref, k.alt],
    });
    return (r.rowCount ?? 0) > 0;
  };
  // The raw lookup sees rows, AC=0 or not: every sampled hit is a row, every miss is none.
  const check = (i: number, exists: boolean): Verdict => (exists === keys[i].hit ? 'ok' : 'wrong');
  try {
    await runLoad(send, check, keys.length, concurrency, WARMUP_SECONDS);
    return await runLoad(send, check, keys.length, concurrency, LOAD_SECONDS);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * The price of durability on this server: one small durable transaction per request (BEGIN; INSERT; COMMIT
 * in one round trip, the commit waiting for the WAL flush), one connection per client, no shared lock.
 * Every beacon answer waits for its audit event to commit, so this is the floor under the HTTP numbers.
 */
async function durableCommitLoad(url: string, concurrency: number): Promise<LoadResult> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(
    'CREATE TABLE IF NOT EXISTS bench_commit_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL)',
  );
  const clients = Array.from({ length: concurrency }, () => new Client({ connectionString: url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    const send = async (_i: number, client: number) => {
      await clients[client].query('BEGIN; INSERT INTO bench_commit_probe (at) VALUES (now()); COMMIT');
      return true;
    };
    const check = (): Verdict => 'ok';
    await runLoad(send, check, 1, concurrency, WARMUP_SECONDS);
    return await runLoad(send, check, 1, concurrency, LOAD_SECONDS);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await admin.query('DROP TABLE IF EXISTS bench_commit_probe');
    await admin.end();
  }
}

/** ~80% existing variants (random rows with at least one carrier: a row with AC=0 does not exist for the beacon), ~20% misses (same locus, an ALT the dataset does not have). */
async function sampleKeys(url: string, datasetId: string, n: number, seed: number): Promise<Key[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT setseed($1)', [((seed % 1000) / 1000) * 2 - 1]);
    const hits = (
      await client.query<{ chrom: string; pos: number; ref: string; alt: string; ac: number }>(
        `SELECT chrom, pos, ref, alt, ac FROM variant WHERE dataset_id = $1 AND ac > 0 ORDER BY random() LIMIT $2`,
        [datasetId, n],
      )
    ).rows.map((r) => ({ ...r, hit: true }));
    const misses: Key[] = [];
    for (const h of hits.slice(0, Math.ceil(n / 4))) {
      if (h.ref.length !== 1 || h.alt.length !== 1) continue;
      const alt = ['A', 'C', 'G', 'T'].find((b) => b !== h.ref && b !== h.alt) ?? 'N';
      const r = await client.query(POINT_SQL, [datasetId, h.chrom, h.pos, h.ref, alt]);
      if (r.rowCount === 0) misses.push({ ...h, alt, ac: 0, hit: false });
    }
    const keys = [...hits.slice(0, n - misses.length), ...misses];
    const rng = new SeededRandom(seed);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    return keys;
  } finally {
    await client.end();
  }
}

// -------------------------------------------------------------------------------------------- sections

interface BenchContext {
  pgEnv: NodeJS.ProcessEnv;
  embeddedEnv: NodeJS.ProcessEnv;
}

async function syntheticFile(spec: { records: number; samples: number; seed: number }): Promise<string> {
  const file = path.join(
    WORK,
    `synthetic-v${GENERATOR_VERSION}-${spec.records}x${spec.samples}-seed${spec.seed}.vcf.gz`,
  );
  if (!fs.existsSync(file)) {
    const tmp = `${file}.tmp-${process.pid}.gz`;
    const s = await writeSyntheticVcf({ ...spec, out: tmp });
    fs.renameSync(tmp, file);
    log(
      `  generated ${path.basename(file)}: ${fmt(s.genotypes)} genotypes, ${fmt(s.bytesWritten / 1048576)} MiB ` +
        `uncompressed in ${s.seconds.toFixed(1)} s (${fmt(s.genotypes / s.seconds / 1e6, 1)} M genotypes/s)`,
    );
  }
  return file;
}

async function benchIngestOne(
  label: string,
  env: NodeJS.ProcessEnv,
  job: IngestJob,
  withBcftools: boolean,
  /** The issue-#13 target this ingest decides against bcftools, if any. */
  target?: 'ingestChr20' | 'ingestSynthetic',
): Promise<IngestJobResult> {
  log(`- ingest ${label}`);
  const r = await runChild<IngestJobResult>(
    'ingest-worker.js',
    `ingest-${job.datasetId}-${env.DATABASE_URL ? 'postgres' : 'embedded'}`,
    [JSON.stringify(job)],
    env,
  );
  const s = r.summary;
  const bytes = await uncompressedBytes(job.file);
  const bcf = withBcftools ? bcftoolsSeconds(job.file) : undefined;
  const recPerS = s.records / r.seconds;
  const gtPerS = s.genotypes / r.seconds;
  record({
    section: 'ingest',
    metric: `${label}: time (${fmt(s.records)} records, ${fmt(s.genotypes)} genotypes, ${s.writePath})`,
    value: `${r.seconds.toFixed(2)} s`,
    reference:
      bcf !== undefined
        ? `bcftools norm -m- | +fill-tags ${bcf.toFixed(2)} s`
        : withBcftools
          ? 'bcftools absent'
          : '',
    ratio: bcf !== undefined ? ratio(r.seconds, bcf) : '',
    target: bcf !== undefined ? `≤ ${INGEST_TARGET_RATIO}x bcftools` : '',
  });
  record({
    section: 'ingest',
    metric: `${label}: rate`,
    value: `${fmt(recPerS)} records/s, ${fmt(gtPerS / 1e6, 2)} M genotypes/s`,
    reference: bcf !== undefined ? `bcftools ${fmt(s.records / bcf)} records/s` : '',
    ratio: bcf !== undefined ? ratio(s.records / r.seconds, s.records / bcf) : '',
    target: '',
  });
  record({
    section: 'ingest',
    metric: `${label}: peak RSS of the ingest process`,
    value: `${fmt(r.maxRssKiB / 1024)} MiB`,
    reference: `after boot ${fmt(r.bootMaxRssKiB / 1024)} MiB; file ${fmt(bytes / 1048576)} MiB uncompressed`,
    ratio: `${ratio(r.maxRssKiB * 1024, bytes)} of file`,
    target: 'bounded (≪ file)',
  });
  if (target && bcf !== undefined) {
    const line = verdict(
      target,
      r.seconds <= INGEST_TARGET_RATIO * bcf,
      `ingest ${label} ≤ ${INGEST_TARGET_RATIO}x bcftools: ${r.seconds.toFixed(2)} s vs ${bcf.toFixed(2)} s (${ratio(r.seconds, bcf)})`,
    );
    log(`  target: ${line}`);
  }
  return r;
}

async function ingestSection(ctx: BenchContext): Promise<void> {
  log('\n## 1. Ingest');
  await benchIngestOne(
    'chr20 1kGP 300 samples, PostgreSQL',
    ctx.pgEnv,
    { datasetId: DS_CHR20, file: FIXTURE, description: 'bench: 1kGP chr20 fixture', assembly: ASSEMBLY },
    true,
    'ingestChr20',
  );
  const synth = await syntheticFile(INGEST_SYNTH);
  await benchIngestOne(
    `synthetic ${fmt(INGEST_SYNTH.records)} x ${fmt(INGEST_SYNTH.samples)}, PostgreSQL`,
    ctx.pgEnv,
    { datasetId: DS_INGEST_SYNTH, file: synth, description: 'bench: synthetic ingest', assembly: ASSEMBLY },
    true,
    'ingestSynthetic',
  );
  await benchIngestOne(
    'chr20 1kGP 300 samples, embedded PGlite',
    ctx.embeddedEnv,
    { datasetId: DS_CHR20, file: FIXTURE, description: 'bench: 1kGP chr20 fixture', assembly: ASSEMBLY },
    false,
  );
}

/** `helixgate panel import --replace` of FILE as NAME (the CLI, as an operator runs it). */
function importPanel(env: NodeJS.ProcessEnv, name: string, file: string): void {
  const imported = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'dist/apps/cli/src/main.js'),
      'panel',
      'import',
      '--assembly',
      ASSEMBLY,
      '--name',
      name,
      '--replace',
      file,
    ],
    { env, encoding: 'utf8' },
  );
  if (imported.status !== 0)
    throw new Error(`panel import of ${name} failed: ${imported.stderr.trim().slice(-600)}`);
}

async function ensureQueryDataset(ctx: BenchContext): Promise<void> {
  const marker = `bench: synthetic v${GENERATOR_VERSION} seed=${QUERY_SYNTH.seed} records=${QUERY_SYNTH.records} samples=${QUERY_SYNTH.samples}`;
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  let present = false;
  try {
    const tables = await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'dataset'`);
    if (!tables.rows.length)
      throw new Error(
        `the query section needs the ingest section's datasets (${DB_URL} has no schema yet): run BENCH_SECTIONS=ingest,query`,
      );
    const r = await client.query<{ description: string; n: string }>(
      `SELECT d.description, (SELECT count(*) FROM variant v WHERE v.dataset_id = d.id) AS n
       FROM dataset d WHERE d.id = $1`,
      [DS_QUERY],
    );
    present =
      r.rows.length === 1 && r.rows[0].description === marker && Number(r.rows[0].n) === QUERY_SYNTH.records;
  } finally {
    await client.end();
  }
  const file = await syntheticFile(QUERY_SYNTH);
  if (present) log(`  reusing ${DS_QUERY} (${fmt(QUERY_SYNTH.records)} rows, same seed)`);
  else
    await benchIngestOne(
      `query dataset: synthetic ${fmt(QUERY_SYNTH.records)} x ${fmt(QUERY_SYNTH.samples)}, PostgreSQL`,
      ctx.pgEnv,
      { datasetId: DS_QUERY, file, description: marker, assembly: ASSEMBLY },
      false,
    );
  // Without a panel the shipped guard answers no one on this dataset (PRIVACY_PANEL_MISSING).
  importPanel(ctx.pgEnv, QUERY_PANEL, file);
}

function recordLoad(
  label: string,
  http: LoadResult,
  raw: LoadResult | undefined,
  targets: { p50?: string; qps?: string },
): void {
  const checks = `${fmt(http.requests)} requests, ${http.errors} errors, ${http.wrong} wrong, ${http.withheld} rare withheld`;
  record({
    section: 'query',
    metric: `${label}: p50 / p99 latency (p50 by key class)`,
    value: `${http.p50.toFixed(2)} / ${http.p99.toFixed(2)} ms (${classes(http)})`,
    reference: raw ? `raw PG ${raw.p50.toFixed(3)} / ${raw.p99.toFixed(3)} ms` : '',
    ratio: raw ? `p50 ${ratio(http.p50, raw.p50)}` : '',
    target: targets.p50 ?? '',
  });
  record({
    section: 'query',
    metric: `${label}: throughput (${checks})`,
    value: `${fmt(http.qps)} q/s`,
    reference: raw ? `raw PG ${fmt(raw.qps)} q/s` : '',
    ratio: raw ? ratio(http.qps, raw.qps) : '',
    target: targets.qps ?? '',
  });
}

async function querySection(ctx: BenchContext): Promise<void> {
  log('\n## 2. Query');
  await ensureQueryDataset(ctx);
  // The chr20 dataset's panel, as in the references section (either may run alone).
  importPanel(ctx.pgEnv, CHR20_PANEL, path.join(ROOT, CHR20_PANEL_FILE));
  const bigKeys = await sampleKeys(DB_URL, DS_QUERY, 2000, 7);
  const smallKeys = await sampleKeys(DB_URL, DS_CHR20, 2000, 7);
  const bigLabel = `${fmt(QUERY_SYNTH.records)}-row dataset`;
  const smallLabel = `${fmt(24_990)}-record chr20 dataset`;

  const gw = await startGateway(ctx.pgEnv, 'gateway-postgres');
  try {
    for (const c of [1, 16]) {
      log(`- HTTP beacon, ${bigLabel}, ${c} client(s), ${LOAD_SECONDS} s`);
      const h = await httpBeaconLoad(gw.url, DS_QUERY, bigKeys, c);
      const raw = await rawPgLoad(DB_URL, DS_QUERY, bigKeys, c);
      recordLoad(`HTTP beacon, ${bigLabel}, ${c} client${c > 1 ? 's' : ''}, PostgreSQL`, h, raw, {
        p50: c === 1 ? '< 2 ms' : undefined,
        qps: c === 16 ? '≥ 1,500 q/s' : undefined,
      });
      log(`- GraphQL floor { __typename }, ${c} client(s)`);
      const f = await httpFloorLoad(gw.url, c);
      record({
        section: 'query',
        metric: `${c} client${c > 1 ? 's' : ''}: HTTP beacon vs GraphQL \`{ __typename }\` on the same gateway (no database, no audit)`,
        value: `p50 ${h.p50.toFixed(2)} ms, ${fmt(h.qps)} q/s`,
        reference: `p50 ${f.p50.toFixed(2)} ms, ${fmt(f.qps)} q/s`,
        ratio: `p50 ${ratio(h.p50, f.p50)}`,
        target: '',
      });
      log(`- durable commit reference, ${c} client(s)`);
      const d = await durableCommitLoad(DB_URL, c);
      record({
        section: 'query',
        metric: `${c} client${c > 1 ? 's' : ''}: HTTP beacon vs one durable commit per request on the same PostgreSQL (the audit floor)`,
        value: `p50 ${h.p50.toFixed(2)} ms, ${fmt(h.qps)} q/s`,
        reference: `p50 ${d.p50.toFixed(2)} ms, ${fmt(d.qps)} commits/s`,
        ratio: `p50 ${ratio(h.p50, d.p50)}`,
        target: '',
      });
      log(`- HTTP beacon, ${smallLabel}, ${c} client(s)`);
      const s = await httpBeaconLoad(gw.url, DS_CHR20, smallKeys, c);
      record({
        section: 'query',
        metric: `size effect, ${c} client${c > 1 ? 's' : ''}: HTTP beacon on ${bigLabel} vs on ${smallLabel}`,
        value: `p50 ${h.p50.toFixed(2)} ms (${classes(h)}), ${fmt(h.qps)} q/s`,
        reference: `p50 ${s.p50.toFixed(2)} ms (${classes(s)}), ${fmt(s.qps)} q/s (${s.errors} errors, ${s.wrong} wrong, ${s.withheld} rare withheld)`,
        ratio: ratio(h.p50, s.p50),
        target: '',
      });
    }
  } finally {
    await gw.stop();
  }

  log(`- HTTP beacon on embedded PGlite, ${smallLabel}`);
  importPanel(ctx.embeddedEnv, CHR20_PANEL, path.join(ROOT, CHR20_PANEL_FILE));
  const egw = await startGateway(ctx.embeddedEnv, 'gateway-embedded');
  try {
    for (const c of [1, 16]) {
      const e = await httpBeaconLoad(egw.url, DS_CHR20, smallKeys, c);
      recordLoad(
        `HTTP beacon, ${smallLabel}, ${c} client${c > 1 ? 's' : ''}, embedded PGlite`,
        e,
        undefined,
        {},
      );
    }
  } finally {
    await egw.stop();
  }
}

// ------------------------------------------------------------------------------------- references (#13)

/** Closed-loop GETs of one path; `answer` turns the JSON body into the `exists` it reports. */
async function httpGetLoad(
  base: string,
  pathAndQuery: string,
  expect: boolean,
  answer: (body: unknown) => boolean | undefined,
  concurrency: number,
  cpuPid?: number,
): Promise<LoadResult> {
  const client = httpGetter(base, concurrency);
  const send = async () => {
    const result = answer(await client.get<unknown>(pathAndQuery));
    if (result === undefined) throw new Error('no answer in the body');
    return result;
  };
  const check = (_i: number, exists: boolean): Verdict => (exists === expect ? 'ok' : 'wrong');
  try {
    await send().catch((err: unknown) => {
      throw new Error(`GET ${pathAndQuery} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    await runLoad(send, check, 1, concurrency, WARMUP_SECONDS);
    return await withCpu(cpuPid, () => runLoad(send, check, 1, concurrency, LOAD_SECONDS));
  } finally {
    client.close();
  }
}

/** The three alleles of issue #13 from the chr20 dataset: the most common one, an absent one, one near AC 22. */
async function referenceAlleles(url: string): Promise<{ name: string; key: Key }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const pick = async (order: string) =>
      (
        await client.query<{ chrom: string; pos: number; ref: string; alt: string; ac: number; an: number }>(
          `SELECT chrom, pos, ref, alt, ac, an FROM variant
            WHERE dataset_id = $1 AND length(ref) = 1 AND length(alt) = 1 AND ac > 0 ORDER BY ${order}, pos LIMIT 1`,
          [DS_CHR20],
        )
      ).rows[0];
    const common = await pick('ac DESC');
    const rare = await pick('abs(ac - 22)');
    const alt = ['A', 'C', 'G', 'T'].find((b) => b !== common.ref && b !== common.alt)!;
    const absentRow = await client.query(POINT_SQL, [DS_CHR20, common.chrom, common.pos, common.ref, alt]);
    if (absentRow.rowCount) throw new Error('the absent reference allele exists');
    return [
      { name: `common allele (AC ${common.ac}/${common.an})`, key: { ...common, hit: true } },
      { name: 'absent allele', key: { ...common, alt, ac: 0, hit: false } },
      { name: `allele with AC ${rare.ac}/${rare.an} (privacy-guard path)`, key: { ...rare, hit: true } },
    ];
  } finally {
    await client.end();
  }
}

const restPath = (k: Key) =>
  `/api/g_variants?assemblyId=${ASSEMBLY}&referenceName=${k.chrom}&start=${k.pos - 1}` +
  `&referenceBases=${k.ref}&alternateBases=${k.alt}&datasetIds=${DS_CHR20}&requestedGranularity=count`;

const COUNT_QUERY = 'query Bench($q: BeaconQueryInput!) { beacon(query: $q) { exists numTotalResults } }';

/**
 * Issue #13's references, all in this run: a bare constant-JSON Node `http` server, the "same-work" server
 * (Node `http` + raw `pg`, the gateway's pool size, one indexed lookup + one durable insert per request) and
 * the gateway's count query for three alleles over REST and GraphQL, each at 16 clients (throughput) and
 * 1 client (p50). Then one met/missed line per target.
 */
async function referencesSection(ctx: BenchContext): Promise<void> {
  log('\n## 0. References (issue #13): bare server, same-work server, gateway count query');
  const present = new Client({ connectionString: DB_URL });
  await present.connect();
  const have = await present
    .query<{ n: number }>('SELECT count(*)::int AS n FROM variant WHERE dataset_id = $1', [DS_CHR20])
    .catch(() => ({ rows: [{ n: 0 }] }));
  await present.end();
  if (!(have.rows[0].n > 0)) {
    await benchIngestOne(
      'chr20 1kGP 300 samples, PostgreSQL (for the references)',
      ctx.pgEnv,
      { datasetId: DS_CHR20, file: FIXTURE, description: 'bench: 1kGP chr20 fixture', assembly: ASSEMBLY },
      false,
    );
  }
  // The chr20 dataset's reference panel (benchPolicies names it), imported once per run.
  importPanel(ctx.pgEnv, CHR20_PANEL, path.join(ROOT, CHR20_PANEL_FILE));
  const alleles = await referenceAlleles(DB_URL);
  const poolSize = ctx.pgEnv.HELIXGATE_DB_POOL_MAX ?? '10';
  /** 16 clients, then 1; the loads given `pidAt16(server)(c)` measure its CPU per answer at 16. */
  const byClients = (f: (c: number) => Promise<LoadResult>) =>
    (async () => ({ 16: await f(16), 1: await f(1) }))();
  const pidAt16 = (server: Gateway) => (c: number) => (c === 16 ? server.pid : undefined);
  const cpu = (r: LoadResult) => (r.cpuUs === undefined ? '' : `; CPU ${fmt(r.cpuUs)} µs/answer`);
  const measured: Record<string, { 16: LoadResult; 1: LoadResult }> = {};
  const line = (
    label: string,
    r: { 16: LoadResult; 1: LoadResult },
    ref?: { 16: LoadResult; 1: LoadResult },
  ) => {
    record({
      section: 'references',
      metric: `${label} (16 clients q/s; 1 client p50)`,
      value: `${fmt(r[16].qps)} q/s; p50 ${r[1].p50.toFixed(2)} ms${cpu(r[16])} (${r[16].errors + r[1].errors} errors, ${r[16].wrong + r[1].wrong} wrong)`,
      reference: ref
        ? `same-work ${fmt(ref[16].qps)} q/s; p50 ${ref[1].p50.toFixed(2)} ms${cpu(ref[16])}`
        : '',
      ratio: ref ? `${ratio(r[16].qps, ref[16].qps)} q/s; p50 +${(r[1].p50 - ref[1].p50).toFixed(2)} ms` : '',
      target: '',
    });
  };

  const bare = await startServer(
    'reference-server.js',
    'reference-bare',
    ['bare'],
    ctx.pgEnv,
    'BENCH_REFERENCE',
  );
  try {
    log('- bare constant-JSON Node http server');
    measured.bare = await byClients((c) =>
      httpGetLoad(
        bare.url,
        '/',
        true,
        (b) => (b as { responseSummary?: { exists: boolean } }).responseSummary?.exists,
        c,
        pidAt16(bare)(c),
      ),
    );
  } finally {
    await bare.stop();
  }
  line('bare Node http server, constant JSON', measured.bare);

  const same = await startServer(
    'reference-server.js',
    'reference-same-work',
    ['same-work', DB_URL, poolSize, DS_CHR20],
    ctx.pgEnv,
    'BENCH_REFERENCE',
  );
  try {
    log(`- same-work server: Node http + raw pg (pool ${poolSize}), one indexed lookup + one durable insert`);
    const k = alleles[0].key;
    measured.same = await byClients((c) =>
      httpGetLoad(
        same.url,
        `/?chrom=${k.chrom}&pos=${k.pos}&ref=${k.ref}&alt=${k.alt}`,
        true,
        (b) => (b as { responseSummary?: { exists: boolean } }).responseSummary?.exists,
        c,
        pidAt16(same)(c),
      ),
    );
  } finally {
    await same.stop();
  }
  line(`same-work server (pool ${poolSize})`, measured.same);
  record({
    section: 'references',
    metric: 'same-work server against the bare server (16 clients)',
    value: `${fmt(measured.same[16].qps)} q/s`,
    reference: `bare ${fmt(measured.bare[16].qps)} q/s`,
    ratio: ratio(measured.same[16].qps, measured.bare[16].qps),
    target: '',
  });

  const gw = await startGateway(ctx.pgEnv, 'gateway-references');
  try {
    const rest = (key: Key) => (c: number) =>
      httpGetLoad(
        gw.url,
        restPath(key),
        key.hit,
        (b) => (b as { responseSummary?: { exists: boolean } }).responseSummary?.exists,
        c,
        pidAt16(gw)(c),
      );
    const graphql = (key: Key) => (c: number) =>
      httpGraphqlLoad(
        gw.url,
        [
          Buffer.from(
            JSON.stringify({
              query: COUNT_QUERY,
              variables: {
                q: {
                  assemblyId: ASSEMBLY,
                  referenceName: key.chrom,
                  start: key.pos - 1,
                  referenceBases: key.ref,
                  alternateBases: key.alt,
                  datasetIds: [DS_CHR20],
                  requestedGranularity: 'COUNT',
                },
              },
            }),
          ),
        ],
        (_i, exists) => (exists === key.hit ? 'ok' : 'wrong'),
        (b) => b.data?.beacon?.exists,
        c,
        undefined,
        pidAt16(gw)(c),
      );
    // Every question once before any is measured: the first phase would otherwise pay for the gateway's
    // start (lazy module loads, JIT, prepared statements), measured at ~2x the CPU per answer of a later one.
    log('- gateway warm-up: every question below, unmeasured');
    for (const { key } of alleles) {
      await rest(key)(16);
      await graphql(key)(16);
    }
    for (const { name, key } of alleles) {
      log(`- gateway REST count, ${name}`);
      measured[`rest ${name}`] = await byClients(rest(key));
      line(`gateway REST /api/g_variants count, ${name}`, measured[`rest ${name}`], measured.same);
      log(`- gateway GraphQL count, ${name}`);
      measured[`graphql ${name}`] = await byClients(graphql(key));
      line(`gateway GraphQL beacon count, ${name}`, measured[`graphql ${name}`], measured.same);
    }
  } finally {
    await gw.stop();
  }

  // One line per target (issue #13): met or missed, with the numbers that decide it.
  const same16 = measured.same[16].qps;
  const sameP50 = measured.same[1].p50;
  const targets: string[] = [];
  for (const [i, { name }] of alleles.entries()) {
    const rest = measured[`rest ${name}`];
    const gql = measured[`graphql ${name}`];
    if (i < 2) {
      targets.push(
        verdict(
          'restThroughput',
          rest[16].qps >= 0.5 * same16,
          `REST count, ${name}, ≥ 50% of same-work throughput: ` +
            `${fmt(rest[16].qps)} / ${fmt(same16)} q/s = ${((100 * rest[16].qps) / same16).toFixed(0)}%`,
        ),
        verdict(
          'restP50',
          rest[1].p50 <= sameP50 + 0.5,
          `REST count, ${name}, p50 at 1 client ≤ same-work p50 + 0.5 ms: ` +
            `${rest[1].p50.toFixed(2)} ms vs ${(sameP50 + 0.5).toFixed(2)} ms`,
        ),
      );
    } else {
      targets.push(
        verdict(
          'guardThroughput',
          rest[16].qps >= 0.25 * same16,
          `REST count, ${name}, ≥ 25% of same-work throughput: ` +
            `${fmt(rest[16].qps)} / ${fmt(same16)} q/s = ${((100 * rest[16].qps) / same16).toFixed(0)}%`,
        ),
      );
    }
    targets.push(
      verdict(
        'graphql',
        gql[16].qps >= 0.8 * rest[16].qps,
        `GraphQL within 20% of REST, ${name}: ` +
          `${fmt(gql[16].qps)} vs ${fmt(rest[16].qps)} q/s (${ratio(gql[16].qps, rest[16].qps)})` +
          (gql[16].cpuUs !== undefined && rest[16].cpuUs !== undefined
            ? `; gateway CPU per answer ${fmt(gql[16].cpuUs)} vs ${fmt(rest[16].cpuUs)} µs (${ratio(rest[16].cpuUs, gql[16].cpuUs)})`
            : ''),
      ),
    );
  }
  targets.push(
    `(bare server ${fmt(measured.bare[16].qps)} q/s: the gateway's common-allele REST answer is ` +
      `${((100 * measured[`rest ${alleles[0].name}`][16].qps) / measured.bare[16].qps).toFixed(1)}% of it)`,
  );
  log('\n  targets:');
  for (const t of targets) log(`  ${t}`);
  notes.push(targets[targets.length - 1]);
}

const text = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'number'
        ? fmt(v, 2)
        : JSON.stringify(v);

/** Labels and targets for the numbers `bench/audit.bench.ts` returns (owned by the audit module). */
const AUDIT_METRICS: Record<string, { metric: string; unit: string; target: string }> = {
  overheadP50Ms: {
    metric: 'audit record() overhead per request, 1 client, p50',
    unit: 'ms',
    target: '< 0.5 ms',
  },
  overheadP99Ms: { metric: 'audit record() overhead per request, 1 client, p99', unit: 'ms', target: '' },
  eventsPerSecond16: {
    metric: 'audit events/s, 16 concurrent writers',
    unit: 'events/s',
    target: '≥ 5,000/s',
  },
  verifyRowsPerSecond: { metric: 'audit chain verification', unit: 'rows/s', target: '≥ 100,000 rows/s' },
  verifyRows: { metric: 'audit events verified', unit: 'rows', target: '' },
  verifyRowsPerCpuSecond: {
    metric: 'audit chain verification per CPU-second',
    unit: 'rows/CPU-s',
    target: '',
  },
  database: { metric: 'audit bench database', unit: '', target: '' },
};

/**
 * Participant withdrawal (issue #13): the query dataset's synthetic file (10^6 records x 100; quick 10^5)
 * ingested into a dataset of its own, then one participant withdrawn through ParticipantWithdrawalService.
 * Reference: the ingest of the same file in the same process, and the 165.8 s measured before (10^6 rows).
 */
async function withdrawalSection(ctx: BenchContext): Promise<void> {
  log('\n## Participant withdrawal');
  const file = await syntheticFile(QUERY_SYNTH);
  const job: WithdrawalJob = { datasetId: DS_WITHDRAWAL, file, sampleId: 'SYN0000050', assembly: ASSEMBLY };
  const r = await runChild<WithdrawalJobResult>(
    'withdrawal-worker.js',
    `withdrawal-${DS_WITHDRAWAL}`,
    [JSON.stringify(job)],
    ctx.pgEnv,
  );
  const target = WITHDRAWAL_BEFORE_SECONDS / 4 / SCALE;
  const decided = verdict(
    'withdrawal',
    r.withdrawalSeconds <= target,
    `withdrawal of 1 of ${r.individuals} participants on ${fmt(r.rows)} rows ≤ ${target.toFixed(1)} s ` +
      `(a quarter of ${WITHDRAWAL_BEFORE_SECONDS} s${QUICK ? ', / 10 for the quick run' : ''}): ` +
      `${r.withdrawalSeconds.toFixed(1)} s (${(WITHDRAWAL_BEFORE_SECONDS / SCALE / r.withdrawalSeconds).toFixed(2)}x the speed of then, 4x wanted; ` +
      `ingest of the same file ${r.ingestSeconds.toFixed(1)} s, ${ratio(r.withdrawalSeconds, r.ingestSeconds)})`,
  );
  record({
    section: 'withdrawal',
    metric: `withdraw 1 of ${r.individuals} participants, ${fmt(r.rows)} variant rows, PostgreSQL`,
    value: `${r.withdrawalSeconds.toFixed(1)} s (${fmt(r.rows / r.withdrawalSeconds)} rows/s; ${fmt(r.variantsRewritten)} re-sealed, ${fmt(r.variantsDeleted)} deleted; CPU ${r.withdrawalCpuSeconds.toFixed(1)} s in the worker${r.withdrawalDbCpuSeconds !== undefined ? ` + ${r.withdrawalDbCpuSeconds.toFixed(1)} s in PostgreSQL` : ''}; load average ${os.loadavg()[0].toFixed(1)})`,
    reference: `ingest of the same file ${r.ingestSeconds.toFixed(1)} s`,
    ratio: ratio(r.withdrawalSeconds, r.ingestSeconds),
    target: `≤ ${target.toFixed(1)} s (4x faster than ${WITHDRAWAL_BEFORE_SECONDS} s${QUICK ? ' / 10' : ''})`,
  });
  log(`  target: ${decided}`);
  record({
    section: 'withdrawal',
    metric: 'peak RSS of the withdrawal process',
    value: `${fmt(r.maxRssKiB / 1024)} MiB`,
    reference: `after the ingest ${fmt(r.beforeMaxRssKiB / 1024)} MiB`,
    ratio: '',
    target: 'bounded',
  });
}

async function auditSection(): Promise<void> {
  const file = path.join(__dirname, 'audit.bench.js');
  if (!fs.existsSync(file)) {
    notes.push('audit: bench/audit.bench.ts not present, section skipped');
    return;
  }
  log('\n## 3. Audit');
  // Guarded dynamic import: the audit module owns that file and its shape.
  const mod = (await import(file)) as Record<string, unknown>;
  const candidate = mod.runAuditBench ?? Object.values(mod).find((v) => typeof v === 'function');
  if (typeof candidate !== 'function') {
    notes.push('audit: bench/audit.bench.js exports no function, section skipped');
    return;
  }
  const run = candidate as (opts: Record<string, unknown>) => Promise<unknown>;
  // Its own database: the audit bench appends >= 100k events, which must not weigh on the query section.
  const dbName = decodeURIComponent(new URL(DB_URL).pathname.slice(1));
  const result = await run({
    databaseUrl: withDatabase(DB_URL, `${dbName}_audit`),
    seconds: QUICK ? 2 : 5,
    verifyRows: QUICK ? 10_000 : 100_000,
    log: (line: string) => log(`  ${line}`),
  });
  if (!result || typeof result !== 'object') {
    record({ section: 'audit', metric: 'result', value: text(result), reference: '', ratio: '', target: '' });
    return;
  }
  for (const [key, value] of Object.entries(result)) {
    const known = AUDIT_METRICS[key];
    const shown =
      typeof value === 'number'
        ? `${fmt(value, value < 10 ? 3 : 0)}${known ? ` ${known.unit}` : ''}`
        : text(value);
    record({
      section: 'audit',
      metric: known?.metric ?? key,
      value: shown,
      reference: '',
      ratio: '',
      target: known?.target ?? '',
    });
  }
}

/** Federated query over 5 loopback peers against the slowest single peer (bench/federation.bench.ts). */
async function federationSection(): Promise<void> {
  log('\n## 4. Federation');
  const { runFederationBench } = await import('./federation.bench');
  const dbName = decodeURIComponent(new URL(DB_URL).pathname.slice(1));
  const r = await runFederationBench({
    databaseUrl: withDatabase(DB_URL, `${dbName}_federation`),
    seconds: QUICK ? 2 : 5,
    log: (line: string) => log(`  ${line}`),
  });
  record({
    section: 'federation',
    metric: `federated query p50 / p99 (${r.peers} peers)`,
    value: `${fmt(r.federatedP50Ms, 2)} / ${fmt(r.federatedP99Ms, 2)} ms`,
    reference: `slowest single peer p50 ${fmt(r.slowestPeerP50Ms, 2)} ms`,
    ratio: `${fmt(r.ratio, 2)}x`,
    target: '<= 1.2x slowest + 2 ms',
  });
  record({
    section: 'federation',
    metric: `federated queries/s (${r.clients} clients)`,
    value: fmt(r.throughputQps, 0),
    reference: `local query p50 ${fmt(r.localP50Ms, 2)} ms`,
    ratio: '',
    target: '',
  });
}

/** MONDO for the DUO matcher (bench/ontology.bench.ts): load, descendants, is_a checks, xref index. */
async function ontologySection(): Promise<void> {
  log('\n## 5. Ontology (MONDO)');
  const { runOntologyBench } = await import('./ontology.bench');
  const r = runOntologyBench();
  record({
    section: 'ontology',
    metric: `MONDO load (${fmt(r.terms)} terms)`,
    value: `${fmt(r.loadMs, 0)} ms, ${fmt(r.heapMiB, 0)} MiB heap`,
    reference: `gunzip + JSON.parse alone ${fmt(r.parseOnlyMs, 0)} ms`,
    ratio: `${fmt(r.loadMs / r.parseOnlyMs, 2)}x`,
    target: '',
  });
  record({
    section: 'ontology',
    metric: 'descendants of cancer (first call builds the child index)',
    value: `${fmt(r.descendantsMs, 1)} ms (${fmt(r.descendantsCount)} terms)`,
    reference: '',
    ratio: '',
    target: '',
  });
  record({
    section: 'ontology',
    metric: 'is_a checks (colorectal cancer under cancer)',
    value: `${fmt(r.isAPerSecond, 0)} /s`,
    reference: `first cross-reference lookup (builds the xref index) ${fmt(r.xrefIndexMs, 0)} ms`,
    ratio: '',
    target: '',
  });
}

/** A beacon query's allele condition at the allele-length cap: now (LIKE) against before (a regular expression). */
async function inputSection(): Promise<void> {
  log('\n## 6. Input limits');
  const { runAllelePatternBench } = await import('./allele-pattern.bench');
  const r = await runAllelePatternBench({ databaseUrl: DB_URL, bases: 10_000, runs: QUICK ? 1 : 3 });
  for (const [db, like, regex] of [
    ['PostgreSQL', r.postgresLikeMs, r.postgresRegexMs],
    ['embedded', r.embeddedLikeMs, r.embeddedRegexMs],
  ] as const) {
    record({
      section: 'input',
      metric: `allele of ${fmt(r.bases)} N, one statement (${db})`,
      value: `${fmt(like, 2)} ms (LIKE + ACGTN guard)`,
      reference: `${fmt(regex, 1)} ms (regular expression, before)`,
      ratio: ratio(like, regex),
      target: '',
    });
  }
}

/** What the sections in their own files (records, scale) borrow from this one. */
function benchKit(ctx: BenchContext): BenchKit {
  return {
    quick: QUICK,
    root: ROOT,
    dbUrl: DB_URL,
    work: WORK,
    assembly: ASSEMBLY,
    loadSeconds: LOAD_SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    env: ctx.pgEnv,
    ingestSynth: INGEST_SYNTH,
    chr20: { datasetId: DS_CHR20, file: FIXTURE, records: 24_990 },
    log,
    record,
    note: (line) => notes.push(line),
    syntheticFile,
    ingest: async (label, job) => {
      const r = await benchIngestOne(label, ctx.pgEnv, job, false);
      return { seconds: r.seconds, records: r.summary.records };
    },
    runChild: (script, name, args) => runChild(script, name, args, ctx.pgEnv),
    startGateway: (name) => startGateway(ctx.pgEnv, name),
    runLoad: (send, keyCount, concurrency, seconds) =>
      runLoad(send, (_i, ok) => (ok ? 'ok' : 'wrong'), keyCount, concurrency, seconds),
    sampleKeys: (datasetId, n, seed) => sampleKeys(DB_URL, datasetId, n, seed),
  };
}

function markdown(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `# Helixgate benchmark ${new Date().toISOString()}${QUICK ? ' (BENCH_QUICK: 1/10 size)' : ''}`,
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; ` +
      `load phases ${LOAD_SECONDS} s after ${WARMUP_SECONDS} s warm-up; database ${new URL(DB_URL).pathname.slice(1)} on ${new URL(DB_URL).host}.`,
    '',
    '| section | metric | value | reference (same run) | ratio | target |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${[r.section, r.metric, r.value, r.reference, r.ratio, r.target].map(esc).join(' | ')} |`,
    ),
  ];
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  lines.push('', '## Issue #13 targets', '', ...targetSummary(ran).map((t) => `- ${t}`));
  return lines.join('\n') + '\n';
}

/**
 * A copy of the repository's policies with the privacy guard's limits lifted: the anonymous load must be
 * answered, not refused by the rate limiter or an exhausted risk budget. The guard still prices, charges
 * and records every query, so its cost stays in the numbers.
 */
function benchPolicies(): string {
  const dir = path.join(WORK, 'policies');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const source = path.join(ROOT, 'policies');
  for (const f of fs.readdirSync(source)) {
    if (!/^privacy\.(ya?ml|json)$/.test(f)) fs.copyFileSync(path.join(source, f), path.join(dir, f));
  }
  const original = path.join(source, 'privacy.yaml');
  const policy = (fs.existsSync(original) ? YAML.parse(fs.readFileSync(original, 'utf8')) : {}) as {
    defaults?: Record<string, unknown>;
    rateLimit?: Record<string, unknown>;
  } | null;
  const edited = { ...(policy ?? {}) };
  edited.defaults = {
    ...(edited.defaults ?? {}),
    riskBudget: 1e12,
    quota: { alleles: 1_000_000_000_000, windowSeconds: 86_400 },
    // The count budget (rule 7) is charged on every count query as shipped, and kept that way: only its cap
    // is lifted, so that the load is answered rather than refused after a handful of counts.
    counts: {
      ...(((edited.defaults ?? {}) as { counts?: Record<string, unknown> }).counts ?? {}),
      budget: 1e12,
    },
  };
  // The latency hold (a guarded answer leaves at the end of a 50 ms bucket: no timing channel) is a wait,
  // not work: with it every guarded answer takes >= 50 ms and 16 clients can never pass 320 q/s. Off here,
  // so the numbers show what the query path costs; a deployment keeps it.
  (edited as { timing?: Record<string, unknown> }).timing = {
    ...((edited as { timing?: Record<string, unknown> }).timing ?? {}),
    bucketMs: 0,
  };
  edited.rateLimit = { queries: 1_000_000_000, windowSeconds: 60 };
  // The chr20 dataset is priced from the 203 held-out 1000 Genomes samples (as the demo's chr20 dataset is):
  // its rare alleles take the privacy guard's path (pricing, carriers decrypted, budget charged).
  const datasets = { ...((edited as { datasets?: Record<string, unknown> }).datasets ?? {}) };
  datasets[DS_CHR20] = { panel: CHR20_PANEL };
  datasets[DS_QUERY] = { panel: QUERY_PANEL };
  (edited as { datasets?: Record<string, unknown> }).datasets = datasets;
  fs.writeFileSync(path.join(dir, 'privacy.yaml'), YAML.stringify(edited));
  notes.push(
    `the synthetic query dataset ${DS_QUERY} is priced from a panel imported from its own file (${QUERY_PANEL}): ` +
      'the numbers measure the cost of the guarded path, not a privacy configuration',
  );
  notes.push(
    'privacy policy for the bench: rate limit 10^9 queries/60 s, risk budget, allele quota and count budget 10^12 (the load ' +
      'is answered, not refused), latency hold off (timing.bucketMs 0: a deliberate wait of >= 50 ms per guarded ' +
      'answer, not work); the guard still prices, charges and records every query',
  );
  return dir;
}

async function main(): Promise<void> {
  const started = performance.now();
  fs.mkdirSync(WORK, { recursive: true });
  const keyFile = path.join(WORK, 'master-key.b64');
  const newKey = !fs.existsSync(keyFile);
  if (newKey) fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const masterKey = fs.readFileSync(keyFile, 'utf8').trim();
  // A new master key cannot open data keys wrapped by an old one: start from an empty database then.
  await ensureDatabase(DB_URL, newKey);
  const embeddedDir = fs.mkdtempSync(path.join(WORK, 'embedded-'));
  const policiesDir = benchPolicies();
  notes.push(
    `answers are checked: misses must answer exists=false and variants with AC > ${RARE_AC} exists=true ("wrong" otherwise); ` +
      `rarer variants answered false are counted as withheld by the privacy guard`,
  );
  const ctx: BenchContext = {
    pgEnv: childEnv({
      DATABASE_URL: DB_URL,
      HELIXGATE_MASTER_KEY: masterKey,
      HELIXGATE_DATA_DIR: path.join(WORK, 'node-pg'),
      HELIXGATE_POLICIES_DIR: policiesDir,
    }),
    embeddedEnv: childEnv({
      DATABASE_URL: undefined,
      HELIXGATE_MASTER_KEY: masterKey,
      HELIXGATE_DATA_DIR: embeddedDir,
      HELIXGATE_POLICIES_DIR: policiesDir,
    }),
  };
  log(
    `# Helixgate benchmark${QUICK ? ' (quick: 1/10 size)' : ''}: PostgreSQL ${new URL(DB_URL).host}${new URL(DB_URL).pathname}, work dir ${WORK}`,
  );
  try {
    const sections: Record<string, () => Promise<void>> = {
      ingest: () => ingestSection(ctx),
      references: () => referencesSection(ctx),
      query: () => querySection(ctx),
      withdrawal: () => withdrawalSection(ctx),
      audit: () => auditSection(),
      federation: () => federationSection(),
      ontology: () => ontologySection(),
      input: () => inputSection(),
      records: async () => (await import('./records.bench')).recordsSection(benchKit(ctx)),
      scale: async () => (await import('./scale.bench')).scaleSection(benchKit(ctx)),
    };
    const optIn = ['scale'];
    const only = process.env.BENCH_SECTIONS?.split(',').map((x) => x.trim());
    for (const [name, run] of Object.entries(sections))
      if (only ? only.includes(name) : !optIn.includes(name)) {
        await run();
        ran.push(name);
      }
  } finally {
    fs.rmSync(embeddedDir, { recursive: true, force: true });
  }
  notes.push(`total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const md = markdown();
  fs.writeFileSync(path.join(__dirname, 'results.md'), md);
  log(`\n${md}`);
  log(`(written to ${path.join(__dirname, 'results.md')})`);
  log('\nIssue #13 targets:');
  for (const t of targetSummary(ran)) log(`  ${t}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  if (rows.length) process.stdout.write(`\npartial results:\n${markdown()}`);
  process.exit(1);
});
