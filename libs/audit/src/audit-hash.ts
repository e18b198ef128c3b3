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

const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));

/**
 * canonicalJson(content), written out for the fixed shape of an event (keys in JCS order) because it runs
 * once per row during verification; `canonical-json.spec.ts` checks it equals the generic function.
 */
export function canonicalEventJson(c: AuditEventContent): string {
  return (
    `{"action":${JSON.stringify(c.action)},"actor":${JSON.stringify(c.actor)},"at":${JSON.stringify(c.at)}` +
    `,"datasetIds":${JSON.stringify(c.datasetIds)},"detail":${canonicalJson(c.detail)}` +
    `,"granularity":${str(c.granularity)},"institution":${str(c.institution)},"outcome":${JSON.stringify(c.outcome)}` +
    `,"reason":${str(c.reason)},"requestId":${str(c.requestId)},"resource":${str(c.resource)}` +
    `,"roles":${JSON.stringify(c.roles)},"seq":${JSON.stringify(c.seq)}}`
  );
}

/** hash = SHA-256( prev_hash || "\n" || canonical JSON of the content ), hex. */
export function eventHash(content: AuditEventContent, prevHash: string): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalEventJson(content)}`)
    .digest('hex');
}
