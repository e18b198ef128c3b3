import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditDetailValue, AuditOutcome } from './audit-hash';

/** One row of the append-only, hash-chained trail (written only by AuditWriter; never updated). */
@Entity({ name: 'audit_event' })
export class AuditEventEntity {
  /** bigint: kept as a string by the driver. */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'text', nullable: true })
  institution: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  resource: string | null;

  @Column({ name: 'dataset_ids', type: 'text', array: true })
  datasetIds: string[];

  @Column({ type: 'text', nullable: true })
  granularity: string | null;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb' })
  detail: Record<string, AuditDetailValue>;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
