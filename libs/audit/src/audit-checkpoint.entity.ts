import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed statement "the chain had `eventCount` events up to `upToSeq`, whose hash was `headHash`". */
@Entity({ name: 'audit_checkpoint' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ name: 'up_to_seq', type: 'bigint' })
  upToSeq: string;

  @Column({ name: 'head_hash', type: 'text' })
  headHash: string;

  @Column({ name: 'event_count', type: 'bigint' })
  eventCount: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'text' })
  kid: string;

  /** Compact JWS (ES256) over { upToSeq, headHash, count, at, node }. */
  @Column({ type: 'text' })
  jws: string;
}
