import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AUDIT_CHECKPOINT_SIGNER,
  AuditModule,
  AuditService,
  verifyAuditChain,
  type AuditCheckpointSigner,
} from '@helixgate/audit';
import { ConfigModule, loadConfig } from '@helixgate/config';
import { DatabaseConnection, DatabaseConnectionModule, DatabaseModule } from '@helixgate/db';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

export interface AuditBenchResult {
  database: 'postgres' | 'embedded';
  overheadP50Ms: number;
  overheadP99Ms: number;
  eventsPerSecond16: number;
  verifyRowsPerSecond: number;
  verifyRows: number;
  verifyRowsPerCpuSecond: number;
}

@Module({})
class AuditBenchModule {
  static forRoot(config: ReturnType<typeof loadConfig>, conn: DatabaseConnection): DynamicModule {
    return {
      module: AuditBenchModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseConnectionModule.forConnection(conn),
        DatabaseModule,
        AuditModule,
      ],
    };
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
}

/**
 * Audit trail numbers: the latency `record()` adds to a request (the interceptor awaits it: one client,
 * p50/p99), events/s with 16 concurrent writers (group commit), and streaming verification rows/s over a
 * chain of at least `verifyRows` events. DATABASE_URL (PostgreSQL) or, with BENCH_AUDIT_EMBEDDED=1, PGlite.
 */
export async function runAuditBench(
  opts: { databaseUrl?: string; seconds?: number; verifyRows?: number; log?: (line: string) => void } = {},
): Promise<AuditBenchResult> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 5);
  const verifyRows = opts.verifyRows ?? 100_000;
  const embedded = process.env.BENCH_AUDIT_EMBEDDED === '1';
  const url = embedded
    ? undefined
    : (opts.databaseUrl ??
      process.env.DATABASE_URL ??
      'postgres://root@127.0.0.1:5432/helixgate_bench_audit');
  if (url) await ensureDatabase(url);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-audit-bench-'));
  const config = loadConfig({
    ...(url ? { DATABASE_URL: url } : {}),
    HELIXGATE_DATA_DIR: dataDir,
    HELIXGATE_DB_POOL_MAX: '8',
    LOG_LEVEL: 'silent',
  });
  const conn = await DatabaseConnection.open(config);
  const app = await NestFactory.createApplicationContext(AuditBenchModule.forRoot(config, conn), {
    logger: false,
  });
  try {
    const audit = app.get(AuditService);
    const ds = app.get(DataSource);
    const signer = app.get<AuditCheckpointSigner>(AUDIT_CHECKPOINT_SIGNER);
    const event = (i: number) => ({
      actor: `bench-${i % 50}`,
      roles: ['researcher'],
      institution: 'Bench Institute',
      action: 'graphql:query beacon',
      resource: 'beacon',
      datasetIds: ['bench-ds'],
      granularity: 'count',
      outcome: 'allow' as const,
      requestId: `bench-${i}`,
      detail: { resultCount: i % 7, durationMs: 1.25 },
    });

    // 1. overhead per request: one client, each request awaits its own event
    for (let i = 0; i < 200; i++) await audit.record(event(i)); // warm-up
    const lat: number[] = [];
    const until1 = performance.now() + Math.min(seconds, 3) * 1000;
    for (let i = 0; performance.now() < until1; i++) {
      const t0 = performance.now();
      await audit.record(event(i));
      lat.push(performance.now() - t0);
    }
    lat.sort((a, b) => a - b);
    const p50 = quantile(lat, 0.5);
    const p99 = quantile(lat, 0.99);
    // reference in the same run: one durable single-row transaction (BEGIN; INSERT; COMMIT) on the same database
    const ref: number[] = [];
    const qr = ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.query('CREATE TABLE IF NOT EXISTS bench_commit_ref_durable (x int)');
      for (let i = 0; i < Math.min(lat.length, 300); i++) {
        const t0 = performance.now();
        await qr.startTransaction();
        await qr.query('INSERT INTO bench_commit_ref_durable VALUES (1)');
        await qr.commitTransaction();
        ref.push(performance.now() - t0);
      }
      await qr.query('DROP TABLE bench_commit_ref_durable');
    } finally {
      await qr.release();
    }
    ref.sort((a, b) => a - b);
    log(
      `reference: bare durable INSERT transaction p50 ${quantile(ref, 0.5).toFixed(3)} ms, p99 ${quantile(ref, 0.99).toFixed(3)} ms ` +
        `(audit/ref p50 ratio ${(p50 / quantile(ref, 0.5)).toFixed(2)}); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`,
    );
    log(
      `audit write overhead per request (1 client, ${lat.length} events): p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (target p50 < 0.5 ms)`,
    );

    // 2. throughput: 16 writers, each awaiting its event before the next (as 16 request loops would)
    let written = 0;
    const t2 = performance.now();
    const until2 = t2 + seconds * 1000;
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; performance.now() < until2; i++) {
          await audit.record(event(w * 1_000_000 + i));
          written += 1;
        }
      }),
    );
    const eps = written / ((performance.now() - t2) / 1000);
    log(
      `audit events/s at 16 writers: ${Math.round(eps)} (${written} events in ${seconds}s; target >= 5000)`,
    );

    // 3. verification: top the chain up to verifyRows events, then stream-verify all of it
    const [{ n }] = await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_event');
    for (let have = n; have < verifyRows;) {
      const batch = Math.min(20_000, verifyRows - have);
      await Promise.all(Array.from({ length: batch }, (_, i) => audit.record(event(have + i))));
      have += batch;
    }
    const cpuBefore = process.cpuUsage();
    const report = await verifyAuditChain(ds, signer, {});
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    log(
      `audit verification: ${report.eventsChecked} events in ${(report.durationMs / 1000).toFixed(2)} s = ${report.rowsPerSecond} rows/s, ` +
        `${report.ok ? 'ok' : `FAILED (${report.message})`}; memory bounded: two keyset batches of 5000 rows; ` +
        `verifier CPU ${cpuSeconds.toFixed(2)} s = ${Math.round(report.eventsChecked / cpuSeconds)} rows per CPU-second (target >= 100000 rows/s)`,
    );
    return {
      database: url ? 'postgres' : 'embedded',
      overheadP50Ms: p50,
      overheadP99Ms: p99,
      eventsPerSecond16: eps,
      verifyRowsPerSecond: report.rowsPerSecond,
      verifyRows: report.eventsChecked,
      verifyRowsPerCpuSecond: Math.round(report.eventsChecked / cpuSeconds),
    };
  } finally {
    await app.close();
    await conn.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runAuditBench().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
