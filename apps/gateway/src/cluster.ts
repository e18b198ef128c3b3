import cluster, { type Worker } from 'node:cluster';
import type { HelixgateConfig } from '@helixgate/config';

/** Set in each worker's environment: 1 for the first (the one that loads `--demo` data), 2, ... */
export const WORKER_INDEX_ENV = 'HELIXGATE_WORKER_INDEX';

/** Why HELIXGATE_WORKERS > 1 cannot run with this configuration, or null. */
export function workersRefusal(config: HelixgateConfig): string | null {
  const n = config.vars.HELIXGATE_WORKERS;
  if (n > 1 && !config.databaseUrl)
    return (
      `HELIXGATE_WORKERS=${n} needs a PostgreSQL server (DATABASE_URL): the embedded database (PGlite) ` +
      'is served by one process. Unset HELIXGATE_WORKERS, or set DATABASE_URL.'
    );
  return null;
}

/** True in a worker that should load the demo data (`--demo`): only the first one does. */
export function loadsDemo(): boolean {
  return !cluster.isWorker || process.env[WORKER_INDEX_ENV] === '1';
}

/**
 * The primary of `HELIXGATE_WORKERS=N` (node:cluster): starts worker 1 (it runs the migrations, creates the
 * node's key files and, with --demo, loads the demo data), then, once it listens, the others. The workers
 * share the listening port (the primary hands connections round-robin). What they must agree on is in the
 * database or Redis (rate limits, replay cache, budgets, the audit chain) and cached state is invalidated
 * over LISTEN/NOTIFY, so N workers behave as one node. A worker that dies is started again; SIGTERM/SIGINT
 * stop them all.
 */
export function superviseWorkers(config: HelixgateConfig, write: (line: string) => void): void {
  const n = config.vars.HELIXGATE_WORKERS;
  let stopping = false;
  let next = 1;
  const indexOf = new Map<Worker, number>();
  const fork = (index: number): Worker => {
    const w = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    indexOf.set(w, index);
    return w;
  };
  const first = fork(next++);
  first.once('listening', () => {
    while (next <= n) fork(next++);
    write(
      `Helixgate: ${n} gateway workers (pids ${Object.values(cluster.workers ?? {})
        .map((w) => w?.process.pid)
        .join(', ')})`,
    );
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const index = indexOf.get(worker) ?? 0;
    indexOf.delete(worker);
    write(`helixgate: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    if (worker === first && next <= n) {
      // The first worker failed to start: starting it again would only repeat the failure.
      process.exit(typeof code === 'number' && code > 0 ? code : 1);
    }
    setTimeout(() => fork(index), 1_000).unref();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
