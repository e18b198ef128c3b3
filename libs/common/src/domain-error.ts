/**
 * Every refusal or failure a caller may see carries one of these codes. The global exception filter maps
 * each code to a GraphQL `extensions.code` and an HTTP status; the table below must name every code
 * (the compiler enforces it through `Record<ErrorCode, ...>`).
 */
export const ERROR_HTTP_STATUS = {
  BAD_REQUEST: 400,
  INVALID_ASSEMBLY: 400,
  INVALID_COORDINATES: 400,
  INVALID_BASES: 400,
  INVALID_VARIANT_TYPE: 400,
  RANGE_TOO_WIDE: 400,
  UNSUPPORTED_QUERY: 501,
  INVALID_REFERENCE_NAME: 400,
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

export class ValidationError extends DomainError {}
export class NotFoundError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('NOT_FOUND', message, details);
  }
}
