import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  type BenchKey,
  type BenchKit,
  type BenchLoad,
  fmt,
  grantedResearcher,
  httpGetter,
  measure,
  ratio,
  verdict,
} from './bench-kit';
import { writeSyntheticVcf } from './synthetic-vcf';

/**
 * The scale section of `npm run bench` (opt-in: `BENCH_SECTIONS=scale`; issue #13: "latency grows ≤ 1.5× from
 * 2.5×10^4 to 10^7 variants in a dataset, bench dataset with 100 individuals at 10^7 rows"). Generates and
 * ingests a synthetic dataset of `BENCH_SCALE_RECORDS` rows × 100 individuals (default 10^7, 10^6 with
 * BENCH_QUICK; kept across runs, re-ingested only when the size or seed changes), then measures the count
 * query's p50 at 1 client on it and on the 24,990-record chr20 dataset, in alternating phases (the shared
 * machine's load drifts), and the raw PostgreSQL point lookup of the same keys on both.
 *
 * The caller holds a grant on both datasets, so the answers are exact and neither needs a reference panel
 * (importing one for 10^7 rows would cost as much as the ingest): the number is what the dataset's size does to
 * the match, entitlement and audit path, not to the privacy guard's pricing.
 */
const SAMPLES = 100;
const SEED = 20260104;
const TARGET_RATIO = 1.5;
/** The generator's default mean distance between rows, and its first position. */
const DEFAULT_GAP = 50;
const FIRST_POS = 60_000;
/** GRCh37 chr20 (the generator's contig line; ingest refuses a POS beyond it). */
const CHR20_LENGTH = 63_025_520;

/**
 * Mean distance between rows such that `records` rows fit on chr20 with 5% to spare: the generator's
 * default 50 up to 1.2 M rows, denser beyond (5 for 10^7 rows). Rows are one contig's, so density is the
 * only way to 10^7 of them.
 */
export function scaleGap(records: number): number {
  const gap = Math.floor((CHR20_LENGTH - FIRST_POS) / records / 1.05);
  if (gap < 1) throw new Error(`${records} rows do not fit on chr20`);
  return Math.min(DEFAULT_GAP, gap);
}

