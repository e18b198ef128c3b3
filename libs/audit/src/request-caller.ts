import { anonymousCaller, clientRequestIdOf, type Caller } from '@helixgate/common';
import { randomUUID } from 'node:crypto';

/** The request's caller: set by the identity middleware when it lands (`req.caller`), else anonymous. */
export function callerOf(req: unknown): Caller {
  const r = (req ?? {}) as { caller?: Caller; id?: unknown; headers?: Record<string, unknown> };
  if (r.caller) return r.caller;
  return anonymousCaller(
    typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : randomUUID(),
    clientRequestIdOf(r.headers?.['x-request-id']),
  );
}
