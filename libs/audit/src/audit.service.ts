import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { auditContextStorage, type AuditAnnotation, type AuditRequestContext } from './audit-context';
import { AuditCheckpointService, type SignedCheckpoint } from './audit-checkpoint.service';
import { CSV_HEADER, toCsvRow, toFhirAuditEvent, type StoredAuditEvent } from './audit-export';
import type { AuditOutcome } from './audit-hash';
import {
  eventContentOf,
  verifyAuditChain,
  type AuditEventRow,
  type IntegrityReport,
  type VerifyOptions,
} from './audit-verifier';
import { AuditWriter, type AuditEventInput, type RecordedAuditEvent } from './audit-writer';
import { AUDIT_CHECKPOINT_SIGNER, type AuditCheckpointSigner } from './checkpoint-signer';

export interface AuditSearchFilter {
  actor?: string;
  datasetId?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
}

export interface AuditPage {
  events: StoredAuditEvent[];
  /** Pass as `after` for the next page; null on the last page. */
  endCursor: string | null;
}

export interface AuditAlert {
  actor: string;
  count: number;
  baseline: number;
  windowSeconds: number;
  firstAt: string;
  lastAt: string;
}

export interface ParticipantAccess {
  seq: number;
  at: string;
  actor: string;
  institution: string | null;
  action: string;
  purpose: string | null;
  individualCount: number | null;
  requestId: string | null;
}

export type AuditExportFormat = 'ndjson' | 'csv';

export interface AuditExportManifest {
  file: string;
  format: AuditExportFormat;
  from: string;
  to: string;
  rows: number;
  firstSeq: number | null;
  lastSeq: number | null;
  sha256: string;
  node: string;
  generatedAt: string;
  checkpoint: { upToSeq: number; headHash: string; jws: string } | null;
}

type EventRow = AuditEventRow;

type ParticipantRow = Pick<
  EventRow,
  'seq' | 'at' | 'actor' | 'institution' | 'action' | 'detail' | 'request_id'
>;

const EVENT_COLUMNS =
  'seq, at, actor, roles, institution, action, resource, dataset_ids, granularity, outcome, reason, request_id, detail, prev_hash, hash';
const READ_ROLES = ['compliance', 'admin'] as const;
const EXPORT_BATCH = 5000;

function toStored(r: EventRow): StoredAuditEvent {
  return { ...eventContentOf(r, r.at.toISOString()), prevHash: r.prev_hash, hash: r.hash };
}

