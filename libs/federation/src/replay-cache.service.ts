import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Expired entries are swept at most this often (by the request that finds the sweep due). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Request ids (`jti`) of peer requests already accepted, kept in the database until the request would have
 * expired anyway, so a restart (or a second gateway process) does not reopen the replay window.
 */
@Injectable()
export class ReplayCacheService {
  private lastSweep = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Remembers `jti` of `peerId` until `expiresAt`; false when it was already seen (a replay). */
  async firstUse(peerId: string, jti: string, expiresAt: Date): Promise<boolean> {
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
