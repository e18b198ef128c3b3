import { Injectable, Logger } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { CLOCK_SKEW_SECONDS, NodeKeyService, PassportService } from '@helixgate/identity';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { PeerKeysService } from './peer-keys.service';
import { PeerRegistryService } from './peer-registry.service';
import {
  MAX_FORWARDED_VISAS,
  MAX_INSTITUTION_LENGTH,
  MAX_PEER_REQUEST_LIFETIME_S,
  PEER_REQUEST_TYP,
  bodyHash,
  type PeerRequestClaims,
} from './peer-protocol';
import { ReplayCacheService } from './replay-cache.service';

/** Why a peer request was refused (the `reason` of its error, and of its audit event). */
export type PeerRefusal =
  | 'unsigned'
  | 'malformed'
  | 'alg_not_allowed'
  | 'unknown_peer'
  | 'peer_disabled'
  | 'key_not_pinned'
  | 'bad_signature'
  | 'wrong_audience'
  | 'expired'
  | 'lifetime_too_long'
  | 'body_mismatch'
  | 'replayed'
  | 'local_account';

export class PeerRequestRefused extends DomainError {
  constructor(
    readonly reason: PeerRefusal,
    message: string,
    readonly peerId?: string,
  ) {
    super(codeOf(reason), message, { reason });
  }
}

function codeOf(reason: PeerRefusal) {
  switch (reason) {
    case 'unsigned':
      return 'PEER_SIGNATURE_REQUIRED' as const;
    case 'unknown_peer':
    case 'peer_disabled':
    case 'key_not_pinned':
    case 'local_account':
      return 'PEER_NOT_TRUSTED' as const;
    case 'expired':
      return 'PEER_REQUEST_EXPIRED' as const;
    case 'replayed':
      return 'PEER_REQUEST_REPLAYED' as const;
    case 'malformed':
    case 'alg_not_allowed':
    case 'bad_signature':
    case 'wrong_audience':
    case 'lifetime_too_long':
    case 'body_mismatch':
      return 'PEER_SIGNATURE_INVALID' as const;
    default: {
      const unknown: never = reason;
      throw new Error(`unknown refusal ${String(unknown)}`);
    }
  }
}

/**
 * Checks a request signed by a peer node and builds the Caller it runs as here. Accepted only when: the
 * JWS is ES256 with the peer-request `typ`; its `iss` is a registered, active Helixgate peer; the signing
 * key is one of that peer's pinned keys; `aud` is this node's id; it is unexpired and lived at most 60 s;
 * its body hash matches the body; and its `jti` was never accepted before (persisted replay cache).
 *
 * The Caller is the forwarded subject, vouched for by the peer (`issuer` = the peer's issuer, so it never
 * matches a local account or a local grant row), as a plain researcher of the institution the peer verified
 * (`hg_caller_institution`), with only those forwarded visas that THIS node's passport validation and trust
 * policy accept — so a peer never answers more than this node's own rules allow that researcher; records
 * only with a grant visa this node signed, whose grant is still active and was given to the forwarded
 * (`hg_caller_iss`, `sub`) (EntitlementService checks it in the database on every request).
 */
@Injectable()
export class PeerRequestVerifierService {
  private readonly logger = new Logger('PeerRequests');

  constructor(
    private readonly config: HelixgateConfig,
    private readonly registry: PeerRegistryService,
    private readonly keys: PeerKeysService,
    private readonly replay: ReplayCacheService,
    private readonly passports: PassportService,
    private readonly nodeKeys: NodeKeyService,
  ) {}

  async verify(jws: string | undefined, body: unknown, requestId: string): Promise<Caller> {
    if (!jws)
      throw new PeerRequestRefused('unsigned', 'peer requests must be signed by a registered peer node');
    let unverifiedIss: unknown;
    try {
      const header = decodeProtectedHeader(jws);
      if (header.alg !== 'ES256')
        throw new PeerRequestRefused('alg_not_allowed', 'peer requests must be signed with ES256');
      if (header.typ !== PEER_REQUEST_TYP)
        throw new PeerRequestRefused('malformed', `peer request typ must be ${PEER_REQUEST_TYP}`);
      unverifiedIss = decodeJwt(jws).iss;
    } catch (err) {
      if (err instanceof PeerRequestRefused) throw err;
      throw new PeerRequestRefused('malformed', 'peer request signature is not a well-formed JWS');
    }
    if (typeof unverifiedIss !== 'string')
      throw new PeerRequestRefused('malformed', 'peer request names no issuer');
    const peer = await this.registry.findByIssuer(unverifiedIss);
    if (!peer)
      throw new PeerRequestRefused(
        'unknown_peer',
        'the requesting node is not a registered peer of this node',
      );
    if (peer.status !== 'active')
      throw new PeerRequestRefused('peer_disabled', `peer ${peer.id} is disabled at this node`, peer.id);

    const payload = await this.verifySignature(jws, peer, false);
    const claims = payload as JWTPayload & Partial<PeerRequestClaims>;
    const iat = claims.iat!;
    const exp = claims.exp!;
    if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
      throw new PeerRequestRefused('malformed', 'the peer request was issued in the future', peer.id);
    }
    if (exp - iat > MAX_PEER_REQUEST_LIFETIME_S) {
      throw new PeerRequestRefused(
        'lifetime_too_long',
        `peer requests may live at most ${MAX_PEER_REQUEST_LIFETIME_S} s`,
        peer.id,
      );
    }
    if (claims.hg_body_sha256 !== bodyHash(body)) {
      throw new PeerRequestRefused(
        'body_mismatch',
        'the request body is not the one the peer signed',
        peer.id,
      );
    }
    const expiresAt = new Date((exp + CLOCK_SKEW_SECONDS) * 1000);
    if (!(await this.replay.firstUse(peer.id, claims.jti!, expiresAt))) {
      throw new PeerRequestRefused('replayed', 'this peer request was already received', peer.id);
    }

