/**
 * Every refusal or failure a caller may see carries one of these codes. This is the one table that says
 * what each code becomes on every face (the compiler makes it name every code):
 * - `status`: the HTTP status (REST `{ error }` body, GraphQL `http.status` of a whole-operation refusal,
 *   and the Beacon `beaconErrorResponse`'s `error.errorCode`, which Beacon v2 defines as the HTTP status);
 * - the GraphQL `extensions.code` and the Beacon `info.code` are the code itself;
 * - `refusal`: the audit outcome is `deny` (the caller was refused) rather than `error` (it failed).
 * `errorReplyOf` (below) applies it to anything thrown; the faces only render its result.
 */
export const ERROR_TABLE = {
  BAD_REQUEST: { status: 400 },
  /** A request body over HELIXGATE_MAX_BODY_BYTES. */
  PAYLOAD_TOO_LARGE: { status: 413 },
  /** A request body in a charset or content encoding the gateway does not read. */
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  /** A NUL character (U+0000) in a string argument, path or query parameter: never valid text here. */
  INVALID_CHARACTERS: { status: 400 },
  /** A GraphQL operation over HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS root fields or HELIXGATE_GRAPHQL_MAX_COST. */
  QUERY_TOO_COMPLEX: { status: 400 },
  /** Several GraphQL operations in one HTTP request (an array body). */
  BATCH_NOT_SUPPORTED: { status: 400 },
  INVALID_ASSEMBLY: { status: 400 },
  INVALID_COORDINATES: { status: 400 },
  INVALID_BASES: { status: 400 },
  /** referenceBases / alternateBases longer than HELIXGATE_MAX_ALLELE_LENGTH. */
  ALLELE_TOO_LONG: { status: 400 },
  INVALID_VARIANT_TYPE: { status: 400 },
  RANGE_TOO_WIDE: { status: 400 },
  /** An unpaged list (deprecated) longer than its cap: the message names the paged field to use instead. */
  LIST_TOO_LONG: { status: 400 },
  UNSUPPORTED_QUERY: { status: 501 },
  INVALID_REFERENCE_NAME: { status: 400 },
  /** A Beacon `geneId` that is no known HGNC symbol, alias or NCBI Gene id (the message suggests close ones). */
  UNKNOWN_GENE: { status: 400 },
  /** A `geneId` alias naming several genes, or a gene on several chromosomes without a referenceName. */
  AMBIGUOUS_GENE: { status: 400 },
  INVALID_CONSENT: { status: 400 },
  UNKNOWN_DATASET: { status: 404, refusal: true },
  DATASET_EXISTS: { status: 409 },
  NOT_FOUND: { status: 404 },
  UNAUTHENTICATED: { status: 401, refusal: true },
  FORBIDDEN: { status: 403, refusal: true },
  INVALID_TOKEN: { status: 401, refusal: true },
  TOKEN_EXPIRED: { status: 401, refusal: true },
  IDENTITY_PROVIDER_UNAVAILABLE: { status: 503 },
  RATE_LIMITED: { status: 429, refusal: true },
  CONFLICT: { status: 409 },
  /** An approval the dataset's committee quorum (policies/committees.yaml) does not allow yet. */
  QUORUM_NOT_MET: { status: 409, refusal: true },
  /** An approval that needs a ResearcherStatus (bona fide) visa or a local attestation the applicant lacks. */
  RESEARCHER_STATUS_REQUIRED: { status: 403, refusal: true },
  /** A vote by someone who already has a current vote on the request (change it instead). */
  ALREADY_VOTED: { status: 409, refusal: true },
  INGEST_FAILED: { status: 422 },
  PANEL_IMPORT_FAILED: { status: 422 },
  PANEL_NOT_FOUND: { status: 404 },
  PRIVACY_PANEL_MISSING: { status: 503 },
  /** Past the quota of priced alleles or the account's share of the budgets (docs/privacy.md): a refusal. */
  PRIVACY_QUOTA_EXCEEDED: { status: 429, refusal: true },
  /**
   * A query that alone reveals more priced alleles, or draws more of the budgets, than the account's whole
   * quota or share per window: waiting never helps (no Retry-After); only a narrower query is answered.
   */
  PRIVACY_QUERY_TOO_BROAD: { status: 400, refusal: true },
  /**
   * Past the account's count budget in a dataset (docs/privacy.md rule 7): no more allele counts, for good
   * (it never refills); yes/no answers are still given.
   */
  PRIVACY_COUNT_BUDGET_SPENT: { status: 403, refusal: true },
  DECRYPTION_FAILED: { status: 500 },
  KEY_UNAVAILABLE: { status: 500 },
  AUDIT_UNAVAILABLE: { status: 503 },
  PEER_SIGNATURE_REQUIRED: { status: 401 },
  PEER_SIGNATURE_INVALID: { status: 401 },
  PEER_REQUEST_EXPIRED: { status: 401 },
  PEER_REQUEST_REPLAYED: { status: 401 },
  PEER_NOT_TRUSTED: { status: 403 },
  INTERNAL: { status: 500 },
} as const satisfies Record<string, { status: number; refusal?: boolean }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** The HTTP status of a code (from ERROR_TABLE). */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_TABLE[code].status;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  get httpStatus(): number {
    return httpStatusOf(this.code);
  }
}

