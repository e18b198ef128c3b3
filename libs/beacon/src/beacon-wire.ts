import { DomainError } from '@helixgate/common';
import type { Granularity } from './beacon-query';
import { BeaconGranularity } from './models/beacon-response.model';

/**
 * How the beacon names things on the wire, in one place: every face (GraphQL `beacon`, REST `/api`, the
 * federation's network answer and its plain Beacon v2 peers) reads these instead of spelling them again.
 */

/**
 * The Beacon v2 framework versions this beacon speaks. `v2.2.0` (the default, and what GraphQL reports) adds
 * `countPrecision` / `countAdjustedTo` to the count summary and to every result set; `v2.1.1` answers as the
 * v2.1.1 schemas define, for clients that ask for v2.0 or v2.1 (docs/beacon-rest.md, "API versions").
 */
export const BEACON_API_VERSIONS = ['v2.2.0', 'v2.1.1'] as const;
export type BeaconApiVersion = (typeof BEACON_API_VERSIONS)[number];

/** The version answered when the request names none (REST) and the one the GraphQL meta reports. */
export const BEACON_API_VERSION: BeaconApiVersion = 'v2.2.0';

/**
 * The version a request's `apiVersion` (GET query `apiVersion`, POST `meta.apiVersion`) is answered in:
 * none → the default; `v2`, `2.2`, `v2.2.x` → v2.2.0; `v2.0`, `v2.1`, `v2.0.x`, `v2.1.x` → v2.1.1 (2.0
 * clients read the 2.1 shapes). Anything else is refused (400), never answered in a version not asked for.
 */
export function beaconApiVersionOf(asked: string | null | undefined): BeaconApiVersion {
  if (asked === null || asked === undefined || asked === '') return BEACON_API_VERSION;
  const m = /^v?2(?:\.(\d+)(?:\.\d+)?)?$/i.exec(asked.trim());
  if (m && m[1] === undefined) return BEACON_API_VERSION;
  if (m && (m[1] === '0' || m[1] === '1')) return 'v2.1.1';
  if (m && m[1] === '2') return 'v2.2.0';
  throw new DomainError(
    'BAD_REQUEST',
    `apiVersion ${asked.slice(0, 40)} is not served here: ask for ${BEACON_API_VERSIONS.join(' (default) or ')} (v2.0 and v2.1 clients get v2.1.1)`,
  );
}

/**
 * Beacon ids are reverse-DNS strings. A dotted node id is a DNS name and is reversed
 * (`beacon.uni-x.de` → `de.uni-x.beacon`); a single-label id is placed under `org.helixgate`, as the
 * node's GA4GH service-info id is. One identity on every face (GraphQL meta, REST meta, /info, service-info).
 */
export function beaconIdFor(nodeId: string): string {
  return nodeId.includes('.') ? nodeId.split('.').reverse().join('.') : `org.helixgate.${nodeId}`;
}

/** Beacon v2 names for the granularities (lower case on the wire: REST parameters, meta, plain peers). */
export const BEACON_GRANULARITIES = ['boolean', 'count', 'record'] as const;
export type BeaconGranularityName = (typeof BEACON_GRANULARITIES)[number];

const WIRE_NAME: Record<Granularity, BeaconGranularityName> = {
  BOOLEAN: 'boolean',
  COUNT: 'count',
  RECORD: 'record',
};
const ENGINE_NAME: Record<BeaconGranularityName, Granularity> = {
  boolean: 'BOOLEAN',
  count: 'COUNT',
  record: 'RECORD',
};
const GRAPHQL_NAME: Record<Granularity, BeaconGranularity> = {
  BOOLEAN: BeaconGranularity.BOOLEAN,
  COUNT: BeaconGranularity.COUNT,
  RECORD: BeaconGranularity.RECORD,
};

/** The engine's granularity as Beacon v2 writes it (`COUNT` → `count`). */
export function wireGranularity(g: Granularity): BeaconGranularityName {
  return WIRE_NAME[g];
}

/** A Beacon v2 granularity name as the engine's (`count` → `COUNT`). */
export function engineGranularity(name: BeaconGranularityName): Granularity {
  return ENGINE_NAME[name];
}

/** The engine's granularity as the GraphQL enum. */
export function graphqlGranularity(g: Granularity): BeaconGranularity {
  return GRAPHQL_NAME[g];
}

/** Whether a value from outside (a peer's answer) is one of the engine's granularity names. */
export function isGranularity(value: unknown): value is Granularity {
  return typeof value === 'string' && Object.hasOwn(WIRE_NAME, value);
}

/** Whether a value from outside (a plain Beacon v2 peer's meta) is a Beacon v2 granularity name. */
export function isBeaconGranularityName(value: unknown): value is BeaconGranularityName {
  return typeof value === 'string' && Object.hasOwn(ENGINE_NAME, value);
}

/** Beacon v2 `includeResultsetResponses`: which result sets a response lists. */
export const INCLUDE_RESULTSET_RESPONSES = ['HIT', 'MISS', 'ALL', 'NONE'] as const;
export type IncludeResultsetResponses = (typeof INCLUDE_RESULTSET_RESPONSES)[number];

/** Whether a result set that found something (`exists`) or not is listed under `mode`. */
export function includesResultSet(exists: boolean, mode: IncludeResultsetResponses): boolean {
  switch (mode) {
    case 'ALL':
      return true;
    case 'HIT':
      return exists;
    case 'MISS':
      return !exists;
    case 'NONE':
      return false;
    default: {
      const unknown: never = mode;
      throw new Error(`unknown includeResultsetResponses ${String(unknown)}`);
    }
  }
}
