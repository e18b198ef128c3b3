import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '@helixgate/common';

/**
 * The audit event being built for the current request. The interceptor opens it; services the request
 * reaches (beacon, access, crypto) add what only they know — datasets, granularity returned, counts
 * decrypted — through `AuditService.annotate`, and the interceptor writes one event at the end.
 */
export interface AuditRequestContext {
  caller: Caller;
  action?: string;
  resource?: string;
  datasetIds: Set<string>;
  granularity?: string;
  detail: Record<string, unknown>;
  /**
   * Set by `annotate({ refusal: true })`: if the request fails, its outcome is `deny` whatever the error's
   * code (a caller told NOT_FOUND "not found or no access" about something that exists and that they may not
   * act on was refused, and compliance must see it as such).
   */
  refused?: boolean;
}

export const auditContextStorage = new AsyncLocalStorage<AuditRequestContext>();

export interface AuditAnnotation {
  action?: string;
  resource?: string;
  datasetIds?: readonly string[];
  granularity?: string;
  detail?: Record<string, unknown>;
  /** The request's failure, if it fails, is a refusal of the caller: recorded `deny` (see `refused`). */
  refusal?: boolean;
}
