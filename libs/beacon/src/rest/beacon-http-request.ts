import { randomUUID } from 'node:crypto';

/** What the REST face reads from the HTTP request (Express, with pino-http's `id`). */
export interface BeaconHttpRequest {
  id?: unknown;
  protocol: string;
  get(name: string): string | undefined;
}

/** The request's correlation id (set by pino-http, also in the x-request-id header and the logs). */
export function requestIdOf(req: BeaconHttpRequest): string {
  return typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : randomUUID();
}
