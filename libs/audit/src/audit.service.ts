import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DomainError, pageSizeOf, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { auditContextStorage, type AuditAnnotation, type AuditRequestContext } from './audit-context';
import { AuditCheckpointService, type SignedCheckpoint } from './audit-checkpoint.service';
import { auditCsvStringifier, toCsvRecord, toFhirAuditEvent, type StoredAuditEvent } from './audit-export';
import type { AuditOutcome } from './audit-hash';
import { auditUnavailable, outcomeOf } from './audit-outcome';
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
  /** This node's request id (the `x-request-id` response header). */
  requestId?: string;
  /** The id the client (or the asking peer node) sent; correlates a federated query across nodes. */
  clientRequestId?: string;
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

/** What a caller may do with the trail; `policies/roles.yaml` grants each on the subject `AuditEvent`. */
export type AuditPermission = 'read' | 'export' | 'verify';

/**
 * Decides audit permissions. `libs/access` registers the one built from `policies/roles.yaml` (CASL); without
 * one, every read of the trail is refused (deny by default).
 */
export interface AuditAccessPolicy {
  can(caller: Caller, permission: AuditPermission): Promise<boolean>;
}

/**
 * Finds the index of the participant a sample id names in a dataset (`libs/variants` opens the sealed ids;
 * this lib cannot import it): null when no current participant has it; UNKNOWN_DATASET for no dataset.
 */
export type ParticipantLookup = (datasetId: string, sampleId: string) => Promise<number | null>;