    const subject = typeof claims.sub === 'string' && claims.sub ? claims.sub : null;
    const forwardedIssuer =
      subject !== null && typeof claims.hg_caller_iss === 'string' && claims.hg_caller_iss
        ? claims.hg_caller_iss
        : undefined;
    // A peer vouches for the people it authenticated, never for this node's own accounts: their visas (the
    // bona fide status this node signed for them, a grant) count only when they ask here themselves. Compared
    // without trailing slashes, so a spelling variant of this node's issuer does not slip past.
    if (forwardedIssuer !== undefined && sameIssuer(forwardedIssuer, this.nodeKeys.issuer)) {
      throw new PeerRequestRefused(
        'local_account',
        "a peer cannot speak for this node's own accounts (hg_caller_iss is this node's issuer)",
        peer.id,
      );
    }
    const institution = subject === null ? null : institutionOf(claims.hg_caller_institution, peer.id);
    const passport = Array.isArray(claims.ga4gh_passport_v1)
      ? claims.ga4gh_passport_v1.slice(0, MAX_FORWARDED_VISAS)
      : undefined;
    const visas =
      subject === null
        ? []
        : await this.passports.validate(passport, {
            sub: subject,
            iss: forwardedIssuer ?? peer.issuer!,
          });
    return {
      subject,
      issuer: subject === null ? null : peer.issuer,
      // A person authenticated at the asking node is a researcher here, never more: no steward, admin or
      // compliance role crosses. The role only makes datasets *listable* (the role rules let researchers read
      // REGISTERED and CONTROLLED dataset entries); what a query reveals still comes from this node's
      // entitlements — bona fide visas it trusts for REGISTERED, its own grant visas for CONTROLLED — and
      // this endpoint runs nothing but beacon queries. With no role, only PUBLIC datasets would ever answer.
      roles: subject === null ? [] : ['researcher'],
      // The institution the asking node verified for its caller (its token issuer's institution claim, the
      // way this node derives it for its own callers): in `institution` collusion mode the same institution
      // shares one privacy budget whether its people ask here directly or through any peer.
      institution,
      visas,
      requestId,
      viaPeer: peer.id,
      ...(forwardedIssuer ? { forwardedIssuer } : {}),
    };
  }

  private async verifySignature(
    jws: string,
    peer: { id: string; issuer: string | null } & Parameters<PeerKeysService['pinnedKeys']>[0],
    refreshed: boolean,
  ): Promise<JWTPayload> {
    const keys = await this.keys.pinnedKeys(peer, refreshed).catch((err: unknown) => {
      this.logger.warn(
        { peer: peer.id, err: err instanceof Error ? err.message : String(err) },
        'peer key set unavailable',
      );
      return [];
    });
    try {
      const { payload } = await jwtVerify(jws, createLocalJWKSet({ keys }), {
        algorithms: ['ES256'],
        issuer: peer.issuer!,
        audience: this.config.vars.HELIXGATE_NODE_ID,
        typ: PEER_REQUEST_TYP,
        requiredClaims: ['iat', 'exp', 'jti', 'hg_body_sha256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      return payload;
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey) {
        if (!refreshed) return this.verifySignature(jws, peer, true);
        throw new PeerRequestRefused(
          'key_not_pinned',
          `the request was not signed with a pinned key of peer ${peer.id}`,
          peer.id,
        );
      }
      if (err instanceof errors.JWTExpired)
        throw new PeerRequestRefused('expired', 'the peer request has expired', peer.id);
      if (err instanceof errors.JWTClaimValidationFailed) {
        if (err.claim === 'aud')
          throw new PeerRequestRefused(
            'wrong_audience',
            'the peer request is addressed to another node',
            peer.id,
          );
        throw new PeerRequestRefused(
          'malformed',
          `the peer request's ${err.claim} claim is invalid`,
          peer.id,
        );
      }
      if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JOSEError) {
        throw new PeerRequestRefused('bad_signature', 'the peer request signature does not verify', peer.id);
      }
      throw err;
    }
  }
}

/** The forwarded institution: absent, or a short printable string (anything else refuses the request). */
function institutionOf(raw: unknown, peerId: string): string | null {
  if (raw === undefined) return null;
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value || value.length > MAX_INSTITUTION_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new PeerRequestRefused(
      'malformed',
      `the peer request's hg_caller_institution must be a printable string of at most ${MAX_INSTITUTION_LENGTH} characters`,
      peerId,
    );
  }
  return value;
}

function sameIssuer(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}
