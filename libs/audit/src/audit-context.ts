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
}

export const auditContextStorage = new AsyncLocalStorage<AuditRequestContext>();

export interface AuditAnnotation {
  action?: string;
  resource?: string;
  datasetIds?: readonly string[];
  granularity?: string;
  detail?: Record<string, unknown>;
}
