import type { AuditDetailValue } from './audit-hash';

/**
 * Event detail is whitelisted, not blacklisted: only keys on this list are kept, and only scalar values or
 * short arrays of scalars. Genotypes, tokens, keys and sample ids therefore cannot reach the trail even if a
 * caller passes them by mistake. A module that needs a new key adds it here (reviewed in one place).
 */
export const AUDIT_DETAIL_KEYS = new Set([
  'operation',
  'operationName',
  'field',
  'method',
  'path',
  'status',
  'durationMs',
  'purpose',
  'grantId',
  // the grants whose visas GET /permissions (myPermissions) handed out
  'grantIds',
  'requestIdOfAccess',
  'accessRequestId',
  // committee votes set aside when a returned request is resubmitted
  'votesSetAside',
  'individualId',
  // a resumed participant withdrawal: rows done by earlier runs
  'variantsDone',
  // sign-ins (auth.*): the account signed in (the request itself is anonymous), how, and a refusal's code
  'user',
  'provider',
  'refused',
  // the Beacon filters' term ids a query was narrowed by; an individuals import's terms per field
  'filters',
  'terms',
  // audit.search by request id
  'requestId',
  'individualCount',
  'variantCount',
  'resultCount',
  'assembly',
  'chrom',
  'start',
  'end',
  'referenceBases',
  'alternateBases',
  'keyVersion',
  'kid',
  'fromState',
  'toState',
  'expiresAt',
  'peer',
  'filter',
  'from',
  'to',
  'format',
  'sha256',
  'rows',
  'checkpointSeq',
  'count',
  'ok',
  'firstBadSeq',
  'problem',
  'baseline',
  'windowSeconds',
  'securityLevel',
  'datasetId',
  'actor',
  'action',
  'outcome',
  'first',
  'after',
  'beaconQuery',
  'reason',
  'baseUrl',
  // who asked, beyond the actor column
  'clientRequestId',
  'issuer',
  // access decisions, stewards, consents
  'researcher',
  'steward',
  'consent',
  'previousConsent',
  'consentMatch',
  'name',
  // which participants a decryption released (internal indexes, never sample ids)
  'individuals',
  'individualsTruncated',
  // operator actions (CLI)
  'command',
  'username',
  'subject',
  'roles',
  'institution',
  'ttl',
  'visas',
  'file',
  'records',
  'altRows',
  'skipped',
  'replace',
  'masterKeyId',
  'rewrapped',
  'retired',
  'foreign',
  'nodeId',
  'nodeIssuer',
  'certificateSha256',
  'thumbprints',
  'migrations',
  // backup and restore (CLI): ids, sizes, checksums and key ids — never key material
  'backupId',
  'location',
  'databaseKind',
  'schemaVersion',
  'lastAuditSeq',
  'masterKeyIds',
  'keysIncluded',
  'bytes',
  'manifestSha256',
  'migrationsApplied',
  'keysInstalled',
  'auditOk',
  'auditEventsChecked',
  'missingKeys',
  'keyFailures',
  'strandedBackups',
  // a GraphQL operation refused before it ran: how many root fields, its estimated cost, the queries charged
  'rootFields',
  'cost',
  'rateLimitCharge',
  // reference panels (privacy guard pricing)
  'panel',
  'file',
  'records',
  'alleles',
  'replace',
  'pricedAlleles',
  'privacyLimit',
  'quota',
  // federation: a plain-HTTP peer (peer.register), a peer answer with no dataset this caller may ask
  'insecure',
  'nothingVisible',
  // user administration (console): the role granted or removed, the roles before; an invitation's end
  'role',
  'previousRoles',
  'invitationExpiresAt',
  // grant visas presented but not honoured (ended grant, another identity's): "dataset X, grant G: why"
  'grantVisasRefused',
  // data access committees: membership, reviews asked, votes with their rationale, remarks, handler
  'member',
  'chair',
  'reviewer',
  'role',
  'vote',
  'previous',
  'rationale',
  'remark',
  'visibility',
  'handler',
  'state',
  'note',
  // notifications (libs/notifications): retried deliveries, a user's preferences (never the address);
  // grant lifecycle: renewals and close-outs
  'deliveryIds',
  'emailSet',
  'emailEnabled',
  'events',
  'renewalOf',
  'closeOutKind',
]);

