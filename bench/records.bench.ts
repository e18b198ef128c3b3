import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as zlib from 'node:zlib';
import { Client } from 'pg';
import {
  type BenchKit,
  type BenchLoad,
  fmt,
  grantedResearcher,
  httpGetter,
  measure,
  ratio,
  verdict,
} from './bench-kit';
import { recordWindows } from './record-windows';
import type { RecordsJob, RecordsJobResult } from './records-worker';

/**
 * The records section of `npm run bench` (issue #13: "record-level answer for 100 variants × 2,500
 * individuals: p50 ≤ 10 ms"). A CONTROLLED dataset of the ingest section's synthetic file (2,500 individuals),
 * a researcher holding an approved grant on it (CLI + GraphQL, as a node's people make one), and
 * record-granularity `/api/g_variants` range queries, each window matching exactly 100 variants, answered with
 * their carriers (caseLevelData). References in the same run: the count answer on the same windows (same
 * gateway, same caller), the record path's own reads + decryption in process (`VariantRecordsService.carriers`,
 * no HTTP) and the raw PostgreSQL reads of the same rows.
 */
export const RECORDS_DATASET = 'bench-records-2500';
const VARIANTS_PER_ANSWER = 100;
const TARGET_P50_MS = 10;

interface Window {
  start: number;
  end: number;
  keys: { chrom: string; pos: number; ref: string; alt: string }[];
}

interface RecordsBody {
  responseSummary?: { exists: boolean; numTotalResults?: number };
  response?: { resultSets: { resultsCount: number; results: { caseLevelData?: unknown[] }[] }[] };
}

async function ensureRecordsDataset(kit: BenchKit): Promise<number> {
  const spec = kit.ingestSynth;
  const marker = `bench: records, synthetic seed=${spec.seed} records=${spec.records} samples=${spec.samples}`;
  const client = new Client({ connectionString: kit.dbUrl });
  await client.connect();
  let present = false;
  try {
    const r = await client
      .query<{ description: string; n: number }>(
        `SELECT d.description, (SELECT count(*)::int FROM variant v WHERE v.dataset_id = d.id) AS n
           FROM dataset d WHERE d.id = $1`,
        [RECORDS_DATASET],
      )
      .catch(() => ({ rows: [] as { description: string; n: number }[] }));
    present = r.rows.length === 1 && r.rows[0].description === marker && r.rows[0].n > 0;
  } finally {
    await client.end();
  }
  if (present) {
    kit.log(`  reusing ${RECORDS_DATASET} (same file)`);
    return spec.samples;
  }
  const file = await kit.syntheticFile(spec);
  await kit.ingest(`records dataset: synthetic ${fmt(spec.records)} x ${fmt(spec.samples)}, CONTROLLED`, {
    datasetId: RECORDS_DATASET,
    file,
    description: marker,
    assembly: kit.assembly,
    securityLevel: 'CONTROLLED',
  });
  return spec.samples;
}

/** Windows of exactly 100 variants each, spread over the dataset (bench/record-windows.ts). */
async function loadWindows(kit: BenchKit, count: number): Promise<Window[]> {
  const client = new Client({ connectionString: kit.dbUrl });
  await client.connect();
  try {
    const rows = (
      await client.query<{
        chrom: string;
        pos: number;
        end_pos: number;
        ref: string;
        alt: string;
        ac: number;
      }>('SELECT chrom, pos, end_pos, ref, alt, ac FROM variant WHERE dataset_id = $1 ORDER BY chrom, pos', [
        RECORDS_DATASET,
      ])
    ).rows;
    const chrom = rows[0]?.chrom;
    if (!rows.every((r) => r.chrom === chrom))
      throw new Error(`${RECORDS_DATASET} spans more than one contig`);
    return recordWindows(
      rows.map((r) => ({ pos: r.pos, endPos: r.end_pos, ac: r.ac })),
      VARIANTS_PER_ANSWER,
      count,
    ).map((w) => ({
      start: w.start,
      end: w.end,
      keys: w.rows.map((i) => ({
        chrom: rows[i].chrom,
        pos: rows[i].pos,
        ref: rows[i].ref,
        alt: rows[i].alt,
      })),
    }));
  } finally {
    await client.end();
  }
}

const RANGE_ROWS_SQL = `SELECT chrom, pos, ref, alt, variant_type, genotypes FROM variant
  WHERE dataset_id = $1 AND chrom = $2 AND pos BETWEEN $3 AND $4 AND end_pos >= $3 AND ac > 0 ORDER BY pos`;
const INDIVIDUALS_SQL =
  'SELECT idx, sample_id_enc, withdrawn_at IS NOT NULL AS withdrawn FROM individual WHERE dataset_id = $1 ORDER BY idx';

