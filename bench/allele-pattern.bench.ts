import { PGlite } from '@electric-sql/pglite';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

/**
 * What one beacon query with a long all-`N` allele costs the database: the allele condition the engine
 * sends now (`allele LIKE '___…' AND allele ~ '^[ACGTN]+$'`, linear in the length) against the regular
 * expression it sent before (`~ '^[ACGTN][ACGTN]…$'`, one class per base, compiled per query), on
 * PostgreSQL and on the embedded database (PGlite). At HELIXGATE_MAX_ALLELE_LENGTH, the cap.
 */
export interface AllelePatternResult {
  bases: number;
  postgresLikeMs: number;
  postgresRegexMs: number;
  embeddedLikeMs: number;
  embeddedRegexMs: number;
}

interface Db {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

const LIKE_SQL = "SELECT $1::text LIKE $2::text AND $1::text ~ '^[ACGTN]+$'";
const REGEX_SQL = 'SELECT $1::text ~ $2::text';

async function medianMs(db: Db, sql: string, params: unknown[], runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await db.query(sql, params);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function runAllelePatternBench(opts: {
  databaseUrl: string;
  bases: number;
  runs: number;
}): Promise<AllelePatternResult> {
  const allele = 'A'.repeat(opts.bases);
  const like = [allele, '_'.repeat(opts.bases)];
  const regex = [allele, `^${'[ACGTN]'.repeat(opts.bases)}$`];
  const pg = new Client({ connectionString: opts.databaseUrl });
  await pg.connect();
  const embedded = await PGlite.create();
  try {
    return {
      bases: opts.bases,
      postgresLikeMs: await medianMs(pg, LIKE_SQL, like, opts.runs),
      postgresRegexMs: await medianMs(pg, REGEX_SQL, regex, opts.runs),
      embeddedLikeMs: await medianMs(embedded, LIKE_SQL, like, opts.runs),
      embeddedRegexMs: await medianMs(embedded, REGEX_SQL, regex, opts.runs),
    };
  } finally {
    await pg.end();
    await embedded.close();
  }
}
