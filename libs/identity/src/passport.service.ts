import { Injectable, Logger } from '@nestjs/common';
import type { ValidatedVisa } from '@helixgate/common';
import { DomainError } from '@helixgate/common';
import { IssuerRegistry } from './issuer-registry.service';
import { CLOCK_SKEW_SECONDS, verifyJwt } from './jwt-checks';
import {
  MalformedConditionsError,
  VISA_TYPES,
  parseConditions,
  resolveConditionalVisas,
  type Conditions,
  type VisaType,
} from './visa-conditions';

/** Most visas read from one passport; the rest are dropped (bounds the work a token can cause). */
export const MAX_VISAS = 100;

interface Candidate {
  visa: ValidatedVisa;
  conditions: Conditions | null;
}

/**
 * Validates the visas of a GA4GH passport (`ga4gh_passport_v1`: an array of visa JWTs). A visa stands
 * when its signature verifies with a key of an issuer trusted for visas, its `source` is trusted for that
 * issuer, it is within its validity period and no longer-lived than HELIXGATE_MAX_VISA_LIFETIME_SECONDS,
 * it is about the passport holder's (issuer, subject) (see `isAbout`; or an identity linked to the holder
 * by a valid LinkedIdentities visa) and its `conditions`, if any, are met by other valid visas. Invalid
 * visas are dropped and logged (issuer, type and reason only), never failing the request.
 */
@Injectable()
export class PassportService {
  private readonly logger = new Logger('Passport');

  constructor(private readonly registry: IssuerRegistry) {}

  async validate(passport: unknown, holder: { sub: string; iss: string }): Promise<ValidatedVisa[]> {
    if (passport === undefined) return [];
    if (!Array.isArray(passport)) {
      this.drop('passport claim is not an array');
      return [];
    }
    if (passport.length > MAX_VISAS)
      this.drop(`passport holds ${passport.length} visas; only ${MAX_VISAS} read`);
    // Checked concurrently: visas from one issuer whose key set must be fetched share that one fetch.
    const candidates = (await Promise.all(passport.slice(0, MAX_VISAS).map((jwt) => this.check(jwt)))).filter(
      (c): c is Candidate => c !== null,
    );
    // Identities of the holder: itself plus those a LinkedIdentities visa of the holder vouches for.
    const linked = new Set([identityKey(holder.sub, holder.iss)]);
    for (const c of candidates) {
      if (c.visa.type === 'LinkedIdentities' && c.conditions === null && this.isAbout(c.visa, holder)) {
        for (const part of c.visa.value.split(';')) {
          const [sub, iss] = part.split(',').map((s) => decodeURIComponent(s));
          if (sub && iss) linked.add(identityKey(sub, iss));
        }
      }
    }
    const own = candidates.filter((c) => {
      const ok = this.isAbout(c.visa, holder) || linked.has(identityKey(c.visa.sub, c.visa.iss));
      if (!ok) this.drop('visa is about another identity (issuer, subject) than the passport holder', c.visa);
      return ok;
    });
    const accepted = resolveConditionalVisas(own);
    for (const c of own) {
      if (!accepted.includes(c.visa)) this.drop('visa conditions are not met', c.visa);
    }
    return accepted;
  }

  /**
   * Is this visa about the holder (issuer, subject)? Its `sub` must be the holder's. When its issuer also
   * issues the identities this node accepts (bearer tokens: this node itself, an identity provider, a
   * passport broker), that `sub` is in the issuer's own namespace, so the holder must be of that issuer too:
   * a token of another issuer whose `sub` happens to be equal is someone else. A visa-only issuer
   * (`tokens: false`) asserts about the subject of the passport it is carried in. This node's
   * ControlledAccessGrants visas name whom their grant was given to (any issuer): the grant's (issuer,
   * subject) is checked against the holder's on every use (libs/access EntitlementService).
   */
  private isAbout(visa: ValidatedVisa, holder: { sub: string; iss: string }): boolean {
    if (visa.sub !== holder.sub) return false;
    const issuer = this.registry.find(visa.iss);
    if (!issuer) return false;
    if (this.registry.isSelf(issuer) && visa.type === 'ControlledAccessGrants') return true;
    return !issuer.acceptTokens || visa.iss === holder.iss;
  }

  private async check(jwt: unknown): Promise<Candidate | null> {
    if (typeof jwt !== 'string') {
      this.drop('passport entry is not a JWT string');
      return null;
    }
    try {
      const { issuer, payload } = await verifyJwt(
        jwt,
        this.registry,
        {
          accept: (i) => i.visaSources.length > 0,
          requiredClaims: ['exp', 'iat', 'sub', 'ga4gh_visa_v1'],
          maxLifetimeSeconds: this.registry.maxLifetime.visa,
        },
        'visa',
      );
      const v = payload.ga4gh_visa_v1 as Record<string, unknown>;
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        return this.drop('ga4gh_visa_v1 is not an object');
      const { type, asserted, value, source, by } = v;
      if (typeof type !== 'string' || !VISA_TYPES.includes(type as VisaType)) {
        return this.drop('visa type is not a standard GA4GH type');
      }
      if (
        typeof asserted !== 'number' ||
        typeof value !== 'string' ||
        typeof source !== 'string' ||
        (by !== undefined && typeof by !== 'string')
      ) {
        return this.drop('visa lacks asserted, value or source');
      }
      if (asserted > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return this.drop('visa asserted in the future');
      if (!this.registry.trustsVisaSource(issuer, source)) {
        return this.drop('visa source is not trusted for its issuer', { iss: issuer.issuer, type });
      }
      let conditions: Conditions | null = null;
      if (v.conditions !== undefined) {
        try {
          conditions = parseConditions(v.conditions);
        } catch (err) {
          if (err instanceof MalformedConditionsError) {
            return this.drop(`visa conditions cannot be evaluated: ${err.message}`, {
              iss: issuer.issuer,
              type,
            });
          }
          throw err;
        }
      }
      return {
        visa: {
          type: type as VisaType,
          value,
          source,
          by,
          asserted,
          exp: payload.exp!,
          iss: issuer.issuer,
          jti: payload.jti,
          sub: payload.sub!,
        },
        conditions,
      };
    } catch (err) {
      if (err instanceof DomainError) {
        return this.drop(
          err.message,
          undefined,
          (err.details as { reason?: string } | undefined)?.reason ?? err.code,
        );
      }
      throw err;
    }
  }

  private drop(why: string, visa?: { iss: string; type: string }, reason?: string): null {
    this.logger.warn({ msg: 'visa dropped', why, reason, visaIssuer: visa?.iss, visaType: visa?.type });
    return null;
  }
}

function identityKey(sub: string, iss: string): string {
  return JSON.stringify([sub, iss]);
}
