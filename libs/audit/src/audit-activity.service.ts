import { Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { DataSource } from 'typeorm';
import { AuditService } from './audit.service';

export type AuditBucket = 'HOUR' | 'DAY';

export interface AuditActivity {
  from: Date;
  to: Date;
  bucket: AuditBucket;
  buckets: { start: Date; allow: number; deny: number; error: number; decryptions: number }[];
  topActors: { actor: string; institution: string | null; events: number; denied: number }[];
  refusals: { reason: string; count: number }[];
}

/** The widest range per bucket width (so one answer stays a few thousand buckets at most). */
const MAX_RANGE_DAYS: Record<AuditBucket, number> = { HOUR: 93, DAY: 3 * 366 };

/**
 * Aggregates of the audit trail for the compliance officer's activity plots: events per hour or day by
 * outcome, decryptions over time, the most active actors, refusals by reason. Read-only, three GROUP BY
 * statements over the time range; the same permission as search (read on AuditEvent, policies/roles.yaml).
 */
@Injectable()
export class AuditActivityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async activity(caller: Caller, from: Date, to: Date, bucket: AuditBucket): Promise<AuditActivity> {
    await this.audit.assertAuditPermission(caller, 'read');
    for (const [name, d] of [
      ['from', from],
      ['to', to],
    ] as const)
      if (Number.isNaN(d.getTime()))
        throw new DomainError('BAD_REQUEST', `auditActivity: \`${name}\` is not a date-time`, {
          field: name,
        });
    if (to <= from) throw new DomainError('BAD_REQUEST', 'auditActivity: `to` must be after `from`');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS[bucket] * 86400_000) {
      throw new DomainError(
        'BAD_REQUEST',
        `auditActivity: at most ${MAX_RANGE_DAYS[bucket]} days with ${bucket} buckets (use DAY for longer ranges)`,
      );
    }
    const unit = bucket === 'HOUR' ? 'hour' : 'day';
    const range = [from.toISOString(), to.toISOString()];
    const buckets = await this.dataSource.query<
      { start: Date; allow: number; deny: number; error: number; decryptions: number }[]
    >(
      `SELECT date_trunc('${unit}', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start,
              count(*) FILTER (WHERE outcome = 'allow' AND action NOT LIKE 'decrypt%')::int AS allow,
              count(*) FILTER (WHERE outcome = 'deny')::int AS deny,
              count(*) FILTER (WHERE outcome = 'error')::int AS error,
              count(*) FILTER (WHERE outcome = 'allow' AND action LIKE 'decrypt%')::int AS decryptions
       FROM audit_event WHERE at >= $1 AND at < $2
       GROUP BY 1 ORDER BY 1`,
      range,
    );
    const topActors = await this.dataSource.query<
      { actor: string; institution: string | null; events: number; denied: number }[]
    >(
      `SELECT actor, max(institution) AS institution, count(*)::int AS events,
              count(*) FILTER (WHERE outcome = 'deny')::int AS denied
       FROM audit_event WHERE at >= $1 AND at < $2 AND (action LIKE 'graphql:%' OR action LIKE 'rest:%')
       GROUP BY actor ORDER BY events DESC, actor LIMIT 10`,
      range,
    );
    const refusals = await this.dataSource.query<{ reason: string; count: number }[]>(
      `SELECT coalesce(reason, 'UNKNOWN') AS reason, count(*)::int AS count
       FROM audit_event WHERE at >= $1 AND at < $2 AND outcome = 'deny'
       GROUP BY 1 ORDER BY count DESC, reason`,
      range,
    );
    return {
      from,
      to,
      bucket,
      buckets: buckets.map((b) => ({ ...b, start: new Date(b.start) })),
      topActors,
      refusals,
    };
  }
}
