/** What the REST face reads from the HTTP request (Express, with pino-http's `id`). */
export interface BeaconHttpRequest {
  id?: unknown;
  protocol: string;
  get(name: string): string | undefined;
}