/** The subject events record for a user name (a local user's id, or their external subject); null: no such user. */
export type ActorLookup = (username: string) => Promise<string | null>;

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
  private accessPolicy: AuditAccessPolicy | null = null;
  private participantLookup: ParticipantLookup | null = null;
  private actorLookup: ActorLookup | null = null;
  private readonly beforeReadHooks: (() => Promise<void>)[] = [];

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
    // An event recorded while a request (or CLI operation) runs carries that request's id unless it names
    // its own: e.g. a privacy-budget exhaustion found while answering a query.
    const ctx = auditContextStorage.getStore();
    const withRequest: AuditEventInput =
      ctx && event.requestId === undefined
        ? {
            ...event,
            requestId: ctx.caller.requestId,
            detail: ctx.caller.clientRequestId
              ? { clientRequestId: ctx.caller.clientRequestId, ...event.detail }
              : event.detail,
          }
        : event;
    return manager ? this.writer.appendInTransaction(manager, withRequest) : this.writer.append(withRequest);
  }

  /**
   * Records an event for `caller`: actor, roles, institution and request id taken from it; the token issuer
   * (an actor is a subject *of an issuer*) and the client's own request id go to the detail.
   */
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
        // the caller's own issuer and client id win over any detail a service passes under those keys
        detail: {
          ...event.detail,
          ...(caller.subject && caller.issuer ? { issuer: caller.issuer } : {}),
          ...(caller.clientRequestId ? { clientRequestId: caller.clientRequestId } : {}),
        },
      },
      manager,
    );
  }

  /**
   * Runs `fn` as one audited operation outside HTTP (a CLI command), as the interceptor does for a request:
   * services reached by `fn` annotate its event (`annotate`) and record their own domain events under the
   * same request id; when `fn` ends, one event with the outcome (allow, or deny/error with the reason code)
   * is written. If that event cannot be written, the operation fails with AUDIT_UNAVAILABLE.
   */
  async runOperation<T>(caller: Caller, action: string, fn: () => Promise<T>): Promise<T> {
    const ctx: AuditRequestContext = { caller, datasetIds: new Set(), detail: {} };
    const started = performance.now();
    const write = async (outcome: AuditOutcome, reason: string | null) => {
      try {
        await this.recordRequest(ctx, action, null, outcome, reason, {
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        });
      } catch (err) {
        this.logger.error(
          { err: err instanceof Error ? err.message : String(err), action },
          'audit write failed',
        );
        throw auditUnavailable(`the operation ${action}`, 'it is reported as failed (check what it changed)');
      }
    };
    let result: T;
    try {
      result = await auditContextStorage.run(ctx, fn);
    } catch (err) {
      const { outcome, reason } = outcomeOf(err);
      await write(ctx.refused ? 'deny' : outcome, reason);
      throw err;
    }
    await write('allow', null);
    return result;
  }

  /** Adds to the current request's event; returns false outside a request (then call `record`). */
  annotate(a: AuditAnnotation): boolean {
    const ctx = auditContextStorage.getStore();
    if (!ctx) return false;
    if (a.action) ctx.action = a.action;
    if (a.resource) ctx.resource = a.resource;
    if (a.granularity) ctx.granularity = a.granularity;
    if (a.refusal) ctx.refused = true;
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

  /** Registers the permission policy (`libs/access`: CASL rules on `AuditEvent` from policies/roles.yaml). */
  useAccessPolicy(policy: AuditAccessPolicy): void {
    this.accessPolicy = policy;
  }

  /** Registers how a user name becomes the subject events record (`libs/access`, through `libs/identity`). */
  useActorLookup(lookup: ActorLookup): void {
    this.actorLookup = lookup;
  }

  /** Registers how a participant is found by sample id (`libs/access`, through `libs/variants`). */
  useParticipantLookup(lookup: ParticipantLookup): void {
    this.participantLookup = lookup;
  }

  /**
   * Registers work to run before the trail is read (search, participant history, export), e.g. recording
   * the grants that have expired since the last sweep, so that what is read is up to date.
   */
  onBeforeRead(hook: () => Promise<void>): void {
    this.beforeReadHooks.push(hook);
  }

  private async beforeRead(): Promise<void> {
    for (const hook of this.beforeReadHooks) {
      try {
        await hook();
      } catch (err) {
        this.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'audit pre-read hook failed',
        );
      }
    }
  }

  /**
   * The access rule for the trail: an authenticated caller whose roles `policies/roles.yaml` allow
   * `permission` (read, export, verify) on `AuditEvent`. Refused without a registered policy.
   */
  async assertAuditPermission(caller: Caller, permission: AuditPermission): Promise<void> {
    if (!caller.subject) {
      throw new DomainError('UNAUTHENTICATED', `authentication is required to ${permission} the audit trail`);
    }
    if (!this.accessPolicy || !(await this.accessPolicy.can(caller, permission))) {
      const roles = caller.roles.length ? caller.roles.join(', ') : 'no role';
      throw new DomainError(
        'FORBIDDEN',
        `not allowed to ${permission} the audit trail: no role of yours (${roles}) may ${permission} AuditEvent in policies/roles.yaml`,
        { action: permission, subject: 'AuditEvent' },
      );
    }
  }

  /** Every search, export and verification is itself audited: in a request, on its event; else its own. */
  private async auditSelf(caller: Caller, action: string, detail: Record<string, unknown>): Promise<void> {
    if (this.annotate({ action, detail })) return;
    await this.recordFor(caller, { action, outcome: 'allow', detail });
  }

  async search(
    caller: Caller,
    filter: AuditSearchFilter,
    first?: number | null,
    after?: string,
  ): Promise<AuditPage> {
    await this.assertAuditPermission(caller, 'read');
    await this.beforeRead();
    const limit = pageSizeOf(first, 50, 500);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.actor) {
      // Events record the token's subject (a local user's id, or an external subject), not a name: the actor
      // filter is the user of that name when there is one (what an officer knows), else the subject as typed.
      const subject = this.actorLookup ? await this.actorLookup(filter.actor) : null;
      if (subject !== null && subject !== filter.actor) {
        params.push(filter.actor, subject);
        where.push(`actor IN ($${params.length - 1}, $${params.length})`);
      } else add('actor = ?', filter.actor);
    }
    if (filter.datasetId) add('dataset_ids @> ARRAY[?]::text[]', filter.datasetId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.requestId) add('request_id = ?', filter.requestId);
    if (filter.clientRequestId) add("detail->>'clientRequestId' = ?", filter.clientRequestId);
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

  /**
   * GDPR Art. 15: who accessed (decrypted) a participant's data in a dataset, when and for what purpose.
   * Without `individualId`: every decryption of the dataset. With it (the participant's index in the
   * dataset, as events name participants — never by sample id): only the decryptions that released that
   * participant (`individuals` of the decrypt event), or that released too many participants to list them
   * (`individualsTruncated`, counted in rather than left out). An id no event names returns nothing.
   */
  async participantAccessHistory(
    caller: Caller,
    datasetId: string,
    individualId?: string,
    sampleId?: string,
  ): Promise<ParticipantAccess[]> {
    return (await this.participantAccessPage(caller, datasetId, individualId, undefined, sampleId)).accesses;
  }

  /**
   * participantAccessHistory a page at a time, newest first, keyset on seq (the cursor is the page's last
   * seq): `first` from 1 to 500 (default 50) through pageSizeOf; without `page`, the whole list (at most 1000).
   * `sampleId` instead of `individualId`: the participant that sample id names now (a data subject's request
   * arrives with the id they know; the trail holds indexes). A dataset that neither exists nor is named by any
   * event is refused (UNKNOWN_DATASET) rather than answered "nobody": a mistyped id must not read as an answer.
   */
  async participantAccessPage(
    caller: Caller,
    datasetId: string,
    individualId?: string,
    page?: { first?: number | null; after?: string | null },
    sampleId?: string,
  ): Promise<{ accesses: ParticipantAccess[]; hasNextPage: boolean; endCursor: string | null }> {
    await this.assertAuditPermission(caller, 'read');
    const size = page ? pageSizeOf(page.first, 50, 500) : 1000;
    if (page?.after != null && !/^\d{1,18}$/.test(page.after))
      throw new DomainError('BAD_REQUEST', 'after must be a seq from pageInfo.endCursor', { field: 'after' });
    if (individualId !== undefined && !/^\d{1,9}$/.test(individualId))
      throw new DomainError(
        'BAD_REQUEST',
        "individualId is the participant's index in the dataset (0, 1, 2, …), as the trail names participants; to look a participant up by sample id, give sampleId",
        { field: 'individualId' },
      );
    if (sampleId !== undefined) {
      if (individualId !== undefined)
        throw new DomainError('BAD_REQUEST', 'give individualId or sampleId, not both', {
          field: 'sampleId',
        });
      if (!this.participantLookup)
        throw new DomainError('AUDIT_UNAVAILABLE', 'looking participants up by sample id is not available');
      const index = await this.participantLookup(datasetId, sampleId);
      if (index === null)
        throw new DomainError(
          'NOT_FOUND',
          `no current participant of dataset ${datasetId} has that sample id (a withdrawn participant's id was shredded with their key: give their individualId)`,
          { field: 'sampleId' },
        );
      individualId = String(index);
    }
    await this.beforeRead();
    const params: unknown[] = [datasetId];
    let extra = '';
    if (individualId !== undefined) {
      const index = /^\d{1,9}$/.test(individualId) ? Number(individualId) : null;
      params.push(individualId, index);
      extra = ` AND (detail->>'individualId' = $2
                  OR ($3::int IS NOT NULL AND (detail->'individuals' @> jsonb_build_array($3::int)
                                               OR detail->>'individualsTruncated' = 'true')))`;
    }
    if (page?.after != null) {
      params.push(page.after);
      extra += ` AND seq < $${params.length}::bigint`;
    }
    const fetched = await this.dataSource.query<ParticipantRow[]>(
      `SELECT seq, at, actor, institution, action, detail, request_id FROM audit_event
       WHERE dataset_ids @> ARRAY[$1]::text[] AND action LIKE 'decrypt%' AND outcome = 'allow'${extra}
       ORDER BY seq DESC LIMIT ${page ? size + 1 : size}`,
      params,
    );
    const hasNextPage = page !== undefined && fetched.length > size;
    const rows = fetched.slice(0, size);
    if (rows.length === 0 && page?.after == null) {
      const [{ known }] = await this.dataSource.query<{ known: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM dataset WHERE id = $1)
             OR EXISTS (SELECT 1 FROM audit_event WHERE dataset_ids @> ARRAY[$1]::text[]) AS known`,
        [datasetId],
      );
      if (!known)
        throw new DomainError(
          'UNKNOWN_DATASET',
          `no dataset "${datasetId}", and no audit event names one (deleted datasets keep their history)`,
        );
    }
    await this.auditSelf(caller, 'audit.search', {
      filter: {
        datasetId,
        action: 'participantAccessHistory',
        individualId,
        ...(sampleId !== undefined ? { method: 'sampleId' } : {}),
      },
    });
    const accesses = rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actor: r.actor,
      institution: r.institution,
      action: r.action,
      purpose: typeof r.detail.purpose === 'string' ? r.detail.purpose : null,
      individualCount: typeof r.detail.individualCount === 'number' ? r.detail.individualCount : null,
      requestId: r.request_id,
    }));
    const last = rows[rows.length - 1];
    return { accesses, hasNextPage, endCursor: hasNextPage && last ? String(last.seq) : null };
  }

  /** Actors whose request volume in the window exceeds the baseline; each is also logged. */
  async alerts(caller?: Caller): Promise<AuditAlert[]> {
    if (caller) await this.assertAuditPermission(caller, 'read');
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
    await this.assertAuditPermission(caller, 'verify');
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

  /** Events recorded in [from, to): the export's progress total. */
  private async countBetween(from: Date, to: Date): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM audit_event WHERE at >= $1 AND at < $2',
      [from.toISOString(), to.toISOString()],
    );
    return Number(n);
  }

  /** Signs the current head now (also done every N events / T seconds). */
  async checkpoint(caller: Caller): Promise<SignedCheckpoint | null> {
    await this.assertAuditPermission(caller, 'verify');
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
    opts: {
      from: Date;
      to: Date;
      format: AuditExportFormat;
      outFile: string;
      /** After each batch written: events so far, and the events of the range. */
      onProgress?: (written: number, total: number) => void;
    },
  ): Promise<{ manifest: AuditExportManifest; manifestJws: string; manifestFile: string }> {
    await this.assertAuditPermission(caller, 'export');
    await this.beforeRead();
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
    const csv = opts.format === 'csv' ? auditCsvStringifier() : null;
    try {
      if (csv) await write(csv.header());
      const total = opts.onProgress ? await this.countBetween(opts.from, opts.to) : 0;
      opts.onProgress?.(0, total);
      let after = 0;
      for (;;) {
        const batch = await this.dataSource.query<EventRow[]>(
          `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE at >= $1 AND at < $2 AND seq > $3 ORDER BY seq LIMIT $4`,
          [opts.from.toISOString(), opts.to.toISOString(), after, EXPORT_BATCH],
        );
        const events = batch.map(toStored);
        // one write per batch: a CSV batch is stringified at once, NDJSON line by line
        await write(
          csv
            ? csv.rows(events.map(toCsvRecord))
            : events.map((e) => `${JSON.stringify(toFhirAuditEvent(e, node))}\n`).join(''),
        );
        for (const e of events) {
          firstSeq ??= e.seq;
          lastSeq = e.seq;
          rows += 1;
        }
        opts.onProgress?.(rows, Math.max(total, rows));
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
