import 'reflect-metadata';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { VariantRecordsService, type VariantKey } from '@helixgate/variants';
import { withApp } from '../apps/cli/src/cli-context';

/**
 * Child process of the bench's records section: the record path's floor inside the gateway's own code —
 * `VariantRecordsService.carriers` (the sealed rows and the individuals read from PostgreSQL, every genotype
 * vector opened and decoded, the carriers' sample ids opened) for one window of variants after another, one
 * caller, no HTTP, no framework, no audit. argv: a JSON file `{ datasetId, windows: VariantKey[][], seconds,
 * warmupSeconds }`. Prints one `BENCH_RESULT <json>` line.
 */
export interface RecordsJob {
  datasetId: string;
  windows: VariantKey[][];
  seconds: number;
  warmupSeconds: number;
}

export interface RecordsJobResult {
  requests: number;
  p50: number;
  p99: number;
  /** Mean carriers per answer (over all its variants). */
  carriersPerAnswer: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as RecordsJob;
  const result = await withApp(async (app) => {
    const records = app.get(VariantRecordsService);
    const run = async (seconds: number) => {
      const latencies: number[] = [];
      let carriers = 0;
      const deadline = performance.now() + seconds * 1000;
      for (let i = 0; performance.now() < deadline; i++) {
        const keys = job.windows[i % job.windows.length];
        const t0 = performance.now();
        const r = await records.carriers(job.datasetId, keys);
        latencies.push(performance.now() - t0);
        if (r.records.length !== keys.length)
          throw new Error(
            `window ${i % job.windows.length}: ${r.records.length} of ${keys.length} rows read`,
          );
        for (const v of r.records) carriers += v.carriers.length;
      }
      return { latencies, carriers };
    };
    await run(job.warmupSeconds);
    const { latencies, carriers } = await run(job.seconds);
    const sorted = Float64Array.from(latencies).sort();
    const out: RecordsJobResult = {
      requests: sorted.length,
      p50: sorted[Math.floor(sorted.length / 2)],
      p99: sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))],
      carriersPerAnswer: carriers / sorted.length,
    };
    return out;
  });
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `records-worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
