import { decodeProtectedHeader } from 'jose';
import {
  GENESIS_HASH,
  eventHash,
  type AuditDetailValue,
  type AuditEventContent,
  type AuditOutcome,
} from './audit-hash';
import type { AuditCheckpointSigner } from './checkpoint-signer';

export const AUDIT_PROBLEMS = [
  'changed',
  'missing',
  'inserted',
  'reordered',
  'truncated',
  'rewritten',
] as const;
export type AuditProblem = (typeof AUDIT_PROBLEMS)[number];

export interface IntegrityReport {
  ok: boolean;
  /** First seq checked and last seq reached. */
  fromSeq: number;
  lastSeq: number | null;
  eventsChecked: number;
  checkpointsVerified: number;
  /** Checkpoints signed by a key this node does not hold: not trusted, not used. */
  checkpointsIgnored: number;
  firstBadSeq: number | null;
  problem: AuditProblem | null;
  message: string;
  /** For a rewritten chain: the bad event lies in [suspectFrom, firstBadSeq]. */
  suspectFromSeq: number | null;
  durationMs: number;
  rowsPerSecond: number;
}

export interface VerifyOptions {
  from?: number;
  to?: number;
  /** Compact JWS of checkpoints held outside the database (exported files). */
  externalCheckpoints?: string[];
  batchSize?: number;
}

/** Anything that runs SQL: a DataSource, or an EntityManager inside a transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

interface Row {
  seq: string;
  at: Date;
  actor: string;
  roles: string[];
  institution: string | null;
  action: string;
  resource: string | null;
  dataset_ids: string[];
  granularity: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  request_id: string | null;
  detail: Record<string, AuditDetailValue>;
  prev_hash: string;
  hash: string;
}

interface CheckpointClaim {
  upToSeq: number;
  headHash: string;
  count: number;
}

const SELECT =
  'SELECT seq, at, actor, roles, institution, action, resource, dataset_ids, granularity, outcome, reason, request_id, detail, prev_hash, hash FROM audit_event';

function content(r: Row, seq = Number(r.seq)): AuditEventContent {
  return {
    seq,
    at: r.at.toISOString(),
    actor: r.actor,
    roles: r.roles,
    institution: r.institution,
    action: r.action,
    resource: r.resource,
    datasetIds: r.dataset_ids,
    granularity: r.granularity,
    outcome: r.outcome,
    reason: r.reason,
    requestId: r.request_id,
    detail: r.detail,
  };
}

interface Failure {
  seq: number;
  problem: AuditProblem;
  message: string;
  suspectFrom?: number;
}

function isClaim(p: object): p is CheckpointClaim {
  const c = p as Partial<CheckpointClaim>;
  return typeof c.upToSeq === 'number' && typeof c.headHash === 'string' && typeof c.count === 'number';
}

/**
 * Streams the chain in keyset batches (bounded memory) and reports the first bad event:
 * - changed: an event's content no longer matches its hash (or its predecessor was replaced);
 * - missing: a gap in seq, or events deleted and the later ones renumbered;
 * - inserted: an event that the next event's prev_hash skips over;
 * - reordered: two neighbouring events swapped;
 * - truncated: a trusted checkpoint covers events that are no longer there;
 * - rewritten: the chain is self-consistent but disagrees with a signed checkpoint, or a checkpoint's
 *   signature is invalid.
 */
