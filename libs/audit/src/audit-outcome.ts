import { DomainError, type ErrorCode } from '@helixgate/common';
import type { AuditOutcome } from './audit-hash';

/** Refusals (outcome `deny`); any other coded failure is an `error`. */
const DENY_CODES: ReadonlySet<ErrorCode> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'RATE_LIMITED',
  'UNKNOWN_DATASET',
]);

/** The outcome and reason code an audit event records for a failed request or operation. */
export function outcomeOf(err: unknown): { outcome: AuditOutcome; reason: string } {
  if (err instanceof DomainError) {
    return { outcome: DENY_CODES.has(err.code) ? 'deny' : 'error', reason: err.code };
  }
  const status = (err as { getStatus?: () => number }).getStatus?.();
  if (status === 401 || status === 403)
    return { outcome: 'deny', reason: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' };
  if (status !== undefined && status < 500) return { outcome: 'error', reason: 'BAD_REQUEST' };
  return { outcome: 'error', reason: 'INTERNAL' };
}

/** Dataset ids a coded refusal names in its details (e.g. the beacon's "no grant for dataset X"). */
export function datasetIdsOf(err: unknown): string[] {
  if (!(err instanceof DomainError)) return [];
  const ids = (err.details as { datasetIds?: unknown } | undefined)?.datasetIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

export const auditUnavailable = (what = 'this request', done = 'it was not answered') =>
  new DomainError('AUDIT_UNAVAILABLE', `the audit trail could not record ${what}, so ${done}`);
