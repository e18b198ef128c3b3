import { Logger } from '@nestjs/common';
import { PooledStatements } from '@helixgate/db';
import type { DataSource, EntityManager } from 'typeorm';
import { GENESIS_HASH, eventHash, type AuditEventContent, type AuditOutcome } from './audit-hash';
import { scrubDetail } from './audit-scrub';

/** What a module hands to `AuditService.record`. `seq`, `prev_hash` and `hash` are the writer's. */
export interface AuditEventInput {
  actor: string | null;
  action: string;
  outcome: AuditOutcome;
  roles?: readonly string[];
  institution?: string | null;
  resource?: string | null;
  datasetIds?: readonly string[];
  granularity?: string | null;
  reason?: string | null;
  requestId?: string | null;
  /** Whitelisted and scrubbed (see AUDIT_DETAIL_KEYS): no genotypes, tokens, keys or sample ids. */
  detail?: Record<string, unknown>;
  at?: Date;
}

export interface RecordedAuditEvent {
  seq: number;
  hash: string;
}

type Prepared = Omit<AuditEventContent, 'seq'>;

interface Pending {
  event: Prepared;
  resolve: (r: RecordedAuditEvent) => void;
  reject: (err: unknown) => void;
}

/** Transaction-scoped advisory lock that serialises chain appends across processes ("HAUD"). */
export const AUDIT_CHAIN_LOCK = 0x48_41_55_44;
const MAX_BATCH = 1000;
/** Groups up to this many events are appended as a named prepared statement (one per group size). */
const MAX_NAMED_GROUP = 32;
const COLUMNS =
  'seq, at, actor, roles, institution, action, resource, dataset_ids, granularity, outcome, reason, request_id, detail, prev_hash, hash';
const PARAMS_PER_ROW = 15;
const HEAD_SQL = 'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1';
/** Each column's type, for the parameters of the one-statement append (an INSERT … SELECT infers none). */
const COLUMN_TYPES = [
  'bigint',
  'timestamptz',
  'text',
  'text[]',
  'text',
  'text',
  'text',
  'text[]',
  'text',
  'text',
  'text',
  'text',
  'jsonb',
  'text',
  'text',
];

interface HeadRow {
  seq: string;
  hash: string;
}

interface RawResult {
  rows: HeadRow[];
}

/** node-postgres client under TypeORM's query runner (a multi-statement query returns one result each). */
interface RawClient {
  query(sql: string, params?: unknown[]): Promise<RawResult | RawResult[]>;
}

export function prepareEvent(input: AuditEventInput): Prepared {
  return {
    at: (input.at ?? new Date()).toISOString(),
    actor: input.actor ?? 'anonymous',
    roles: [...(input.roles ?? [])],
    institution: input.institution ?? null,
    action: input.action,
    resource: input.resource ?? null,
    datasetIds: [...new Set(input.datasetIds ?? [])].sort(),
    granularity: input.granularity ?? null,
    outcome: input.outcome,
    reason: input.reason ?? null,
    requestId: input.requestId ?? null,
    detail: scrubDetail(input.detail),
  };
}

/**
 * Appends events to the hash chain with group commit: `append()` calls that arrive while a batch is being
 * written are gathered into the next batch, written in one transaction that takes the chain lock, reads the
 * head, assigns seq and hashes inside the lock, inserts and commits. Each promise resolves only after its
 * batch committed (durable); it rejects if the batch failed.
 */
export class AuditWriter {
  private readonly logger = new Logger('Audit');
  /**
   * The chain head as this process last wrote it (rows are never changed, so its hash stays true): the
   * next group is appended after it in one statement. Null until the first write, and after a conflict.
   */
  private head: HeadRow | null = null;
  private queue: Pending[] = [];
  private running = false;
  private readonly listeners: ((appended: number) => void)[] = [];

  /** The one-statement append goes straight to the pg pool on PostgreSQL (no query runner per event). */
  private readonly statements: PooledStatements;

  constructor(private readonly dataSource: DataSource) {
    this.statements = new PooledStatements(dataSource);
  }

  onAppended(listener: (appended: number) => void): void {
    this.listeners.push(listener);
  }