export async function verifyAuditChain(
  db: Queryable,
  signer: AuditCheckpointSigner,
  opts: VerifyOptions = {},
): Promise<IntegrityReport> {
  const started = performance.now();
  const from = Math.max(1, opts.from ?? 1);
  const to = opts.to ?? Number.MAX_SAFE_INTEGER;
  const batchSize = opts.batchSize ?? 5000;
  const failures: Failure[] = [];

  // Trusted checkpoints in range: signed by this node's key (DB rows and external files).
  const claims = new Map<number, CheckpointClaim>();
  let verified = 0;
  let ignored = 0;
  const cpRows = (await db.query(
    'SELECT up_to_seq, jws FROM audit_checkpoint WHERE up_to_seq >= $1 AND up_to_seq <= $2 ORDER BY up_to_seq',
    [from, to],
  )) as { up_to_seq: string; jws: string }[];
  const jwsList = [
    ...cpRows.map((r) => ({
      jws: r.jws,
      where: `checkpoint at seq ${r.up_to_seq}`,
      seq: Number(r.up_to_seq),
    })),
    ...(opts.externalCheckpoints ?? []).map((jws) => ({ jws, where: 'external checkpoint', seq: null })),
  ];
  for (const { jws, where, seq } of jwsList) {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(jws).kid;
    } catch {
      kid = undefined;
    }
    if (kid !== signer.kid && seq !== null) {
      ignored += 1;
      continue;
    }
    try {
      const payload = await signer.verify(jws);
      if (!isClaim(payload)) throw new Error('not a checkpoint');
      if (seq !== null && payload.upToSeq !== seq) throw new Error('stored seq differs from the signed one');
      if (payload.upToSeq >= from && payload.upToSeq <= to) claims.set(payload.upToSeq, payload);
      verified += 1;
    } catch {
      failures.push({
        seq: seq ?? from,
        problem: 'rewritten',
        message: `${where} does not carry a valid signature of this node (kid ${signer.kid})`,
      });
    }
  }

  let expectedSeq = from;
  let expectedPrev: string | null = GENESIS_HASH;
  let prevPrev: string | null = null;
  let lastTrustedCheckpoint = from - 1;
  if (from > 1) {
    const anchor = (await db.query('SELECT hash FROM audit_event WHERE seq = $1', [from - 1])) as {
      hash: string;
    }[];
    expectedPrev = anchor.length ? anchor[0].hash : null; // null: cannot link the first event, checked from there on
  }

  let checked = 0;
  let lastSeq: number | null = null;
  let after = from - 1;
  let pending: Row[] = [];
  let streamFailure: Failure | null = null;
  let exhausted = false;

  const fetch = async (): Promise<Row[]> => {
    const rows = (await db.query(`${SELECT} WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`, [
      after,
      to,
      batchSize,
    ])) as Row[];
    if (rows.length < batchSize) exhausted = true;
    if (rows.length) after = Number(rows[rows.length - 1].seq);
    return rows;
  };

  pending = await fetch();
  let i = 0;
  while (!streamFailure) {
    if (i >= pending.length) {
      if (exhausted) break;
      pending = await fetch();
      i = 0;
      if (pending.length === 0) break;
    }
    const r = pending[i];
    if (i + 1 >= pending.length && !exhausted) {
      // keep one row of look-ahead across batch boundaries
      const more = await fetch();
      pending = pending.slice(i).concat(more);
      i = 0;
    }
    const next: Row | undefined = pending[i + 1];
    const seq = Number(r.seq);

    if (seq > expectedSeq) {
      streamFailure = {
        seq: expectedSeq,
        problem: 'missing',
        message:
          seq - 1 > expectedSeq
            ? `events ${expectedSeq}..${seq - 1} are missing`
            : `event ${expectedSeq} is missing`,
      };
      break;
    }
    if (expectedPrev !== null && r.prev_hash !== expectedPrev) {
      streamFailure = classifyBrokenLink(r, seq, expectedPrev, prevPrev, next);
      break;
    }
    if (eventHash(content(r, seq), r.prev_hash) !== r.hash) {
      streamFailure = { seq, problem: 'changed', message: `event ${seq} does not match its hash` };
      break;
    }
    const claim = claims.get(seq);
    if (claim) {
      if (claim.headHash !== r.hash) {
        streamFailure = {
          seq,
          suspectFrom: lastTrustedCheckpoint + 1,
          problem: 'rewritten',
          message: `the chain disagrees with the signed checkpoint at seq ${seq}: rewritten between seq ${lastTrustedCheckpoint + 1} and ${seq}`,
        };
        break;
      }
      lastTrustedCheckpoint = seq;
    }
    prevPrev = expectedPrev;
    expectedPrev = r.hash;
    expectedSeq = seq + 1;
    lastSeq = seq;
    checked += 1;
    i += 1;
  }
  if (streamFailure) failures.push(streamFailure);
  else {
    const beyond = [...claims.keys()].filter((s) => lastSeq === null || s > lastSeq).sort((a, b) => a - b);
    if (beyond.length) {
      const first = (lastSeq ?? from - 1) + 1;
      failures.push({
        seq: first,
        problem: 'truncated',
        message: `a signed checkpoint covers events up to seq ${beyond[beyond.length - 1]} but the chain ends at seq ${lastSeq ?? from - 1}`,
      });
    }
  }

  const first = failures.sort((a, b) => a.seq - b.seq)[0];
  const durationMs = performance.now() - started;
  return {
    ok: !first,
    fromSeq: from,
    lastSeq,
    eventsChecked: checked,
    checkpointsVerified: verified,
    checkpointsIgnored: ignored,
    firstBadSeq: first?.seq ?? null,
    problem: first?.problem ?? null,
    message: first
      ? first.message
      : `ok: ${checked} events${lastSeq !== null ? ` (seq ${from}..${lastSeq})` : ''}, ${verified} checkpoints verified`,
    suspectFromSeq: first?.suspectFrom ?? null,
    durationMs,
    rowsPerSecond: durationMs > 0 ? Math.round((checked / durationMs) * 1000) : 0,
  };
}

function classifyBrokenLink(
  r: Row,
  seq: number,
  expectedPrev: string,
  prevPrev: string | null,
  next: Row | undefined,
): Failure {
  if (prevPrev !== null && r.prev_hash === prevPrev) {
    return {
      seq: seq - 1,
      problem: 'inserted',
      message: `event ${seq - 1} was inserted: event ${seq} links to event ${seq - 2}`,
    };
  }
  if (next && next.hash === r.prev_hash && next.prev_hash === expectedPrev) {
    return { seq, problem: 'reordered', message: `events ${seq} and ${seq + 1} are in swapped order` };
  }
  for (let k = 1; k <= 8; k++) {
    if (eventHash(content(r, seq + k), r.prev_hash) === r.hash) {
      return {
        seq,
        problem: 'missing',
        message: `events were deleted before seq ${seq} and later events renumbered (this event was seq ${seq + k})`,
      };
    }
  }
  if (eventHash(content(r, seq), r.prev_hash) === r.hash) {
    return {
      seq: seq - 1,
      problem: 'changed',
      message: `event ${seq - 1} does not match the hash that event ${seq} recorded for it`,
    };
  }
  return { seq, problem: 'changed', message: `event ${seq} does not link to event ${seq - 1}` };
}