/** The same rows straight from PostgreSQL: the window's sealed rows and the individuals, as the record path reads them. */
async function rawReadLoad(kit: BenchKit, windows: Window[], concurrency: number): Promise<BenchLoad> {
  const clients = Array.from({ length: concurrency }, () => new Client({ connectionString: kit.dbUrl }));
  await Promise.all(clients.map((c) => c.connect()));
  const send = async (i: number, client: number) => {
    const w = windows[i];
    const c = clients[client];
    const [rows, individuals] = await Promise.all([
      c.query({
        name: 'bench_records_range',
        text: RANGE_ROWS_SQL,
        values: [RECORDS_DATASET, w.keys[0].chrom, w.start + 1, w.end],
      }),
      c.query({ name: 'bench_records_individuals', text: INDIVIDUALS_SQL, values: [RECORDS_DATASET] }),
    ]);
    return rows.rowCount === VARIANTS_PER_ANSWER && (individuals.rowCount ?? 0) > 0;
  };
  try {
    return await measure(kit, send, windows.length, concurrency);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

export async function recordsSection(kit: BenchKit): Promise<void> {
  kit.log('\n## 7. Record-level answers (issue #13)');
  const samples = await ensureRecordsDataset(kit);
  const windows = await loadWindows(kit, kit.quick ? 20 : 50);
  if (windows.length === 0)
    throw new Error(`no window of ${VARIANTS_PER_ANSWER} variants in ${RECORDS_DATASET}`);
  const url = (w: Window, granularity: 'record' | 'count') =>
    `/api/g_variants?assemblyId=${kit.assembly}&referenceName=${w.keys[0].chrom}&start=${w.start}&end=${w.end}` +
    `&datasetIds=${RECORDS_DATASET}&requestedGranularity=${granularity}&limit=${VARIANTS_PER_ANSWER}`;
  const recordOk = (b: RecordsBody) => {
    const set = b.response?.resultSets[0];
    return (
      set?.resultsCount === VARIANTS_PER_ANSWER &&
      set.results.length === VARIANTS_PER_ANSWER &&
      set.results.every((r) => Array.isArray(r.caseLevelData))
    );
  };
  const countOk = (b: RecordsBody) =>
    b.responseSummary?.exists === true && b.responseSummary.numTotalResults === VARIANTS_PER_ANSWER;

  const gw = await kit.startGateway('gateway-records');
  const measured: Record<string, Record<number, BenchLoad>> = { record: {}, count: {}, raw: {} };
  let carriersPerAnswer = 0;
  let bytesPerAnswer = 0;
  // A few answers kept parsed: serializing them alone is the floor under any JSON answer of this size.
  const kept: unknown[] = [];
  let firstError: string | undefined;
  try {
    const token = await grantedResearcher(kit, gw.url, [RECORDS_DATASET]);
    // Every window once, up front: a wrong answer fails loudly here, and the answers' size is known.
    for (const w of windows) {
      const res = await fetch(`${gw.url}${url(w, 'record')}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await res.text();
      const body = JSON.parse(text) as RecordsBody;
      if (res.status !== 200 || !recordOk(body))
        throw new Error(
          `record answer for window ${w.start}-${w.end}: HTTP ${res.status} ${text.slice(0, 300)}`,
        );
      bytesPerAnswer += Buffer.byteLength(text) / windows.length;
      if (kept.length < 5) kept.push(body);
      const count = await fetch(`${gw.url}${url(w, 'count')}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const countText = await count.text();
      if (count.status !== 200 || !countOk(JSON.parse(countText) as RecordsBody))
        throw new Error(
          `count answer for window ${w.start}-${w.end}: HTTP ${count.status} ${countText.slice(0, 300)}`,
        );
      for (const r of body.response!.resultSets[0].results)
        carriersPerAnswer += (r.caseLevelData?.length ?? 0) / windows.length;
    }
    // In the load, the answers are checked by their count fields (the probe above parsed every one in full).
    const marks = {
      record: `"resultsCount":${VARIANTS_PER_ANSWER},`,
      count: `"exists":true,"numTotalResults":${VARIANTS_PER_ANSWER}}`,
    };
    for (const name of ['record', 'count'] as const) {
      for (const c of [1, 16]) {
        kit.log(`- ${name} answers, ${c} client(s), ${kit.loadSeconds} s`);
        const client = httpGetter(gw.url, c, token);
        try {
          const send = async (i: number) => {
            try {
              return (await client.getText(url(windows[i], name))).includes(marks[name]);
            } catch (err) {
              // The load counts errors; the first one's message is worth printing.
              firstError ??= `${name}, ${c} client(s): ${err instanceof Error ? err.message : String(err)}`;
              throw err;
            }
          };
          measured[name][c] = await measure(kit, send, windows.length, c);
        } finally {
          client.close();
        }
      }
    }
  } finally {
    await gw.stop();
  }
  for (const c of [1, 16]) {
    kit.log(`- raw PostgreSQL reads of the same rows, ${c} client(s)`);
    measured.raw[c] = await rawReadLoad(kit, windows, c);
  }
  kit.log('- the record path in process: VariantRecordsService.carriers (reads + decrypt), 1 caller');
  const jobFile = path.join(kit.work, 'records-job.json');
  const job: RecordsJob = {
    datasetId: RECORDS_DATASET,
    windows: windows.map((w) => w.keys),
    seconds: kit.loadSeconds,
    warmupSeconds: kit.warmupSeconds,
  };
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const engine = await kit.runChild<RecordsJobResult>('records-worker.js', 'records-engine', [jobFile]);

  const stringifyMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    JSON.stringify(kept[i % kept.length]);
    stringifyMs.push(performance.now() - t0);
  }
  const stringifyP50 = stringifyMs.sort((a, b) => a - b)[stringifyMs.length >> 1];
  // What compressing the answer would add (the gateway sends none, and the bench asks for none): gzip at
  // zlib's default level, in the bench process.
  const gzipMs: number[] = [];
  let gzipBytes = 0;
  for (let i = 0; i < 10; i++) {
    const text = JSON.stringify(kept[i % kept.length]);
    const t0 = performance.now();
    gzipBytes = zlib.gzipSync(text).length;
    gzipMs.push(performance.now() - t0);
  }
  const gzipP50 = gzipMs.sort((a, b) => a - b)[gzipMs.length >> 1];

  const rec = measured.record;
  const checks = (r: BenchLoad) => `${fmt(r.requests)} requests, ${r.errors} errors, ${r.wrong} wrong`;
  const what = `${VARIANTS_PER_ANSWER} variants × ${fmt(samples)} individuals (${fmt(carriersPerAnswer)} carriers, ${fmt(bytesPerAnswer / 1024)} KiB JSON per answer)`;
  kit.record({
    section: 'records',
    metric: `record answer, ${what}, 1 client: p50 / p99 (${checks(rec[1])})`,
    value: `${rec[1].p50.toFixed(2)} / ${rec[1].p99.toFixed(2)} ms`,
    reference: `count answer, same windows and caller: ${measured.count[1].p50.toFixed(2)} / ${measured.count[1].p99.toFixed(2)} ms`,
    ratio: `p50 ${ratio(rec[1].p50, measured.count[1].p50)}`,
    target: `p50 ≤ ${TARGET_P50_MS} ms`,
  });
  kit.record({
    section: 'records',
    metric: `record answer, 16 clients: throughput (${checks(rec[16])})`,
    value: `${fmt(rec[16].qps)} answers/s (${fmt((rec[16].qps * carriersPerAnswer) / 1000)}k carriers/s)`,
    reference: `count answer ${fmt(measured.count[16].qps)} q/s`,
    ratio: ratio(rec[16].qps, measured.count[16].qps),
    target: '',
  });
  kit.record({
    section: 'records',
    metric:
      'record answer against its reads + decryption in process (VariantRecordsService.carriers, no HTTP), 1 client p50',
    value: `${rec[1].p50.toFixed(2)} ms`,
    reference: `in process ${engine.p50.toFixed(2)} / ${engine.p99.toFixed(2)} ms p50 / p99 (${fmt(engine.carriersPerAnswer)} carriers)`,
    ratio: ratio(rec[1].p50, engine.p50),
    target: '',
  });
  kit.record({
    section: 'records',
    metric:
      'record answer against serializing the same JSON answer alone (JSON.stringify in the bench process), p50',
    value: `${rec[1].p50.toFixed(2)} ms`,
    reference: `JSON.stringify ${stringifyP50.toFixed(2)} ms (${fmt(bytesPerAnswer / 1024)} KiB)`,
    ratio: ratio(rec[1].p50, stringifyP50),
    target: '',
  });
  kit.record({
    section: 'records',
    metric:
      'record answer against gzip of the same answer alone (zlib default level, in the bench process), p50',
    value: `${rec[1].p50.toFixed(2)} ms`,
    reference: `gzip ${gzipP50.toFixed(2)} ms (${fmt(bytesPerAnswer / 1024)} KiB -> ${fmt(gzipBytes / 1024)} KiB); not sent compressed`,
    ratio: ratio(rec[1].p50, gzipP50),
    target: '',
  });
  kit.record({
    section: 'records',
    metric:
      'raw PostgreSQL reads of the same rows (the window + the individuals, prepared), p50 at 1 client; q/s at 16',
    value: `${measured.raw[1].p50.toFixed(2)} ms; ${fmt(measured.raw[16].qps)} q/s (${measured.raw[1].wrong + measured.raw[16].wrong} wrong)`,
    reference: `record answer ${rec[1].p50.toFixed(2)} ms; ${fmt(rec[16].qps)} answers/s`,
    ratio: `p50 ${ratio(rec[1].p50, measured.raw[1].p50)} of raw`,
    target: '',
  });
  const target = verdict(
    'recordsP50',
    rec[1].p50 <= TARGET_P50_MS,
    `record-level answer, ${VARIANTS_PER_ANSWER} variants × ${fmt(samples)} individuals, p50 ≤ ${TARGET_P50_MS} ms: ` +
      `${rec[1].p50.toFixed(2)} ms (reads + decrypt in process ${engine.p50.toFixed(2)} ms, raw reads ` +
      `${measured.raw[1].p50.toFixed(2)} ms, JSON.stringify of the answer alone ${stringifyP50.toFixed(2)} ms)`,
  );
  if (firstError) kit.note(`records: first error in the load: ${firstError.slice(0, 300)}`);
  kit.log(`\n  target:\n  ${target}`);
}
