import { Injectable } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type CryptoKey,
  type KeyObject,
} from 'jose';
import * as path from 'node:path';
import { NodeKeyService } from './node-key.service';
import {
  ALLOWED_ALGORITHMS,
  loadTrustedIssuers,
  type TrustedIssuer,
  type TrustedIssuersPolicy,
} from './trusted-issuers.policy';

type KeyResolver = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey | KeyObject>;

/** Raised while fetching an issuer's key set (network, HTTP status, timeout): not the caller's fault. */
export class KeySourceUnavailableError extends Error {}

export const TRUSTED_ISSUERS_FILE = 'trusted-issuers.yaml';

/**
 * The issuers this node trusts: those of `policies/trusted-issuers.yaml` (read once at boot; a broken file
 * stops the app) plus this node itself, whose tokens carry local users and whose visas are trusted for
 * sources equal to or under its issuer URL.
 */
@Injectable()
export class IssuerRegistry {
  readonly policy: TrustedIssuersPolicy;
  private readonly remote = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private readonly local = new Map<string, ReturnType<typeof createLocalJWKSet>>();
  readonly self: TrustedIssuer;
  /** Longest lifetimes accepted (HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS / _VISA_): bearer tokens, visas. */
  readonly maxLifetime: { token: number; visa: number };

  constructor(
    config: HelixgateConfig,
    private readonly nodeKeys: NodeKeyService,
  ) {
    this.maxLifetime = {
      token: config.vars.HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS,
      visa: config.vars.HELIXGATE_MAX_VISA_LIFETIME_SECONDS,
    };
    this.policy = loadTrustedIssuers(path.join(config.policiesDir, TRUSTED_ISSUERS_FILE), nodeKeys.audience);
    this.self = {
      issuer: nodeKeys.issuer,
      acceptTokens: true,
      audiences: [nodeKeys.audience],
      algorithms: ['ES256'],
      allowedJku: [],
      rolesClaim: 'roles',
      roleMap: null,
      institutionClaim: 'institution',
      visaSources: [nodeKeys.issuer, `${nodeKeys.issuer}/*`],
      signIn: null,
    };
  }

  find(iss: unknown): TrustedIssuer | undefined {
    if (typeof iss !== 'string') return undefined;
    if (iss === this.self.issuer) return this.self;
    return this.policy.issuers.find((i) => i.issuer === iss);
  }

  isSelf(issuer: TrustedIssuer): boolean {
    return issuer === this.self;
  }

  /** Does `issuer` vouch for visas from `source`? */
  trustsVisaSource(issuer: TrustedIssuer, source: string): boolean {
    return issuer.visaSources.some(
      (s) => s === '*' || s === source || (s.endsWith('/*') && source.startsWith(s.slice(0, -1))),
    );
  }

  /**
   * The key lookup jose calls while verifying a JWS from `issuer`: a `jku` header (already checked
   * against the issuer's allowed list) selects that key set; otherwise the inline set, then `jwks_uri`.
   * An unknown `kid` surfaces as jose's JWKSNoMatchingKey.
   */
  keyResolver(issuer: TrustedIssuer): KeyResolver {
    return async (header, token) => {
      if (this.isSelf(issuer)) return (await this.nodeKeys.verificationKeys())(header, token);
      if (header.jku !== undefined) return this.fromRemote(header.jku, header, token);
      if (issuer.jwks) {
        let set = this.local.get(issuer.issuer);
        if (!set) this.local.set(issuer.issuer, (set = createLocalJWKSet(issuer.jwks)));
        try {
          return await set(header, token);
        } catch (err) {
          if (!(err instanceof errors.JWKSNoMatchingKey) || !issuer.jwksUri) throw err;
        }
      }
      if (issuer.jwksUri) return this.fromRemote(issuer.jwksUri, header, token);
      throw new errors.JWKSNoMatchingKey();
    };
  }

  private async fromRemote(url: string, header: JWSHeaderParameters, token: FlattenedJWSInput) {
    let set = this.remote.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), {
        timeoutDuration: 3000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
      this.remote.set(url, set);
    }
    try {
      return await set(header, token);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys)
        throw err;
      if (err instanceof errors.JOSENotSupported) throw err;
      throw new KeySourceUnavailableError(
        `key set of ${url} unavailable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  static readonly allowedAlgorithms: readonly string[] = ALLOWED_ALGORITHMS;
}
