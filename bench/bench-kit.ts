import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';

/**
 * What `bench/run.ts` lends a section that lives in its own file (records, scale): its settings, its output
 * table, its child processes and its closed-loop load generator. Declared here by shape, so that such a
 * section depends on no more of run.ts than it uses.
 */
export interface BenchKit {
  quick: boolean;
  root: string;
  dbUrl: string;
  work: string;
  assembly: 'GRCh37' | 'GRCh38';
  loadSeconds: number;
  warmupSeconds: number;
  /** Environment of a gateway / CLI child on the bench's PostgreSQL database. */
  env: NodeJS.ProcessEnv;
  /** The ingest section's synthetic file spec (100,000 × 2,500; a tenth of it with BENCH_QUICK). */
  ingestSynth: SyntheticSpec;
  /** The chr20 dataset (24,990 records × 300) and its fixture. */
  chr20: { datasetId: string; file: string; records: number };
  log(line: string): void;
  record(row: BenchRow): void;
  note(line: string): void;
  /** The synthetic VCF for `spec`, generated into the work directory once (cached by spec). */
  syntheticFile(spec: SyntheticSpec): Promise<string>;
  /** (Re)creates the dataset and ingests the file in a child process, recording the ingest's numbers. */
  ingest(label: string, job: BenchIngestJob): Promise<{ seconds: number; records: number }>;
  /** Runs a compiled bench script as a child on `env` (profiled with BENCH_PROFILE); its `BENCH_RESULT` JSON. */
  runChild<T>(script: string, name: string, args: string[]): Promise<T>;
  startGateway(name: string): Promise<{ url: string; stop: () => Promise<void> }>;
  /** `concurrency` closed-loop clients for `seconds`; `send` resolves true when the answer is right. */
  runLoad(
    send: (i: number, client: number) => Promise<boolean>,
    keyCount: number,
    concurrency: number,
    seconds: number,
  ): Promise<BenchLoad>;
  /** Random existing variants (and ~20% misses at their loci) of a dataset, shuffled by seed. */
  sampleKeys(datasetId: string, n: number, seed: number): Promise<BenchKey[]>;
}

export interface SyntheticSpec {
  records: number;
  samples: number;
  seed: number;
}

export interface BenchRow {
  section: string;
  metric: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
}

export interface BenchIngestJob {
  datasetId: string;
  file: string;
  description: string;
  assembly: 'GRCh37' | 'GRCh38';
  securityLevel?: 'PUBLIC' | 'REGISTERED' | 'CONTROLLED';
}

export interface BenchLoad {
  requests: number;
  seconds: number;
  qps: number;
  p50: number;
  p99: number;
  errors: number;
  wrong: number;
}

