import { anonymousCaller, type Caller } from '@helixgate/common';
import { randomUUID } from 'node:crypto';

/** What the REST face reads from the HTTP request (Express, with pino-http's `id`). */
export interface BeaconHttpRequest {
  id?: unknown;
  /** Set by the identity middleware for a verified bearer token. */
  caller?: Caller;
  protocol: string;
  get(name: string): string | undefined;
}

export function requestIdOf(req: BeaconHttpRequest): string {
  return typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : randomUUID();
}

/**
 * The caller of a REST request, from the same place the GraphQL path takes it: the Caller the identity
 * middleware attached to the request, or an anonymous caller with the request's correlation id.
 */
export function callerOfRequest(req: BeaconHttpRequest): Caller {
  return req.caller ?? anonymousCaller(requestIdOf(req));
}