/** What every face sends for an error: the same code, status, message and details. */
export interface ErrorReply {
  code: ErrorCode;
  status: number;
  message: string;
  /** The DomainError's details (a refusal's reason, retryAfterSeconds, datasetIds...); sent to the caller. */
  details: Record<string, unknown>;
  correlationId: string;
  /** Response headers the error implies (Retry-After). */
  headers: Record<string, string>;
  /** The audit outcome: `deny` for a refusal of the caller, `error` for a failure. */
  outcome: 'deny' | 'error';
  /** Not a DomainError nor an HTTP refusal: its stack belongs in the log (never in the reply). */
  unexpected: boolean;
}

/** The code of an HTTP status that Nest or Express raised itself (an unknown route, a malformed body). */
function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  return status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
}

/**
 * Applies ERROR_TABLE to anything thrown: a DomainError keeps its code, message and details; an HTTP
 * exception from Nest (anything with `getStatus()`) gets the code of its status and, below 500, its message;
 * anything else becomes INTERNAL with the correlation id in the message.
 */
export function errorReplyOf(exception: unknown, correlationId: string): ErrorReply {
  let code: ErrorCode;
  let status: number;
  let message: string;
  let details: Record<string, unknown> = {};
  let unexpected = false;
  const httpStatus = (exception as { getStatus?: () => unknown } | null)?.getStatus?.();
  if (exception instanceof DomainError) {
    ({ code, message } = exception);
    status = exception.httpStatus;
    details = exception.details ?? {};
  } else if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus <= 599) {
    code = codeOfStatus(httpStatus);
    status = httpStatus;
    message =
      httpStatus < 500
        ? String((exception as Error).message)
        : `Internal error (correlation id ${correlationId})`;
  } else {
    code = 'INTERNAL';
    status = httpStatusOf('INTERNAL');
    message = `Internal error (correlation id ${correlationId})`;
    unexpected = true;
  }
  const headers: Record<string, string> = {};
  if (typeof details.retryAfterSeconds === 'number')
    headers['Retry-After'] = String(details.retryAfterSeconds);
  const refusal = (ERROR_TABLE[code] as { refusal?: boolean }).refusal === true;
  return {
    code,
    status,
    message,
    details,
    correlationId,
    headers,
    outcome: refusal ? 'deny' : 'error',
    unexpected,
  };
}

/** The GraphQL error of a reply: `extensions.code` is the domain code. */
export function graphqlErrorOf(r: ErrorReply): { message: string; extensions: Record<string, unknown> } {
  return { message: r.message, extensions: { code: r.code, correlationId: r.correlationId, ...r.details } };
}

/** The body of a non-Beacon HTTP error (`/me`, `/auth/*`, `/api/audit/export`...). */
export function restErrorBodyOf(r: ErrorReply): { error: Record<string, unknown> } {
  return { error: { code: r.code, message: r.message, correlationId: r.correlationId, ...r.details } };
}

/** A Beacon v2 `beaconErrorResponse`'s `error`: `errorCode` is the HTTP status. */
export function beaconErrorOf(r: ErrorReply): { errorCode: number; errorMessage: string } {
  return { errorCode: r.status, errorMessage: r.message };
}
