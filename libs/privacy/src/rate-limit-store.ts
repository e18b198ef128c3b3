import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection, PooledStatements, SharedRedis } from '@helixgate/db';
import { DataSource } from 'typeorm';

/** One allowance's sliding window: this window's count and the previous window's. */
export interface WindowCounts {
  count: number;
  previous: number;
}

/** A charge to count: `cost` in the window starting at `start` (ms), if it fits under `limit`. */
export interface Charge {
  key: string;
  start: number;
  spanMs: number;
  /** How much of the previous window still counts (1 at the start of this window, 0 at its end). */
  overlap: number;
  cost: number;
  limit: number;
}

/**
 * Where the rate limiter's counters live. `tryCharge` is atomic: it counts the charge only when
 * `count + previous × overlap + cost ≤ limit`, and answers null when it did, else the counts it refused at.
 */
export interface RateLimitStore {
  readonly kind: 'memory' | 'postgres' | 'redis';
  tryCharge(c: Charge): Promise<WindowCounts | null>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** In process memory: one gateway process (the embedded database, the unit tests). */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory';
  private readonly windows = new Map<string, { start: number; count: number; previous: number }>();

  tryCharge(c: Charge): Promise<WindowCounts | null> {
    let w = this.windows.get(c.key);
    if (!w || w.start !== c.start) {
      const previous = w && w.start === c.start - c.spanMs ? w.count : 0;
      w = { start: c.start, count: 0, previous };
      this.windows.set(c.key, w);
      if (this.windows.size > 100_000) this.evict(c.start - c.spanMs);
    }
    if (w.count + w.previous * c.overlap + c.cost > c.limit)
      return Promise.resolve({ count: w.count, previous: w.previous });
    w.count += c.cost;
    return Promise.resolve(null);
  }

  private evict(before: number): void {
    for (const [k, w] of this.windows) if (w.start < before) this.windows.delete(k);
  }
}

/**
 * In PostgreSQL (`rate_limit_window`, UNLOGGED: no fsync per charge), shared by every gateway process on
 * the database. One statement: the insert-or-increment takes the window row's lock, so concurrent charges
 * from several processes are counted one after the other and the limit holds for their sum.
 */
const PG_CHARGE = `
WITH prev AS (
  SELECT coalesce((SELECT count FROM rate_limit_window WHERE key = $1 AND window_start = $2::bigint - $3::bigint), 0) AS c
)
INSERT INTO rate_limit_window AS w (key, window_start, count)
SELECT $1, $2, $4 FROM prev WHERE prev.c * $5::float8 + $4::float8 <= $6::float8
ON CONFLICT (key, window_start) DO UPDATE SET count = w.count + excluded.count
  WHERE w.count + excluded.count + (SELECT c FROM prev) * $5::float8 <= $6::float8
RETURNING count`;

const SWEEP_EVERY_MS = 60_000;

@Injectable()
export class PostgresRateLimitStore implements RateLimitStore {
  readonly kind = 'postgres';
  private lastSweep = 0;

  /** The charge (every answer) is a named statement on the query path's pool (libs/db PooledStatements). */
  private readonly statements: PooledStatements;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.statements = new PooledStatements(dataSource);
  }

  async tryCharge(c: Charge): Promise<WindowCounts | null> {
    if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = Date.now();
      await this.dataSource.query('DELETE FROM rate_limit_window WHERE window_start < $1', [
        c.start - 2 * c.spanMs,
      ]);
    }
    const rows = await this.statements.query('helixgate_rate_limit_charge_v1', PG_CHARGE, [
      c.key,
      c.start,
      c.spanMs,
      c.cost,
      c.overlap,
      c.limit,
    ]);
    if (rows.length === 1) return null;
    const counts: { window_start: string; count: number }[] = await this.dataSource.query(
      'SELECT window_start, count FROM rate_limit_window WHERE key = $1 AND window_start IN ($2, $3)',
      [c.key, c.start, c.start - c.spanMs],
    );
    const at = (s: number) => counts.find((r) => Number(r.window_start) === s)?.count ?? 0;
    return { count: at(c.start), previous: at(c.start - c.spanMs) };
  }
}

/** Atomic in Redis: both windows read, the charge counted (and the key's expiry set) in one script. */
const REDIS_CHARGE = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local prev = tonumber(redis.call('GET', KEYS[2]) or '0')
if cur + prev * tonumber(ARGV[3]) + tonumber(ARGV[1]) > tonumber(ARGV[2]) then
  return {0, tostring(cur), tostring(prev)}
end
redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1, '0', '0'}`;

@Injectable()
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis';

  constructor(private readonly redis: SharedRedis) {}

  async tryCharge(c: Charge): Promise<WindowCounts | null> {
    const client = this.redis.client!;
    const key = (start: number) => `${this.redis.prefix}rate:${c.key}:${start}`;
    const [ok, count, previous] = (await client.eval(
      REDIS_CHARGE,
      2,
      key(c.start),
      key(c.start - c.spanMs),
      String(c.cost),
      String(c.limit),
      String(c.overlap),
      String(2 * c.spanMs),
    )) as [number, string, string];
    return ok === 1 ? null : { count: Number(count), previous: Number(previous) };
  }
}

/**
 * HELIXGATE_RATE_LIMIT_STORE, `auto` by default: Redis when HELIXGATE_REDIS_URL is set; else PostgreSQL on a
 * database server (several processes may share it); else process memory (the embedded database: one
 * gateway process by construction). `memory` keeps the counts per process (a single-process node, or the
 * test suite, whose files are separate nodes on one database).
 */
export function rateLimitStoreFor(
  config: HelixgateConfig,
  redis: SharedRedis,
  connection: DatabaseConnection,
  dataSource: DataSource,
): RateLimitStore {
  const chosen = config.vars.HELIXGATE_RATE_LIMIT_STORE;
  if (chosen === 'redis' && !redis.client)
    throw new Error('HELIXGATE_RATE_LIMIT_STORE=redis needs HELIXGATE_REDIS_URL');
  if (chosen === 'redis' || (chosen === 'auto' && redis.client)) return new RedisRateLimitStore(redis);
  if (chosen === 'postgres' || (chosen === 'auto' && connection.kind === 'postgres'))
    return new PostgresRateLimitStore(dataSource);
  return new MemoryRateLimitStore();
}
