import { DomainError, errorReplyOf } from '@helixgate/common';
import type { AuditOutcome } from './audit-hash';

/**
 * The outcome and reason code an audit event records for a failed request or operation: the error table's
 * code, `deny` for a refusal of the caller (ERROR_TABLE `refusal`), `error` for any other failure.
 */
export function outcomeOf(err: unknown): { outcome: AuditOutcome; reason: string } {
  const reply = errorReplyOf(err, '');
  return { outcome: reply.outcome, reason: reply.code };
}

/** Dataset ids a coded refusal names in its details (e.g. the beacon's "no grant for dataset X"). */
export function datasetIdsOf(err: unknown): string[] {
  if (!(err instanceof DomainError)) return [];
  const ids = (err.details as { datasetIds?: unknown } | undefined)?.datasetIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

export const auditUnavailable = (what = 'this request', done = 'it was not answered') =>
  new DomainError('AUDIT_UNAVAILABLE', `the audit trail could not record ${what}, so ${done}`);
