import * as http from 'node:http';
import { Pool } from 'pg';

/**
 * Child process of `bench/run.ts`: the references the gateway's query path is measured against, each a
 * minimal Node.js `http` server on 127.0.0.1 (any free port) in its own process, as the gateway is.
 *
 *   bare        a constant JSON answer: what Node's HTTP layer costs on this machine (the framework's share
 *               of the gateway's time is the difference)
 *   same-work   the irreducible database work of a beacon answer over raw `pg` with the gateway's pool size:
 *               one indexed lookup of the variant (the same statement as the bench's raw lookup, named and
 *               prepared) and one durable single-row insert (an audit-sized row, autocommit, so the answer
 *               leaves after its WAL flush), then a small JSON answer
 *
 * argv: mode, then for same-work the database URL, the pool size and the dataset id. Requests:
 * `GET /?chrom=20&pos=123&ref=A&alt=G` (positions 1-based). Prints `BENCH_REFERENCE <url>`; stops on SIGTERM.
 */
const POINT_SQL =
  'SELECT ac, an FROM variant WHERE dataset_id = $1 AND chrom = $2 AND pos = $3 AND ref = $4 AND alt = $5';
const AUDIT_SQL = 'INSERT INTO bench_same_work_event (at, actor, action, detail) VALUES (now(), $1, $2, $3)';

async function main(): Promise<void> {
  const [mode, url, poolSize, datasetId] = process.argv.slice(2);
  let handler: http.RequestListener;
  let pool: Pool | undefined;
  if (mode === 'bare') {
    const body = Buffer.from(
      JSON.stringify({ meta: { beaconId: 'bench' }, responseSummary: { exists: true } }),
    );
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    };
  } else if (mode === 'same-work') {
    pool = new Pool({ connectionString: url, max: Number(poolSize) });
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_same_work_event (
         id bigserial PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL, action text NOT NULL, detail jsonb)`,
    );
    const p = pool;
    handler = (req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      p.query<{ ac: number; an: number }>({
        name: 'bench_same_work_lookup',
        text: POINT_SQL,
        values: [datasetId, q.get('chrom'), Number(q.get('pos')), q.get('ref'), q.get('alt')],
      })
        .then(async (r) => {
          const row = r.rows[0];
          const exists = row !== undefined && row.ac > 0;
          await p.query({
            name: 'bench_same_work_audit',
            text: AUDIT_SQL,
            values: ['anonymous', 'beacon.query', JSON.stringify({ datasetIds: [datasetId], exists })],
          });
          const body = JSON.stringify({ responseSummary: { exists, numTotalResults: exists ? row.ac : 0 } });
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        })
        .catch((err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(err instanceof Error ? err.message : String(err));
        });
    };
  } else {
    throw new Error(`unknown reference server mode ${mode}`);
  }
  const server = http.createServer({ keepAlive: true }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.stdout.write(`BENCH_REFERENCE http://127.0.0.1:${port}\n`);
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void (
      pool
        ? pool.query('DROP TABLE IF EXISTS bench_same_work_event').finally(() => pool.end())
        : Promise.resolve()
    ).finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `reference-server: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
