import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import { DataSource } from 'typeorm';
import { AUDIT_CHECKPOINT_SIGNER, type AuditCheckpointSigner } from './checkpoint-signer';
import { AuditWriter } from './audit-writer';

export interface SignedCheckpoint {
  upToSeq: number;
  headHash: string;
  count: number;
  at: string;
  node: string;
  kid: string;
  jws: string;
}

/** Signs checkpoints of the chain head every N events or T seconds, and on demand (export, CLI). */
@Injectable()
export class AuditCheckpointService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private sinceLast = 0;
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<SignedCheckpoint | null> | null = null;
  private lastSignedSeq = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: HelixgateConfig,
    private readonly writer: AuditWriter,
    @Inject(AUDIT_CHECKPOINT_SIGNER) private readonly signer: AuditCheckpointSigner,
  ) {}

  onModuleInit(): void {
    this.writer.onAppended((n) => {
      this.sinceLast += n;
      if (this.sinceLast >= this.config.vars.HELIXGATE_AUDIT_CHECKPOINT_EVERY) void this.checkpointQuietly();
    });
    this.timer = setInterval(
      () => void this.checkpointQuietly(),
      this.config.vars.HELIXGATE_AUDIT_CHECKPOINT_SECONDS * 1000,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async checkpointQuietly(): Promise<void> {
    try {
      await this.checkpoint();
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'audit checkpoint failed');
    }
  }

  /** Signs the current head (if not yet signed) and stores the checkpoint; returns the latest checkpoint. */
  checkpoint(): Promise<SignedCheckpoint | null> {
    this.inFlight ??= this.doCheckpoint().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async doCheckpoint(): Promise<SignedCheckpoint | null> {
    this.sinceLast = 0;
    const head = await this.dataSource.query<
      {
        seq: string;
        hash: string;
      }[]
    >('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    if (!head.length) return null;
    const upToSeq = Number(head[0].seq);
    if (upToSeq === this.lastSignedSeq) return this.latest();
    const at = new Date().toISOString();
    const node = this.config.vars.HELIXGATE_NODE_ID;
    // seq starts at 1 without gaps, so the count of events in the chain is the head's seq.
    const claim = { upToSeq, headHash: head[0].hash, count: upToSeq, at, node };
    const jws = await this.signer.sign(claim);
    await this.dataSource.query(
      `INSERT INTO audit_checkpoint (up_to_seq, head_hash, event_count, created_at, kid, jws)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (up_to_seq) DO NOTHING`,
      [upToSeq, claim.headHash, claim.count, at, this.signer.kid, jws],
    );
    this.lastSignedSeq = upToSeq;
    // Returned even when another process had already stored a checkpoint of the same head (the insert
    // was then skipped): the JWS itself is what an export or an external file is anchored to.
    return { ...claim, kid: this.signer.kid, jws };
  }

  /** The most recent checkpoint signed by this node's key. */
  async latest(): Promise<SignedCheckpoint | null> {
    const rows = await this.dataSource.query<
      {
        up_to_seq: string;
        head_hash: string;
        event_count: string;
        created_at: Date;
        kid: string;
        jws: string;
      }[]
    >(
      'SELECT up_to_seq, head_hash, event_count, created_at, kid, jws FROM audit_checkpoint WHERE kid = $1 ORDER BY up_to_seq DESC LIMIT 1',
      [this.signer.kid],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      upToSeq: Number(r.up_to_seq),
      headHash: r.head_hash,
      count: Number(r.event_count),
      at: r.created_at.toISOString(),
      node: this.config.vars.HELIXGATE_NODE_ID,
      kid: r.kid,
      jws: r.jws,
    };
  }
}
