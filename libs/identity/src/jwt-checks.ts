import { DomainError } from '@helixgate/common';
import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import { IssuerRegistry, KeySourceUnavailableError } from './issuer-registry.service';
import { ALLOWED_ALGORITHMS, type AllowedAlgorithm, type TrustedIssuer } from './trusted-issuers.policy';

/** Why a token or visa was refused; carried as `reason` on INVALID_TOKEN / TOKEN_EXPIRED errors. */
export type RejectionReason =
  | 'malformed'
  | 'alg_not_allowed'
  | 'untrusted_issuer'
  | 'jku_not_allowed'
  | 'unknown_kid'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'missing_claim'
  | 'lifetime_too_long'
  | 'unknown_user'
  | 'user_disabled'
  | 'session_token';

export class TokenRejection extends DomainError {
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(reason === 'expired' ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', message, { reason });
  }
}

/** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. */
export const CLOCK_SKEW_SECONDS = 30;

export interface VerifiedJwt {
  issuer: TrustedIssuer;
  payload: JWTPayload;
  header: ProtectedHeaderParameters;
}

/**
 * The checks every JWT here goes through, in an order that gives each rejection its own reason:
 * header decodes; `alg` is one of ES256/RS256/EdDSA (so `none` and HS256-with-a-public-key fail before
 * any key is touched) and allowed for the issuer; `iss` is trusted for this use; a `jku` is on the
 * issuer's list; then jose verifies the signature with the issuer's key for `kid` and the time and
 * audience claims.
 */
export async function verifyJwt(
  token: string,
  registry: IssuerRegistry,
  use: {
    accept: (issuer: TrustedIssuer) => boolean;
    audience?: (issuer: TrustedIssuer) => string[];
    requiredClaims: string[];
    /** Longest lifetime accepted, in seconds: `exp - iat` (when `iat` is present) and `exp - now`. */
    maxLifetimeSeconds: number;
  },
  what: string,
): Promise<VerifiedJwt> {
  let header: ProtectedHeaderParameters;
  let unverified: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch {
    throw new TokenRejection('malformed', `${what} is not a well-formed JWT`);
  }
  if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(header.alg as AllowedAlgorithm)) {
    throw new TokenRejection(
      'alg_not_allowed',
      `${what} algorithm is not allowed (only ${ALLOWED_ALGORITHMS.join(', ')})`,
    );
  }
  const issuer = registry.find(unverified.iss);
  if (!issuer || !use.accept(issuer)) {
    throw new TokenRejection('untrusted_issuer', `${what} issuer is not trusted by this node`);
  }
  if (!issuer.algorithms.includes(header.alg as AllowedAlgorithm)) {
    throw new TokenRejection('alg_not_allowed', `${what} algorithm is not allowed for its issuer`);
  }
  if (header.jku !== undefined && !issuer.allowedJku.includes(header.jku)) {
    throw new TokenRejection('jku_not_allowed', `${what} jku is not on its issuer's allowed list`);
  }
  try {
    const { payload } = await jwtVerify(token, registry.keyResolver(issuer), {
      issuer: issuer.issuer,
      audience: use.audience?.(issuer),
      algorithms: issuer.algorithms,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: use.requiredClaims,
    });
    const now = Date.now() / 1000;
    if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS) {
      throw new TokenRejection('not_yet_valid', `${what} was issued in the future`);
    }
    checkLifetime(payload, now, use.maxLifetimeSeconds, what);
    return { issuer, payload, header };
  } catch (err) {
    throw mapJoseError(err, what);
  }
}

/**
 * A token that lives for years is a credential that cannot be taken back: refuse one whose lifetime
 * (`exp - iat`) or remaining life (`exp - now`) exceeds `max` seconds (plus the clock skew for the latter).
 */
function checkLifetime(payload: JWTPayload, now: number, max: number, what: string): void {
  const exp = payload.exp;
  if (typeof exp !== 'number') return; // required by every caller; jose has refused it already
  const longest = `${what} may live at most ${max} s here`;
  if (typeof payload.iat === 'number' && exp - payload.iat > max) {
    throw new TokenRejection(
      'lifetime_too_long',
      `${longest} (exp - iat is ${Math.round(exp - payload.iat)} s)`,
    );
  }
  if (exp - now > max + CLOCK_SKEW_SECONDS) {
    throw new TokenRejection('lifetime_too_long', `${longest} (it expires in ${Math.round(exp - now)} s)`);
  }
}

function mapJoseError(err: unknown, what: string): Error {
  if (err instanceof TokenRejection) return err;
  if (err instanceof KeySourceUnavailableError) {
    return new DomainError(
      'IDENTITY_PROVIDER_UNAVAILABLE',
      `the key set of the ${what} issuer cannot be fetched; try again later`,
    );
  }
  if (err instanceof errors.JWTExpired) return new TokenRejection('expired', `${what} has expired`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing')
      return new TokenRejection('missing_claim', `${what} lacks the ${err.claim} claim`);
    switch (err.claim) {
      case 'nbf':
      case 'iat':
        return new TokenRejection('not_yet_valid', `${what} is not yet valid`);
      case 'aud':
        return new TokenRejection('wrong_audience', `${what} is not meant for this node (audience)`);
      case 'iss':
        return new TokenRejection('untrusted_issuer', `${what} issuer is not trusted by this node`);
      default:
        return new TokenRejection('malformed', `${what} claim ${err.claim} is invalid`);
    }
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenRejection('unknown_kid', `${what} names a key its issuer does not publish`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRejection('bad_signature', `${what} signature does not verify`);
  }
  if (err instanceof errors.JOSEAlgNotAllowed)
    return new TokenRejection('alg_not_allowed', `${what} algorithm is not allowed`);
  return new TokenRejection('malformed', `${what} is not a valid JWT`);
}