  append(input: AuditEventInput): Promise<RecordedAuditEvent> {
    let event: Prepared;
    try {
      event = prepareEvent(input);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Writes inside the caller's transaction (the event commits or rolls back with the caller's change). */
  async appendInTransaction(manager: EntityManager, input: AuditEventInput): Promise<RecordedAuditEvent> {
    const write = (m: EntityManager) => this.writeBatch(m, [prepareEvent(input)]);
    const [recorded] = manager.queryRunner?.isTransactionActive
      ? await write(manager)
      : await manager.transaction(write);
    this.notify(1);
    return recorded;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const recorded = await this.writeGroup(batch.map((p) => p.event));
          batch.forEach((p, i) => p.resolve(recorded[i]));
          this.notify(batch.length);
        } catch (err) {
          this.logger.error(
            { err: err instanceof Error ? err.message : String(err), events: batch.length },
            'audit write failed',
          );
          batch.forEach((p) => p.reject(err));
        }
      }
    } finally {
      this.running = false;
    }
  }

  private notify(n: number): void {
    for (const l of this.listeners) l(n);
  }

  /**
   * One group commit. Usually one round trip: the events follow the head this process wrote last, in one
   * autocommit statement that takes the chain lock and inserts only while that head is still in the table
   * (as durable as the same-work reference's single insert). Another writer (process, host, or a domain
   * transaction through `appendInTransaction`) that appended meanwhile has taken those seqs: the primary key
   * refuses the statement, nothing is written, and the group goes the locked way below.
   */
  private async writeGroup(events: Prepared[]): Promise<RecordedAuditEvent[]> {
    if (this.head) {
      const { sql, params, recorded } = this.buildInsert([this.head], events, true);
      try {
        const name = events.length <= MAX_NAMED_GROUP ? `helixgate_audit_append_${events.length}_v1` : null;
        const rows = await this.statements.query<{ seq: string }>(name, sql, params);
        if (rows.length === events.length) {
          this.head = headOf(recorded);
          return recorded;
        }
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      this.head = null;
    }
    const recorded = await this.writeGroupLocked(events);
    this.head = headOf(recorded);
    return recorded;
  }

  /**
   * Three round trips (like a bare single-row transaction): BEGIN + lock + head read as one simple-protocol
   * message (under READ COMMITTED each statement takes a fresh snapshot, so the head is read after the lock
   * is held), the multi-row INSERT, COMMIT.
   */
  private async writeGroupLocked(events: Prepared[]): Promise<RecordedAuditEvent[]> {
    const qr = this.dataSource.createQueryRunner();
    const client = (await qr.connect()) as RawClient;
    try {
      const results = await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}); ${HEAD_SQL}`,
      );
      const head = (Array.isArray(results) ? results[results.length - 1] : results).rows;
      const { sql, params, recorded } = this.buildInsert(head, events);
      await client.query(sql, params);
      await client.query('COMMIT');
      return recorded;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }

  private async writeBatch(m: EntityManager, events: Prepared[]): Promise<RecordedAuditEvent[]> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const head = await m.query<HeadRow[]>(HEAD_SQL);
    const { sql, params, recorded } = this.buildInsert(head, events);
    await m.query(sql, params);
    return recorded;
  }

  /**
   * The INSERT of `events` after `head`. `afterHead`: one autocommit statement that holds the chain lock
   * (released at its commit, so a domain transaction's append waits for it and reads the head after it) and
   * inserts only while `head` is a row of the table; RETURNING says whether it did.
   */
  private buildInsert(
    head: HeadRow[],
    events: Prepared[],
    afterHead = false,
  ): { sql: string; params: unknown[]; recorded: RecordedAuditEvent[] } {
    let seq = head.length ? Number(head[0].seq) : 0;
    let prev = head.length ? head[0].hash : GENESIS_HASH;
    const params: unknown[] = [];
    const tuples: string[] = [];
    const recorded: RecordedAuditEvent[] = [];
    for (const e of events) {
      seq += 1;
      const hash = eventHash({ seq, ...e }, prev);
      const base = params.length;
      tuples.push(
        `(${Array.from({ length: PARAMS_PER_ROW }, (_, i) => (afterHead ? `$${base + i + 1}::${COLUMN_TYPES[i]}` : `$${base + i + 1}`)).join(',')})`,
      );
      params.push(
        seq,
        e.at,
        e.actor,
        e.roles,
        e.institution,
        e.action,
        e.resource,
        e.datasetIds,
        e.granularity,
        e.outcome,
        e.reason,
        e.requestId,
        JSON.stringify(e.detail),
        prev,
        hash,
      );
      recorded.push({ seq, hash });
      prev = hash;
    }
    if (!afterHead)
      return { sql: `INSERT INTO audit_event (${COLUMNS}) VALUES ${tuples.join(',')}`, params, recorded };
    const h = params.length;
    params.push(head[0].seq, head[0].hash);
    return {
      sql:
        `INSERT INTO audit_event (${COLUMNS}) SELECT v.* FROM (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})) l, ` +
        `(VALUES ${tuples.join(',')}) AS v(${COLUMNS}) ` +
        `WHERE EXISTS (SELECT 1 FROM audit_event WHERE seq = $${h + 1}::bigint AND hash = $${h + 2}::text) RETURNING seq`,
      params,
      recorded,
    };
  }
}

function headOf(recorded: RecordedAuditEvent[]): HeadRow {
  const last = recorded[recorded.length - 1];
  return { seq: String(last.seq), hash: last.hash };
}

/** A primary-key conflict: another writer took the seqs (TypeORM's QueryFailedError keeps pg's code). */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
