import 'reflect-metadata';
import { DatasetService, IngestService, type IngestSummary } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { withApp } from '../apps/cli/src/cli-context';

/**
 * Child process of `bench/run.ts`: (re)creates one dataset and ingests one file into it through the public
 * `IngestService`, in its own process so that its peak RSS is the ingest's. Configuration comes from the
 * environment exactly as for the CLI. Prints one `BENCH_RESULT <json>` line.
 */
export interface IngestJob {
  datasetId: string;
  file: string;
  description: string;
  assembly: 'GRCh37' | 'GRCh38';
  /** PUBLIC unless given (the records section's dataset is CONTROLLED: answered to grant holders only). */
  securityLevel?: 'PUBLIC' | 'REGISTERED' | 'CONTROLLED';
}

export interface IngestJobResult {
  summary: IngestSummary;
  /** Seconds inside `ingestFile` as seen from outside it. */
  seconds: number;
  /** Peak RSS (KiB) after boot, before the ingest. */
  bootMaxRssKiB: number;
  /** Peak RSS (KiB) of the whole process, ingest included. */
  maxRssKiB: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as IngestJob;
  const result = await withApp(async (app) => {
    // Bench-owned dataset: drop any previous copy (cascades to its keys, individuals and variants).
    await app.get(DataSource).query('DELETE FROM dataset WHERE id = $1', [job.datasetId]);
    await app.get(DatasetService).create({
      id: job.datasetId,
      name: job.datasetId,
      description: job.description,
      assembly: job.assembly,
      securityLevel: job.securityLevel ?? 'PUBLIC',
    });
    const bootMaxRssKiB = process.resourceUsage().maxRSS;
    const started = process.hrtime.bigint();
    const summary = await app.get(IngestService).ingestFile(job.datasetId, job.file);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const out: IngestJobResult = {
      summary,
      seconds,
      bootMaxRssKiB,
      maxRssKiB: process.resourceUsage().maxRSS,
    };
    return out;
  });
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ingest-worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
