import { Injectable, Logger } from '@nestjs/common';
import { CLOCK_SKEW_SECONDS } from '@helixgate/identity';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { PeerEntity } from './peer.entity';
import { PeerKeysService } from './peer-keys.service';
import {
  MAX_PEER_REQUEST_LIFETIME_S,
  PEER_ANSWER_TYP,
  bodyHash,
  type PeerAnswerClaims,
} from './peer-protocol';

/** Why a peer's answer was not accepted (the `problem` of its audit event and of the node's message). */
export type AnswerRefusal =
  | 'unsigned'
  | 'malformed'
  | 'alg_not_allowed'
  | 'key_not_pinned'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_node'
  | 'wrong_request'
  | 'body_mismatch'
  | 'stale';

/** An answer that is not merged: unsigned, wrongly signed, bound to something else, altered or stale. */
export class UnverifiedAnswer extends Error {
  constructor(
    readonly problem: AnswerRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** What an answer must be bound to: the peer that was asked, this node, and the request's jti. */
export interface ExpectedAnswer {
  peer: Pick<PeerEntity, 'id' | 'issuer'>;
  /** This (asking) node's id: the answer's audience. */
  audience: string;
  /** The `jti` of the request sent. */
  requestJti: string;
}

/**
 * Checks a peer's signed answer against keys already pinned for that peer: ES256 with the peer-answer
 * `typ`, signed by a pinned key, `iss` = the peer's registered issuer, `aud` = this node, `hg_node` = the
 * peer's id, `hg_request_jti` = the request's jti, `hg_body_sha256` = the hash of the body received,
 * unexpired, issued no later than now (+ skew) and living at most 60 s. Throws UnverifiedAnswer.
 * `JWKSNoMatchingKey` is rethrown as is, so the caller may refetch the peer's key set once.
 */
export async function verifyPeerAnswer(
  jws: string | null,
  body: unknown,
  keys: JWK[],
  expected: ExpectedAnswer,
): Promise<JWTPayload & PeerAnswerClaims> {
  const { peer } = expected;
  if (!jws) throw new UnverifiedAnswer('unsigned', 'the answer is not signed');
  try {
    if (decodeProtectedHeader(jws).alg !== 'ES256')
      throw new UnverifiedAnswer('alg_not_allowed', 'the answer is not signed with ES256');
  } catch (err) {
    if (err instanceof UnverifiedAnswer) throw err;
    throw new UnverifiedAnswer('malformed', 'the answer signature is not a well-formed JWS');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jws, createLocalJWKSet({ keys }), {
      algorithms: ['ES256'],
      typ: PEER_ANSWER_TYP,
      requiredClaims: ['iss', 'aud', 'iat', 'exp', 'hg_request_jti', 'hg_node', 'hg_body_sha256'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    }));
  } catch (err) {
    if (err instanceof errors.JWKSNoMatchingKey) throw err;
    if (err instanceof errors.JWTExpired) throw new UnverifiedAnswer('stale', 'the answer has expired');
    if (err instanceof errors.JWTClaimValidationFailed)
      throw new UnverifiedAnswer('malformed', `the answer's ${err.claim} claim is invalid`);
    if (err instanceof errors.JWSSignatureVerificationFailed)
      throw new UnverifiedAnswer('bad_signature', 'the answer signature does not verify');
    if (err instanceof errors.JOSEError)
      throw new UnverifiedAnswer('malformed', `the answer signature is invalid (${err.code})`);
    throw err;
  }
  const claims = payload as JWTPayload & Partial<PeerAnswerClaims>;
  // The signature verified with a key pinned for this peer; now what it says must be what was asked.
  if (claims.iss !== peer.issuer)
    throw new UnverifiedAnswer('wrong_issuer', `the answer is not signed as ${peer.id}'s issuer`);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (aud.length !== 1 || aud[0] !== expected.audience)
    throw new UnverifiedAnswer('wrong_audience', 'the answer is addressed to another node');
  if (claims.hg_node !== peer.id)
    throw new UnverifiedAnswer('wrong_node', 'the answer is signed as another node');
  if (claims.hg_request_jti !== expected.requestJti)
    throw new UnverifiedAnswer('wrong_request', 'the answer was signed for another request');
  const now = Date.now() / 1000;
  if (claims.iat! > now + CLOCK_SKEW_SECONDS)
    throw new UnverifiedAnswer('stale', 'the answer was issued in the future');
  if (claims.exp! - claims.iat! > MAX_PEER_REQUEST_LIFETIME_S)
    throw new UnverifiedAnswer('stale', `the answer claims a lifetime over ${MAX_PEER_REQUEST_LIFETIME_S} s`);
  let hash: string | null = null;
  try {
    hash = body === undefined ? null : bodyHash(body);
  } catch {
    hash = null;
  }
  if (hash === null || claims.hg_body_sha256 !== hash)
    throw new UnverifiedAnswer('body_mismatch', 'the answer body is not the one the peer signed');
  return claims as JWTPayload & PeerAnswerClaims;
}

/**
 * The asking side's check of a Helixgate peer's answer: the keys are the peer's PINNED keys (registered
 * thumbprints, inline key set, or the keys its pinned certificate names; see PeerKeysService) — whatever
 * answers on the peer's URL cannot bring its own. An unknown `kid` refetches the peer's key set once
 * (rate-limited), as for requests.
 */
@Injectable()
export class PeerAnswerVerifierService {
  private readonly logger = new Logger('PeerAnswers');

  constructor(private readonly keys: PeerKeysService) {}

  /** Loads (or reuses) the peer's pinned keys; started when the request is sent, so it overlaps the wait. */
  prefetch(peer: PeerEntity): Promise<JWK[]> {
    return this.pinned(peer, false);
  }

  async verify(
    peer: PeerEntity,
    jws: string | null,
    body: unknown,
    expected: Omit<ExpectedAnswer, 'peer'>,
    keys?: Promise<JWK[]>,
  ): Promise<JWTPayload & PeerAnswerClaims> {
    const target = { ...expected, peer };
    try {
      return await verifyPeerAnswer(jws, body, await (keys ?? this.pinned(peer, false)), target);
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
    }
    try {
      return await verifyPeerAnswer(jws, body, await this.pinned(peer, true), target);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey)
        throw new UnverifiedAnswer(
          'key_not_pinned',
          `the answer is not signed with a pinned key of ${peer.id}`,
        );
      throw err;
    }
  }

  private pinned(peer: PeerEntity, refresh: boolean): Promise<JWK[]> {
    return this.keys.pinnedKeys(peer, refresh).catch((err: unknown) => {
      this.logger.warn(
        { peer: peer.id, err: err instanceof Error ? err.message : String(err) },
        'peer key set unavailable',
      );
      return [];
    });
  }
}
