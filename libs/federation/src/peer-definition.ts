import { DomainError } from '@helixgate/common';
import type { JSONWebKeySet } from 'jose';
import {
  PEER_COUNT_KINDS,
  PEER_KINDS,
  PEER_STATUSES,
  REFERENCE_NAMINGS,
  type PeerCountKind,
  type PeerKind,
  type PeerStatus,
  type ReferenceNaming,
} from './peer.entity';

/** A peer as an operator declares it (policies/peers.yaml, GraphQL `registerPeer`, `helixgate peers add`). */
export interface PeerDefinition {
  id: string;
  baseUrl: string;
  kind: PeerKind;
  status: PeerStatus;
  issuer: string | null;
  keyThumbprints: string[];
  certificateSha256: string | null;
  jwks: JSONWebKeySet | null;
  timeoutMs: number | null;
  /** Plain HTTP accepted knowingly (`--insecure`); always false for an https URL. */
  insecure: boolean;
  /** Beacon v2 peers: how it names chromosomes (null: as asked). */
  referenceNames: ReferenceNaming | null;
  /** Beacon v2 peers: what its numTotalResults counts (null: unknown). */
  counts: PeerCountKind | null;
}

/** Where a problem is, for the caller to name (a YAML path, a GraphQL argument). */
export type PeerField = keyof PeerDefinition;
export type PeerProblem = (field: PeerField, problem: string) => never;

const NODE_ID = /^[a-z0-9][a-z0-9.-]{1,62}$/;
const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A base URL without trailing slashes: `https://node.example.org` or `https://beacon.example.org/api`. */
export function normalizeBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Checks one peer definition from any source and fills its defaults; `fail` names the field at fault.
 * A Helixgate peer needs its issuer and a pin — key thumbprints, a certificate fingerprint or an inline key
 * set — because its requests are verified against exactly those keys. A Beacon v2 peer is never trusted to
 * sign anything: it is only asked, so it needs neither.
 */
export function checkPeerDefinition(
  raw: Partial<Record<PeerField, unknown>>,
  fail: PeerProblem,
): PeerDefinition {
  const id = raw.id;
  if (typeof id !== 'string' || !NODE_ID.test(id))
    fail('id', 'must be a node id (lowercase letters, digits, dots, dashes)');
  const baseUrl = raw.baseUrl;
  if (typeof baseUrl !== 'string' || !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(baseUrl))
    fail('baseUrl', 'must be an http(s) URL');
  const insecureFlag = raw.insecure ?? false;
  if (typeof insecureFlag !== 'boolean') fail('insecure', 'must be true or false');
  const plainHttp = baseUrl.toLowerCase().startsWith('http://');
  if (plainHttp && !insecureFlag) {
    fail(
      'baseUrl',
      'is plain http://: nothing would authenticate the peer or protect the exchange (and the passports it carries) in transit; use https, or accept it knowingly with --insecure (insecure: true in peers.yaml)',
    );
  }
  const kind = raw.kind ?? 'helixgate';
  if (!PEER_KINDS.includes(kind as PeerKind)) fail('kind', `must be one of ${PEER_KINDS.join(', ')}`);
  const status = raw.status ?? 'active';
  if (!PEER_STATUSES.includes(status as PeerStatus))
    fail('status', `must be one of ${PEER_STATUSES.join(', ')}`);
  const issuer = raw.issuer ?? null;
  if (issuer !== null && (typeof issuer !== 'string' || !/^https?:\/\/\S+$/.test(issuer)))
    fail('issuer', 'must be an http(s) URL');
  const keyThumbprints = raw.keyThumbprints ?? [];
  if (
    !Array.isArray(keyThumbprints) ||
    !keyThumbprints.every((t) => typeof t === 'string' && THUMBPRINT.test(t))
  ) {
    fail('keyThumbprints', 'must be a list of RFC 7638 SHA-256 JWK thumbprints (43 base64url characters)');
  }
  const cert = raw.certificateSha256 ?? null;
  const certificateSha256 = typeof cert === 'string' ? cert.replaceAll(':', '').toLowerCase() : cert;
  if (
    certificateSha256 !== null &&
    (typeof certificateSha256 !== 'string' || !SHA256_HEX.test(certificateSha256))
  ) {
    fail('certificateSha256', 'must be a SHA-256 fingerprint (64 hex digits, colons allowed)');
  }
  const jwks = raw.jwks ?? null;
  if (jwks !== null) {
    const keys = (jwks as { keys?: unknown }).keys;
    if (
      typeof jwks !== 'object' ||
      !Array.isArray(keys) ||
      keys.some((k) => typeof k !== 'object' || k === null || 'd' in k)
    ) {
      fail('jwks', 'must be a key set { keys: [...] } of public keys');
    }
  }
  const timeoutMs = raw.timeoutMs ?? null;
  if (
    timeoutMs !== null &&
    (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 120_000)
  ) {
    fail('timeoutMs', 'must be an integer number of milliseconds between 50 and 120000');
  }
  const referenceNames = raw.referenceNames ?? null;
  if (referenceNames !== null && !REFERENCE_NAMINGS.includes(referenceNames as ReferenceNaming))
    fail('referenceNames', `must be one of ${REFERENCE_NAMINGS.join(', ')}`);
  const counts = raw.counts ?? null;
  if (counts !== null && !PEER_COUNT_KINDS.includes(counts as PeerCountKind))
    fail('counts', `must be one of ${PEER_COUNT_KINDS.join(', ')}`);
  if (kind === 'helixgate' && (referenceNames !== null || counts !== null))
    fail(
      referenceNames !== null ? 'referenceNames' : 'counts',
      'applies to beacon-v2 peers only (a Helixgate peer is asked the engine query and counts variants)',
    );
  if (kind === 'helixgate') {
    if (issuer === null)
      fail('issuer', 'is required for a helixgate peer (the `iss` of the requests it signs)');
    if ((keyThumbprints as string[]).length === 0 && certificateSha256 === null && jwks === null) {
      fail(
        'keyThumbprints',
        'a helixgate peer needs a pin: key thumbprints, a certificate fingerprint or an inline key set',
      );
    }
  }
  return {
    id: id,
    baseUrl: normalizeBaseUrl(baseUrl),
    kind: kind as PeerKind,
    status: status as PeerStatus,
    issuer: issuer,
    keyThumbprints: [...new Set(keyThumbprints as string[])],
    certificateSha256: certificateSha256,
    jwks: jwks as JSONWebKeySet | null,
    timeoutMs: timeoutMs,
    insecure: plainHttp,
    referenceNames: referenceNames as ReferenceNaming | null,
    counts: counts as PeerCountKind | null,
  };
}

/** The same checks for an API or CLI caller: BAD_REQUEST naming the field. */
export function parsePeerDefinition(raw: Partial<Record<PeerField, unknown>>): PeerDefinition {
  return checkPeerDefinition(raw, (field, problem) => {
    throw new DomainError('BAD_REQUEST', `peer ${field} ${problem}`, { field });
  });
}
