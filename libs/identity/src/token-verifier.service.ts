import { Injectable } from '@nestjs/common';
import { ROLES, anonymousCaller, type Caller, type Role } from '@helixgate/common';
import type { JWTPayload } from 'jose';
import { IssuerRegistry } from './issuer-registry.service';
import { TokenRejection, verifyJwt } from './jwt-checks';
import { PassportService } from './passport.service';
import type { TrustedIssuer } from './trusted-issuers.policy';
import { UsersService } from './users/users.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Turns an Authorization header into a Caller. No header: anonymous. Anything else must be a valid
 * bearer token from a trusted issuer, or the request is refused (INVALID_TOKEN / TOKEN_EXPIRED with a
 * `reason`) — a bad token is never treated as anonymous.
 */
@Injectable()
export class TokenVerifierService {
  constructor(
    private readonly registry: IssuerRegistry,
    private readonly passports: PassportService,
    private readonly users: UsersService,
  ) {}

  async authenticate(authorization: string | undefined, requestId: string): Promise<Caller> {
    if (authorization === undefined) return anonymousCaller(requestId);
    const match = /^Bearer +([^\s]+) *$/i.exec(authorization);
    if (!match) throw new TokenRejection('malformed', 'Authorization header must be "Bearer <token>"');
    return this.verifyBearer(match[1], requestId, 'bearer');
  }

  /**
   * Verifies a bearer token and builds its Caller (roles, institution, validated visas). `via`: how it came.
   * A console session's token (this node's, naming its session in `sid`) is honoured only as the session
   * cookie, where the session row is checked on every request (SessionService.authenticateCookie): sent as
   * an Authorization header it would outlive its sign-out by up to its 10 minutes, and skip the CSRF check.
   */
  async verifyBearer(token: string, requestId: string, via: 'bearer' | 'session-cookie'): Promise<Caller> {
    const { issuer, payload } = await verifyJwt(
      token,
      this.registry,
      {
        accept: (i) => i.acceptTokens,
        audience: (i) => i.audiences,
        requiredClaims: ['exp', 'sub'],
        maxLifetimeSeconds: this.registry.maxLifetime.token,
      },
      'bearer token',
    );
    const sub = payload.sub!;
    let roles: Role[];
    let institution: string | null;
    if (this.registry.isSelf(issuer)) {
      if (via === 'bearer' && payload.sid !== undefined)
        throw new TokenRejection(
          'session_token',
          'a console session token is accepted only as the session cookie; for scripts use a token from `helixgate tokens issue`',
        );
      // A token this node signed names a local user; the user's current record decides.
      const user = UUID.test(sub) ? await this.users.findById(sub) : null;
      if (!user) throw new TokenRejection('unknown_user', 'bearer token names no user of this node');
      if (user.disabledAt)
        throw new TokenRejection('user_disabled', 'bearer token belongs to a disabled user');
      roles = user.roles;
      institution = user.institution;
      if (user.externalIssuer && user.externalSubject) {
        // A console session of someone who signed in with their institution's OpenID Connect provider:
        // they act as their institutional identity (the same (iss, sub) as their own bearer tokens).
        return {
          subject: user.externalSubject,
          issuer: user.externalIssuer,
          roles,
          institution,
          visas: [],
          requestId,
        };
      }
    } else {
      roles = mapRoles(issuer, payload);
      const inst = issuer.institutionClaim ? payload[issuer.institutionClaim] : undefined;
      institution = typeof inst === 'string' && inst.trim() ? inst.trim() : null;
    }
    const visas = await this.passports.validate(payload.ga4gh_passport_v1, { sub, iss: issuer.issuer });
    return { subject: sub, issuer: issuer.issuer, roles, institution, visas, requestId };
  }
}

export function mapRoles(issuer: TrustedIssuer, payload: JWTPayload): Role[] {
  if (!issuer.rolesClaim) return [];
  const raw = payload[issuer.rolesClaim];
  const values = typeof raw === 'string' ? raw.split(/[\s,]+/) : Array.isArray(raw) ? raw : [];
  const roles = new Set<Role>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const role = issuer.roleMap ? issuer.roleMap[v] : ROLES.includes(v as Role) ? (v as Role) : undefined;
    if (role) roles.add(role);
  }
  return [...roles];
}