/**
 * The audit trail's public face. Other modules call `record()` (optionally inside their own transaction,
 * so that a decryption or grant change and its event commit together) or `annotate()` to add datasets,
 * granularity and counts to the current request's event.
 */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private alertTimer?: NodeJS.Timeout;
  private readonly flagged = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: HelixgateConfig,
    private readonly writer: AuditWriter,
    private readonly checkpoints: AuditCheckpointService,
    @Inject(AUDIT_CHECKPOINT_SIGNER) private readonly signer: AuditCheckpointSigner,
  ) {}

  onModuleInit(): void {
    const every = Math.min(this.config.vars.HELIXGATE_AUDIT_ALERT_WINDOW_SECONDS, 60) * 1000;
    this.alertTimer = setInterval(() => {
      this.alerts().catch((err: unknown) =>
        this.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'audit alert check failed',
        ),
      );
    }, every);
    this.alertTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.alertTimer) clearInterval(this.alertTimer);
  }

  /**
   * Appends one event to the chain and resolves when it is durable. With `manager` (a transaction of the
   * caller's) the event is written in that transaction and commits or rolls back with it; the chain lock
   * is then held until that transaction ends, so keep such transactions short.
   */
  record(event: AuditEventInput, manager?: EntityManager): Promise<RecordedAuditEvent> {
    return manager ? this.writer.appendInTransaction(manager, event) : this.writer.append(event);
  }

  /** Records an event for `caller` (actor, roles, institution, request id taken from it). */
  recordFor(
    caller: Caller,
    event: Omit<AuditEventInput, 'actor' | 'roles' | 'institution' | 'requestId'>,
    manager?: EntityManager,
  ): Promise<RecordedAuditEvent> {
    return this.record(
      {
        ...event,
        actor: caller.subject,
        roles: caller.roles,
        institution: caller.institution,
        requestId: caller.requestId,
      },
      manager,
    );
  }

  /** Adds to the current request's event; returns false outside a request (then call `record`). */
  annotate(a: AuditAnnotation): boolean {
    const ctx = auditContextStorage.getStore();
    if (!ctx) return false;
    if (a.action) ctx.action = a.action;
    if (a.resource) ctx.resource = a.resource;
    if (a.granularity) ctx.granularity = a.granularity;
    for (const d of a.datasetIds ?? []) ctx.datasetIds.add(d);
    Object.assign(ctx.detail, a.detail ?? {});
    return true;
  }

  /** Used by the interceptor: writes the request's one event. */
  recordRequest(
    ctx: AuditRequestContext,
    action: string,
    resource: string | null,
    outcome: AuditOutcome,
    reason: string | null,
    detail: Record<string, unknown>,
  ): Promise<RecordedAuditEvent> {
    return this.recordFor(ctx.caller, {
      action: ctx.action ?? action,
      resource: ctx.resource ?? resource,
      datasetIds: [...ctx.datasetIds],
      granularity: ctx.granularity ?? null,
      outcome,
      reason,
      detail: { ...detail, ...ctx.detail },
    });
  }

  /** The access rule for reading the trail: an authenticated caller with the compliance or admin role. */
  assertCanReadAudit(caller: Caller): void {
    if (!caller.subject) {
      throw new DomainError('UNAUTHENTICATED', 'authentication is required to read the audit trail');
    }
    if (!caller.roles.some((r) => (READ_ROLES as readonly string[]).includes(r))) {
      throw new DomainError('FORBIDDEN', "reading the audit trail requires the 'compliance' or 'admin' role");
    }
  }

  /** Every search, export and verification is itself audited: in a request, on its event; else its own. */
  private async auditSelf(caller: Caller, action: string, detail: Record<string, unknown>): Promise<void> {
    if (this.annotate({ action, detail })) return;
    await this.recordFor(caller, { action, outcome: 'allow', detail });
  }

  async search(caller: Caller, filter: AuditSearchFilter, first = 50, after?: string): Promise<AuditPage> {
    this.assertCanReadAudit(caller);
    const limit = Math.min(Math.max(first, 1), 500);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.actor) add('actor = ?', filter.actor);
    if (filter.datasetId) add('dataset_ids @> ARRAY[?]::text[]', filter.datasetId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.outcome) add('outcome = ?', filter.outcome);
    if (filter.from) add('at >= ?', filter.from.toISOString());
    if (filter.to) add('at < ?', filter.to.toISOString());
    if (after !== undefined) {
      if (!/^\d{1,18}$/.test(after))
        throw new DomainError('BAD_REQUEST', 'after must be a cursor returned by a previous page');
      add('seq < ?', after);
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM audit_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    await this.auditSelf(caller, 'audit.search', {
      filter: {
        ...filter,
        from: filter.from?.toISOString(),
        to: filter.to?.toISOString(),
        first: limit,
        after,
      },
    });
    const page = rows.slice(0, limit).map(toStored);
    return { events: page, endCursor: rows.length > limit ? String(page[page.length - 1].seq) : null };
  }

  /** GDPR Art. 15: who accessed (decrypted) a participant's data in a dataset, when and for what purpose. */
  async participantAccessHistory(
    caller: Caller,
    datasetId: string,
    individualId?: string,
  ): Promise<ParticipantAccess[]> {
    this.assertCanReadAudit(caller);
    const params: unknown[] = [datasetId];
    let extra = '';
    if (individualId) {
      params.push(individualId);
      extra = ` AND (NOT detail ? 'individualId' OR detail->>'individualId' = $2)`;
    }
    const rows = await this.dataSource.query<ParticipantRow[]>(
      `SELECT seq, at, actor, institution, action, detail, request_id FROM audit_event
       WHERE dataset_ids @> ARRAY[$1]::text[] AND action LIKE 'decrypt%' AND outcome = 'allow'${extra}
       ORDER BY seq DESC LIMIT 1000`,
      params,
    );
    await this.auditSelf(caller, 'audit.search', {
      filter: { datasetId, action: 'participantAccessHistory' },
    });
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actor: r.actor,
      institution: r.institution,
      action: r.action,
      purpose: typeof r.detail.purpose === 'string' ? r.detail.purpose : null,
      individualCount: typeof r.detail.individualCount === 'number' ? r.detail.individualCount : null,
      requestId: r.request_id,
    }));
  }

  /** Actors whose request volume in the window exceeds the baseline; each is also logged. */
  async alerts(caller?: Caller): Promise<AuditAlert[]> {
    if (caller) this.assertCanReadAudit(caller);
    const windowSeconds = this.config.vars.HELIXGATE_AUDIT_ALERT_WINDOW_SECONDS;
    const baseline = this.config.vars.HELIXGATE_AUDIT_ALERT_BASELINE;
    const since = new Date(Date.now() - windowSeconds * 1000).toISOString();
    const rows = await this.dataSource.query<{ actor: string; n: number; first_at: Date; last_at: Date }[]>(
      `SELECT actor, count(*)::int AS n, min(at) AS first_at, max(at) AS last_at FROM audit_event
       WHERE at >= $1 AND (action LIKE 'graphql:%' OR action LIKE 'rest:%')
       GROUP BY actor HAVING count(*) > $2 ORDER BY n DESC`,
      [since, baseline],
    );
    const alerts = rows.map((r) => ({
      actor: r.actor,
      count: r.n,
      baseline,
      windowSeconds,
      firstAt: r.first_at.toISOString(),
      lastAt: r.last_at.toISOString(),
    }));
    const now = Date.now();
    for (const a of alerts) {
      const last = this.flagged.get(a.actor);
      if (last === undefined || now - last > windowSeconds * 1000) {
        this.flagged.set(a.actor, now);
        this.logger.warn(
          { alert: 'audit.query-volume', actor: a.actor, count: a.count, baseline, windowSeconds },
          `actor ${a.actor} made ${a.count} requests in ${windowSeconds}s (baseline ${baseline})`,
        );
      }
    }
    if (caller)
      await this.auditSelf(caller, 'audit.search', {
        filter: { action: 'auditAlerts' },
        count: alerts.length,
      });
    return alerts;
  }

  /** Verifies the chain (optionally a range, optionally against checkpoints held outside the database). */
  async verify(
    caller: Caller,
    opts: VerifyOptions = {},
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<IntegrityReport> {
    this.assertCanReadAudit(caller);
    const report = await verifyAuditChain(db, this.signer, opts);
    if (!report.ok) {
      this.logger.error(
        { alert: 'audit.integrity', firstBadSeq: report.firstBadSeq, problem: report.problem },
        `audit trail integrity failure: ${report.message}`,
      );
    }
    if (db === this.dataSource) {
      await this.auditSelf(caller, 'audit.verify', {
        from: opts.from,
        to: opts.to,
        ok: report.ok,
        firstBadSeq: report.firstBadSeq,
        problem: report.problem,
        rows: report.eventsChecked,
      });
    }
    return report;
  }

  /** Signs the current head now (also done every N events / T seconds). */
  async checkpoint(caller: Caller): Promise<SignedCheckpoint | null> {
    this.assertCanReadAudit(caller);
    const cp = await this.checkpoints.checkpoint();
    await this.auditSelf(caller, 'audit.checkpoint', { checkpointSeq: cp?.upToSeq ?? null });
    return cp;
  }

  /**
   * Writes the events recorded in [from, to) to `outFile` (streaming, bounded memory) as FHIR AuditEvent
   * NDJSON or CSV, and `outFile.manifest.json`: sha256 of the file and the checkpoint it is anchored to,
   * signed (JWS) with the checkpoint key.
   */
  async export(
    caller: Caller,
    opts: { from: Date; to: Date; format: AuditExportFormat; outFile: string },
  ): Promise<{ manifest: AuditExportManifest; manifestJws: string; manifestFile: string }> {
    this.assertCanReadAudit(caller);
    const node = this.config.vars.HELIXGATE_NODE_ID;
    const sha = createHash('sha256');
    const out = fs.createWriteStream(opts.outFile, { mode: 0o600 });
    const write = (s: string) =>
      new Promise<void>((resolve, reject) => {
        sha.update(s);
        if (out.write(s)) resolve();
        else out.once('drain', resolve).once('error', reject);
      });
    let rows = 0;
    let firstSeq: number | null = null;
    let lastSeq: number | null = null;
    try {
      if (opts.format === 'csv') await write(`${CSV_HEADER}\n`);
      let after = 0;
      for (;;) {
        const batch = await this.dataSource.query<EventRow[]>(
          `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE at >= $1 AND at < $2 AND seq > $3 ORDER BY seq LIMIT $4`,
          [opts.from.toISOString(), opts.to.toISOString(), after, EXPORT_BATCH],
        );
        for (const r of batch) {
          const e = toStored(r);
          await write(
            opts.format === 'csv' ? `${toCsvRow(e)}\n` : `${JSON.stringify(toFhirAuditEvent(e, node))}\n`,
          );
          firstSeq ??= e.seq;
          lastSeq = e.seq;
          rows += 1;
        }
        if (batch.length < EXPORT_BATCH) break;
        after = Number(batch[batch.length - 1].seq);
      }
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
    }
    const cp = await this.checkpoints.checkpoint();
    const manifest: AuditExportManifest = {
      file: path.basename(opts.outFile),
      format: opts.format,
      from: opts.from.toISOString(),
      to: opts.to.toISOString(),
      rows,
      firstSeq,
      lastSeq,
      sha256: sha.digest('hex'),
      node,
      generatedAt: new Date().toISOString(),
      checkpoint: cp ? { upToSeq: cp.upToSeq, headHash: cp.headHash, jws: cp.jws } : null,
    };
    const manifestJws = await this.signer.sign(manifest);
    const manifestFile = `${opts.outFile}.manifest.json`;
    fs.writeFileSync(manifestFile, `${JSON.stringify({ manifest, jws: manifestJws }, null, 2)}\n`, {
      mode: 0o600,
    });
    await this.auditSelf(caller, 'audit.export', {
      from: manifest.from,
      to: manifest.to,
      format: opts.format,
      rows,
      sha256: manifest.sha256,
      checkpointSeq: cp?.upToSeq ?? null,
    });
    return { manifest, manifestJws, manifestFile };
  }
}
