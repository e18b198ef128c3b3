import 'reflect-metadata';
import * as fs from 'node:fs';
import { DatasetService, IngestService, ParticipantWithdrawalService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { withApp } from '../apps/cli/src/cli-context';

/**
 * Child process of `bench/run.ts`: ingests one file into its own dataset (dropped first), then withdraws one
 * participant through `ParticipantWithdrawalService`, timing both. Configuration comes from the environment as
 * for the CLI. Prints one `BENCH_RESULT <json>` line.
 */
export interface WithdrawalJob {
  datasetId: string;
  file: string;
  sampleId: string;
  assembly: 'GRCh37' | 'GRCh38';
}

export interface WithdrawalJobResult {
  ingestSeconds: number;
  rows: number;
  individuals: number;
  withdrawalSeconds: number;
  /** CPU seconds of this process (user + system) during the withdrawal: its share of the work, whatever the load. */
  withdrawalCpuSeconds: number;
  /**
   * CPU seconds of the database's server processes serving this database during the withdrawal (from
   * /proc/<pid>/stat; undefined when the server is not on this machine or is embedded).
   */
  withdrawalDbCpuSeconds?: number;
  variantsRewritten: number;
  variantsDeleted: number;
  /** Peak RSS (KiB) after the ingest, before the withdrawal. */
  beforeMaxRssKiB: number;
  /** Peak RSS (KiB) of the whole process. */
  maxRssKiB: number;
}

/**
 * User + system clock ticks (1/100 s) of each server process connected to this database, read from /proc:
 * the bench database serves this worker alone. Undefined when /proc does not have them (another machine).
 */
async function serverCpu(ds: DataSource): Promise<Map<number, number> | undefined> {
  if (!process.env.DATABASE_URL) return undefined; // embedded: no server process of its own
  const rows: { pid: number }[] = await ds.query(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'",
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(pid, Number(f[11]) + Number(f[12])); // utime, stime (fields 14 and 15)
  }
  return out;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as WithdrawalJob;
  const result = await withApp(async (app) => {
    await app.get(DataSource).query('DELETE FROM dataset WHERE id = $1', [job.datasetId]);
    await app.get(DatasetService).create({
      id: job.datasetId,
      name: job.datasetId,
      description: 'bench: participant withdrawal',
      assembly: job.assembly,
      securityLevel: 'PUBLIC',
    });
    let t = process.hrtime.bigint();
    const summary = await app.get(IngestService).ingestFile(job.datasetId, job.file);
    const ingestSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const beforeMaxRssKiB = process.resourceUsage().maxRSS;
    t = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const dbBefore = await serverCpu(app.get(DataSource));
    const w = await app.get(ParticipantWithdrawalService).withdraw(job.datasetId, job.sampleId);
    const withdrawalSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const used = process.cpuUsage(cpu);
    const dbAfter = await serverCpu(app.get(DataSource));
    let withdrawalDbCpuSeconds: number | undefined;
    if (dbBefore && dbAfter) {
      withdrawalDbCpuSeconds = 0;
      for (const [pid, ticks] of dbAfter) withdrawalDbCpuSeconds += (ticks - (dbBefore.get(pid) ?? 0)) / 100;
    }
    const out: WithdrawalJobResult = {
      ingestSeconds,
      rows: summary.altRows,
      individuals: summary.individuals,
      withdrawalSeconds,
      withdrawalCpuSeconds: (used.user + used.system) / 1e6,
      withdrawalDbCpuSeconds,
      variantsRewritten: w.variantsRewritten,
      variantsDeleted: w.variantsDeleted,
      beforeMaxRssKiB,
      maxRssKiB: process.resourceUsage().maxRSS,
    };
    return out;
  });
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `withdrawal-worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
