/**
 * Every refusal or failure a caller may see carries one of these codes. The global exception filter maps
 * each code to a GraphQL `extensions.code` and an HTTP status; the table below must name every code
 * (the compiler enforces it through `Record<ErrorCode, ...>`).
 */
export const ERROR_HTTP_STATUS = {
  BAD_REQUEST: 400,
  /** A request body over HELIXGATE_MAX_BODY_BYTES. */
  PAYLOAD_TOO_LARGE: 413,
  /** A request body in a charset or content encoding the gateway does not read. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A NUL character (U+0000) in a string argument, path or query parameter: never valid text here. */
  INVALID_CHARACTERS: 400,
  /** A GraphQL operation over HELIXGATE_GRAPHQL_MAX_ROOT_FIELDS root fields or HELIXGATE_GRAPHQL_MAX_COST. */
  QUERY_TOO_COMPLEX: 400,
  /** Several GraphQL operations in one HTTP request (an array body). */
  BATCH_NOT_SUPPORTED: 400,
  INVALID_ASSEMBLY: 400,
  INVALID_COORDINATES: 400,
  INVALID_BASES: 400,
  /** referenceBases / alternateBases longer than HELIXGATE_MAX_ALLELE_LENGTH. */
  ALLELE_TOO_LONG: 400,
  INVALID_VARIANT_TYPE: 400,
  RANGE_TOO_WIDE: 400,
  UNSUPPORTED_QUERY: 501,
  INVALID_REFERENCE_NAME: 400,
  /** A Beacon `geneId` that is no known HGNC symbol, alias or NCBI Gene id (the message suggests close ones). */
  UNKNOWN_GENE: 400,
  /** A `geneId` alias naming several genes, or a gene on several chromosomes without a referenceName. */
  AMBIGUOUS_GENE: 400,
  INVALID_CONSENT: 400,
  UNKNOWN_DATASET: 404,
  DATASET_EXISTS: 409,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  IDENTITY_PROVIDER_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  INGEST_FAILED: 422,
  PANEL_IMPORT_FAILED: 422,
  PANEL_NOT_FOUND: 404,
  PRIVACY_PANEL_MISSING: 503,
  PRIVACY_QUOTA_EXCEEDED: 429,
  DECRYPTION_FAILED: 500,
  KEY_UNAVAILABLE: 500,
  AUDIT_UNAVAILABLE: 503,
  PEER_SIGNATURE_REQUIRED: 401,
  PEER_SIGNATURE_INVALID: 401,
  PEER_REQUEST_EXPIRED: 401,
  PEER_REQUEST_REPLAYED: 401,
  PEER_NOT_TRUSTED: 403,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

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
    return ERROR_HTTP_STATUS[this.code];
  }
}
