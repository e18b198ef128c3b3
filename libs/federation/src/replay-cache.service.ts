import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SharedRedis } from '@helixgate/db';
import { DataSource } from 'typeorm';

/** Expired entries are swept at most this often (by the request that finds the sweep due). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Request ids (`jti`) of peer requests already accepted, kept until the request would have expired anyway,
 * so a restart or another gateway process of this node (HELIXGATE_WORKERS, a second host on the same
 * database) does not reopen the replay window: in the database (`peer_request_seen`), or in Redis when
 * HELIXGATE_REDIS_URL is set (`SET NX` with the request's expiry). Either way the first use is decided by
 * one atomic operation, whichever process sees the request.
 */
@Injectable()
export class ReplayCacheService {
  private lastSweep = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: SharedRedis,
  ) {}

  /** Where the seen ids are kept. */
  get storeKind(): 'redis' | 'postgres' {
    return this.redis.client ? 'redis' : 'postgres';
  }

  /** Remembers `jti` of `peerId` until `expiresAt`; false when it was already seen (a replay). */
  async firstUse(peerId: string, jti: string, expiresAt: Date): Promise<boolean> {
    const client = this.redis.client;
    if (client) {
      // At least one second: a request already past its expiry is refused before it gets here.
      const ttl = Math.max(1_000, expiresAt.getTime() - Date.now());
      const key = `${this.redis.prefix}jti:${peerId.length}:${peerId}:${jti}`;
      return (await client.set(key, '1', 'PX', ttl, 'NX')) === 'OK';
    }
    if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = Date.now();
      await this.dataSource.query('DELETE FROM peer_request_seen WHERE expires_at < now()');
    }
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO peer_request_seen (peer_id, jti, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (peer_id, jti) DO NOTHING RETURNING jti`,
      [peerId, jti, expiresAt],
    );
    return rows.length === 1;
  }
}
