import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_OUTCOMES = ['allow', 'deny', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** A JSON value that may appear in an event's detail (already scrubbed). */
export type AuditDetailValue =
  string | number | boolean | null | AuditDetailValue[] | { [k: string]: AuditDetailValue };

/** Everything an event's hash covers, besides the previous hash. `seq` binds the event to its position. */
export interface AuditEventContent {
  seq: number;
  at: string; // ISO 8601, millisecond precision, UTC
  actor: string;
  roles: string[];
  institution: string | null;
  action: string;
  resource: string | null;
  datasetIds: string[];
  granularity: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  requestId: string | null;
  detail: Record<string, AuditDetailValue>;
}

/** hash = SHA-256( prev_hash || "\n" || canonical JSON of the content ), hex. */
export function eventHash(content: AuditEventContent, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}