/** The most participant indexes one event lists; a decryption of more records `individualsTruncated`. */
export const MAX_AUDITED_INDIVIDUALS = 100_000;

/**
 * Keys whose value may be a long array of numbers (not the usual short list): the participants a record-level
 * answer released, so that a participant's access history is exact (`participantAccessHistory`).
 */
const LONG_NUMBER_ARRAYS: ReadonlyMap<string, number> = new Map([['individuals', MAX_AUDITED_INDIVIDUALS]]);

const MAX_STRING = 256;
const MAX_ARRAY = 64;
/** The key under which `scrubDetail` says what it cut; reserved (not on the list, never taken from a caller). */
export const TRUNCATED_KEY = 'truncated';

function scalar(v: unknown): AuditDetailValue | undefined {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
  if (v instanceof Date) return v.toISOString();
  return undefined;
}

/**
 * What was cut: "key: kept of total items" (arrays) or "key: kept of total characters" (strings), so a reader of
 * the trail knows a list or a text is not whole and how long it was (e.g. 64 of 130 `deliveryIds`).
 */
function cutNote(key: string, v: unknown, limit: number): string | undefined {
  if (typeof v === 'string' && v.length > MAX_STRING)
    return `${key}: ${MAX_STRING} of ${v.length} characters`;
  if (Array.isArray(v) && v.length > limit) return `${key}: ${limit} of ${v.length} items`;
  return undefined;
}

function value(v: unknown, depth: number, key: string): AuditDetailValue | undefined {
  const s = scalar(v);
  if (s !== undefined) return s;
  const long = LONG_NUMBER_ARRAYS.get(key);
  if (long !== undefined && Array.isArray(v)) {
    return v
      .slice(0, long)
      .filter((x): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0);
  }
  if (Array.isArray(v)) {
    return v
      .slice(0, MAX_ARRAY)
      .map((x) => scalar(x))
      .filter((x): x is AuditDetailValue => x !== undefined);
  }
  if (depth === 0 && typeof v === 'object' && v !== null) {
    // one nested level (e.g. a search filter), itself whitelisted
    return scrubDetail(v as Record<string, unknown>, depth + 1);
  }
  return undefined;
}

/**
 * A key not on the list is dropped, never stored, and said once per key and process as a process warning
 * (`HELIXGATE_AUDIT_DETAIL_DROPPED`): a module that passes one has a detail its readers expect that never
 * reaches the trail, which nobody reading the trail can notice. At most 100 distinct keys are remembered (a
 * nested object may come from a client: its keys must not grow the set), each shown as JSON, cut to 64.
 */
const REPORTED_KEYS = new Set<string>();
const MAX_REPORTED_KEYS = 100;

function reportDropped(key: string): void {
  if (REPORTED_KEYS.has(key) || REPORTED_KEYS.size >= MAX_REPORTED_KEYS) return;
  REPORTED_KEYS.add(key);
  process.emitWarning(
    `audit event detail key ${JSON.stringify(key.slice(0, 64))} is not on AUDIT_DETAIL_KEYS (libs/audit/src/audit-scrub.ts): dropped`,
    { code: 'HELIXGATE_AUDIT_DETAIL_DROPPED' },
  );
}

export function scrubDetail(
  detail: Record<string, unknown> | undefined,
  depth = 0,
): Record<string, AuditDetailValue> {
  const out: Record<string, AuditDetailValue> = {};
  if (!detail) return out;
  const cut: string[] = [];
  for (const [k, v] of Object.entries(detail)) {
    if (!AUDIT_DETAIL_KEYS.has(k)) {
      if (k !== TRUNCATED_KEY) reportDropped(k);
      continue;
    }
    const x = value(v, depth, k);
    if (x === undefined) continue;
    out[k] = x;
    const note = cutNote(k, v, LONG_NUMBER_ARRAYS.get(k) ?? MAX_ARRAY);
    if (note) cut.push(note);
  }
  // Written by the scrubber only (a caller's own `truncated` is dropped above): what it cut, in key order.
  if (cut.length > 0) out[TRUNCATED_KEY] = cut;
  return out;
}