export interface BenchKey {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  ac: number;
  hit: boolean;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');

/**
 * Issue #13's targets, each named once: a section decides one with `verdict`, and `targetSummary` prints a line
 * per target at the end of the run (MET / MISSED with the numbers, or "not run" when its section did not run).
 */
export const ISSUE13_TARGETS = {
  restThroughput: {
    section: 'query',
    text: 'REST count, common and absent allele, 16 clients: ≥ 50% of the same-work reference',
  },
  restP50: {
    section: 'query',
    text: 'REST count, common and absent allele, p50 at 1 client ≤ same-work p50 + 0.5 ms',
  },
  guardThroughput: {
    section: 'query',
    text: 'REST count on the privacy-guard path, 16 clients: ≥ 25% of the same-work reference',
  },
  graphql: { section: 'query', text: 'GraphQL within 20% of REST for the same question' },
  recordsP50: {
    section: 'records',
    text: 'record-level answer, 100 variants × 2,500 individuals: p50 ≤ 10 ms',
  },
  scale: { section: 'scale', text: 'count latency grows ≤ 1.5x from 2.5x10^4 to 10^7 variants' },
  ingestChr20: { section: 'ingest', text: 'ingest ≤ 1.5x bcftools norm -m- | +fill-tags, chr20 fixture' },
  ingestSynthetic: {
    section: 'ingest',
    text: 'ingest ≤ 1.5x bcftools norm -m- | +fill-tags, synthetic 10^5 × 2,500',
  },
  withdrawal: { section: 'withdrawal', text: 'participant withdrawal on 10^6 rows ≥ 4x faster than 165.8 s' },
} as const;
export type TargetId = keyof typeof ISSUE13_TARGETS;

const decided: { id: TargetId; ok: boolean; detail: string }[] = [];

/**
 * The one way a section decides a target: records it for the summary and returns the section's own line,
 * `MET: <detail>` or `MISSED: <detail>` (detail: what was compared, with the numbers).
 */
export function verdict(id: TargetId, ok: boolean, detail: string): string {
  decided.push({ id, ok, detail });
  return `${ok ? 'MET' : 'MISSED'}: ${detail}`;
}

/**
 * One line per issue-#13 target, in the issue's order: MET when every decision recorded for it was met,
 * MISSED otherwise, with each decision's numbers; "not run" when its section did not run (`ran`: the sections
 * that did), "no verdict" when it ran without deciding (e.g. bcftools absent).
 */
export function targetSummary(ran: readonly string[]): string[] {
  return (Object.keys(ISSUE13_TARGETS) as TargetId[]).map((id) => {
    const { section, text } = ISSUE13_TARGETS[id];
    const mine = decided.filter((d) => d.id === id);
    if (!mine.length)
      return `${ran.includes(section) ? 'NO VERDICT' : 'NOT RUN'}: ${text} (section ${section}${ran.includes(section) ? ' ran without deciding it' : ' not run'})`;
    const ok = mine.every((d) => d.ok);
    const details =
      mine.length === 1
        ? mine[0].detail
        : mine.map((d) => `${d.ok ? 'met' : 'missed'}: ${d.detail}`).join('; ');
    return `${ok ? 'MET' : 'MISSED'}: ${text} — ${details}`;
  });
}

/** Warm-up, then the measured phase. */
export async function measure(
  kit: BenchKit,
  send: (i: number, client: number) => Promise<boolean>,
  keyCount: number,
  concurrency: number,
): Promise<BenchLoad> {
  await kit.runLoad(send, keyCount, concurrency, kit.warmupSeconds);
  return kit.runLoad(send, keyCount, concurrency, kit.loadSeconds);
}

/** `helixgate <args>` (the built CLI, as an operator runs it); its stdout. */
export function cli(kit: BenchKit, args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(kit.root, 'dist/apps/cli/src/main.js'), ...args], {
    env: kit.env,
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(`helixgate ${args.slice(0, 2).join(' ')} failed: ${r.stderr.trim().slice(-600)}`);
  return r.stdout;
}

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql<T>(base: string, token: string, query: string, variables: object): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GraphqlAnswer<T>;
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL: ${body.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
  return body.data;
}

/**
 * A researcher holding an approved access grant on each dataset, made as a node's people would: the operator
 * adds a steward and a researcher with the CLI (`users add`, `datasets steward`, `tokens issue --bona-fide`),
 * the researcher submits an access request over GraphQL and the steward approves it. Returns the researcher's
 * bearer token.
 */
export async function grantedResearcher(
  kit: BenchKit,
  gatewayUrl: string,
  datasetIds: string[],
): Promise<string> {
  const suffix = randomBytes(4).toString('hex');
  const steward = `bench-steward-${suffix}`;
  const researcher = `bench-researcher-${suffix}`;
  const add = (username: string, role: string) =>
    cli(kit, [
      'users',
      'add',
      '--username',
      username,
      '--role',
      role,
      '--institution',
      'Bench University',
      '--no-invitation',
    ]);
  add(steward, 'steward');
  add(researcher, 'researcher');
  for (const d of datasetIds) cli(kit, ['datasets', 'steward', '--dataset', d, '--user', steward]);
  const stewardToken = cli(kit, ['tokens', 'issue', '--user', steward, '--ttl', '8h']).trim();
  const researcherToken = cli(kit, [
    'tokens',
    'issue',
    '--user',
    researcher,
    '--ttl',
    '8h',
    '--bona-fide',
  ]).trim();
  for (const d of datasetIds) {
    const submitted = await graphql<{ submitAccessRequest: { id: string } }>(
      gatewayUrl,
      researcherToken,
      'mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id } }',
      {
        i: {
          datasetId: d,
          projectTitle: 'Helixgate bench',
          justification: 'Measuring record-level and count answers for the benchmark (issue 13).',
          purpose: { category: 'GENERAL_RESEARCH', commercial: false, forProfitOrganization: false },
        },
      },
    );
    const approved = await graphql<{ approveAccessRequest: { status: string } }>(
      gatewayUrl,
      stewardToken,
      'mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { status } }',
      {
        id: submitted.submitAccessRequest.id,
        e: new Date(Date.now() + 86_400_000).toISOString(),
      },
    );
    if (approved.approveAccessRequest.status !== 'APPROVED')
      throw new Error(`access request on ${d}: ${approved.approveAccessRequest.status}`);
  }
  return researcherToken;
}

/** A keep-alive GET client for one base URL, as one bearer (or anonymously); rejects on a non-200. */
export function httpGetter(base: string, concurrency: number, token?: string) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  /** The body as text: a load loop that parsed a megabyte of JSON per answer would time its own parser. */
  const getText = (pathAndQuery: string) =>
    new Promise<string>((resolve, reject) => {
      const req = http.get(
        { agent, host: url.hostname, port: url.port, path: pathAndQuery, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(text)
              : reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  const get = async <T>(pathAndQuery: string) => JSON.parse(await getText(pathAndQuery)) as T;
  return { get, getText, close: () => agent.destroy() };
}