/** The scale dataset's file: the kit's cached synthetic file at the default gap, else one of its own. */
async function scaleFile(kit: BenchKit, records: number, gap: number): Promise<string> {
  const spec = { records, samples: SAMPLES, seed: SEED };
  if (gap === DEFAULT_GAP) return kit.syntheticFile(spec);
  const file = path.join(kit.work, `synthetic-scale-${records}x${SAMPLES}-seed${SEED}-gap${gap}.vcf.gz`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.tmp-${process.pid}.gz`;
    const s = await writeSyntheticVcf({ ...spec, meanGap: gap, out: tmp });
    fs.renameSync(tmp, file);
    kit.log(`  generated ${path.basename(file)}: ${fmt(s.genotypes)} genotypes in ${s.seconds.toFixed(1)} s`);
  }
  return file;
}

export function scaleRecords(quick: boolean): number {
  const n = Number(process.env.BENCH_SCALE_RECORDS ?? (quick ? 1_000_000 : 10_000_000));
  if (!Number.isInteger(n) || n < 1000) throw new Error('BENCH_SCALE_RECORDS must be an integer ≥ 1000');
  return n;
}

async function datasetRows(kit: BenchKit, datasetId: string, marker?: string): Promise<number> {
  const client = new Client({ connectionString: kit.dbUrl });
  await client.connect();
  try {
    const r = await client
      .query<{ description: string; n: number }>(
        `SELECT d.description, (SELECT count(*)::int FROM variant v WHERE v.dataset_id = d.id) AS n
           FROM dataset d WHERE d.id = $1`,
        [datasetId],
      )
      .catch(() => ({ rows: [] as { description: string; n: number }[] }));
    const row = r.rows[0];
    return row && (marker === undefined || row.description === marker) ? row.n : 0;
  } finally {
    await client.end();
  }
}

const POINT_SQL =
  'SELECT ac, an FROM variant WHERE dataset_id = $1 AND chrom = $2 AND pos = $3 AND ref = $4 AND alt = $5';

async function rawPointLoad(kit: BenchKit, datasetId: string, keys: BenchKey[]): Promise<BenchLoad> {
  const client = new Client({ connectionString: kit.dbUrl });
  await client.connect();
  const send = async (i: number) => {
    const k = keys[i];
    const r = await client.query({
      name: 'bench_scale_point',
      text: POINT_SQL,
      values: [datasetId, k.chrom, k.pos, k.ref, k.alt],
    });
    return (r.rowCount ?? 0) > 0 === k.hit;
  };
  try {
    return await measure(kit, send, keys.length, 1);
  } finally {
    await client.end();
  }
}

export async function scaleSection(kit: BenchKit): Promise<void> {
  const records = scaleRecords(kit.quick);
  const datasetId = `bench-scale-${records}`;
  kit.log(`\n## 8. Size effect (issue #13): ${fmt(records)} rows × ${SAMPLES} individuals against chr20`);
  const gap = scaleGap(records);
  const marker =
    `bench: scale, synthetic seed=${SEED} records=${records} samples=${SAMPLES}` +
    (gap === DEFAULT_GAP ? '' : ` gap=${gap}`);
  let rows = await datasetRows(kit, datasetId, marker);
  if (rows === records) kit.log(`  reusing ${datasetId} (${fmt(rows)} rows, same seed)`);
  else {
    const file = await scaleFile(kit, records, gap);
    const r = await kit.ingest(`scale dataset: synthetic ${fmt(records)} x ${SAMPLES}, PostgreSQL`, {
      datasetId,
      file,
      description: marker,
      assembly: kit.assembly,
    });
    rows = r.records;
  }
  const small = kit.chr20;
  if ((await datasetRows(kit, small.datasetId)) === 0)
    await kit.ingest('chr20 1kGP 300 samples, PostgreSQL (for the size effect)', {
      datasetId: small.datasetId,
      file: small.file,
      description: 'bench: 1kGP chr20 fixture',
      assembly: kit.assembly,
    });
  const bigKeys = await kit.sampleKeys(datasetId, 2000, 7);
  const smallKeys = await kit.sampleKeys(small.datasetId, 2000, 7);

  const gw = await kit.startGateway('gateway-scale');
  const p50: Record<'big' | 'small', BenchLoad[]> = { big: [], small: [] };
  try {
    const token = await grantedResearcher(kit, gw.url, [datasetId, small.datasetId]);
    const client = httpGetter(gw.url, 1, token);
    const countLoad = (ds: string, keys: BenchKey[]) =>
      measure(
        kit,
        async (i) => {
          const k = keys[i];
          const b = await client.get<{ responseSummary?: { exists: boolean } }>(
            `/api/g_variants?assemblyId=${kit.assembly}&referenceName=${k.chrom}&start=${k.pos - 1}` +
              `&referenceBases=${k.ref}&alternateBases=${k.alt}&datasetIds=${ds}&requestedGranularity=count`,
          );
          // A grant holder's answer is exact: every sampled row (AC > 0) exists, every miss does not.
          return b.responseSummary?.exists === k.hit;
        },
        keys.length,
        1,
      );
    try {
      // Alternating phases, twice: the machine is shared and its load drifts between phases.
      for (let round = 1; round <= 2; round++) {
        kit.log(`- count query, 1 client, round ${round}: chr20, then ${fmt(records)} rows`);
        p50.small.push(await countLoad(small.datasetId, smallKeys));
        p50.big.push(await countLoad(datasetId, bigKeys));
      }
    } finally {
      client.close();
    }
  } finally {
    await gw.stop();
  }
  kit.log('- raw PostgreSQL point lookups of the same keys, 1 client');
  const rawBig = await rawPointLoad(kit, datasetId, bigKeys);
  const rawSmall = await rawPointLoad(kit, small.datasetId, smallKeys);

  const best = (l: BenchLoad[]) => l.reduce((a, b) => (b.p50 < a.p50 ? b : a));
  const big = best(p50.big);
  const sm = best(p50.small);
  const rounds = (l: BenchLoad[]) => l.map((r) => r.p50.toFixed(2)).join(', ');
  const checks = (l: BenchLoad[]) =>
    `${fmt(l.reduce((a, r) => a + r.requests, 0))} requests, ${l.reduce((a, r) => a + r.errors, 0)} errors, ${l.reduce((a, r) => a + r.wrong, 0)} wrong`;
  kit.record({
    section: 'scale',
    metric: `count query (grant holder), 1 client, p50 on ${fmt(rows)} rows × ${SAMPLES} (best of rounds ${rounds(p50.big)} ms; ${checks(p50.big)})`,
    value: `${big.p50.toFixed(2)} ms (p99 ${big.p99.toFixed(2)})`,
    reference: `${fmt(small.records)}-record chr20: ${sm.p50.toFixed(2)} ms (p99 ${sm.p99.toFixed(2)}; rounds ${rounds(p50.small)}; ${checks(p50.small)})`,
    ratio: ratio(big.p50, sm.p50),
    target: `≤ ${TARGET_RATIO}x`,
  });
  kit.record({
    section: 'scale',
    metric: `raw PostgreSQL point lookup, 1 client, p50 on ${fmt(rows)} rows`,
    value: `${rawBig.p50.toFixed(3)} ms`,
    reference: `chr20 ${rawSmall.p50.toFixed(3)} ms`,
    ratio: ratio(rawBig.p50, rawSmall.p50),
    target: '',
  });
  const target = verdict(
    'scale',
    big.p50 <= TARGET_RATIO * sm.p50,
    `latency growth from ${fmt(small.records)} to ${fmt(rows)} variants ≤ ${TARGET_RATIO}x: count p50 ` +
      `${big.p50.toFixed(2)} ms vs ${sm.p50.toFixed(2)} ms (${ratio(big.p50, sm.p50)})` +
      (rows < 10_000_000 ? ` — measured at ${fmt(rows)} rows, not the target's 10^7` : ''),
  );
  kit.log(`\n  target:\n  ${target}`);
}
