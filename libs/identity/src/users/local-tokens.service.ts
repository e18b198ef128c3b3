import { Injectable } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { NodeKeyService } from '../node-key.service';
import { VisaIssuerService } from '../visa-issuer.service';
import { UsersService } from './users.service';

/** The registered-access terms and bona fide researcher definition (GA4GH, Dyke et al. 2018). */
export const REGISTERED_ACCESS_TERMS = 'https://doi.org/10.1038/s41431-018-0219-y';

export interface IssueTokenOptions {
  /** Lifetime: a number and a unit s, m, h or d (at most HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS). Default 8h. */
  ttl?: string;
  /** Add a node-signed ResearcherStatus visa (bona fide researcher). */
  bonaFide?: boolean;
  /** Add a node-signed AcceptedTermsAndPolicies visa for the registered-access terms. */
  acceptedTerms?: boolean;
}

const TTL = /^(\d{1,6})(s|m|h|d)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `86400` → `24h`, `172800` → `2d`, `90` → `90s`: the largest whole unit (hours up to a day). */
function humanSeconds(seconds: number): string {
  if (seconds > 86400 && seconds % 86400 === 0) return `${seconds / 86400}d`;
  for (const [unit, n] of [
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (seconds % n === 0) return `${seconds / n}${unit}`;
  return `${seconds}s`;
}

/** Issues bearer tokens for local users, signed by the node key, for nodes without an external IdP. */
@Injectable()
export class LocalTokenService {
  constructor(
    private readonly users: UsersService,
    private readonly nodeKeys: NodeKeyService,
    private readonly visas: VisaIssuerService,
    private readonly config: HelixgateConfig,
  ) {}

  async issue(
    username: string,
    options: IssueTokenOptions = {},
  ): Promise<{ token: string; expiresAt: Date }> {
    const user = await this.users.getByUsername(username);
    if (user.disabledAt) throw new DomainError('FORBIDDEN', `user "${username}" is disabled`);
    const ttl = options.ttl ?? '8h';
    const m = TTL.exec(ttl);
    const seconds = m ? Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS] : NaN;
    // A token this node would refuse (HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS) is never issued.
    const max = this.config.vars.HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS;
    if (!(seconds > 0 && seconds <= max)) {
      throw new DomainError(
        'BAD_REQUEST',
        `ttl "${ttl}" must be like 15m, 8h or 1d (at most ${humanSeconds(max)}: HELIXGATE_MAX_TOKEN_LIFETIME_SECONDS)`,
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = now + seconds;
    const visa = (type: string, by: string) =>
      this.nodeKeys.sign(
        {
          ga4gh_visa_v1: {
            type,
            asserted: now,
            value: REGISTERED_ACCESS_TERMS,
            source: this.nodeKeys.issuer,
            by,
          },
        },
        { subject: user.id, expiresIn: exp },
      );
    const passport: string[] = [];
    if (options.bonaFide) passport.push(await visa('ResearcherStatus', 'system'));
    if (options.bonaFide || options.acceptedTerms)
      passport.push(await visa('AcceptedTermsAndPolicies', 'self'));
    const token = await this.nodeKeys.sign(
      {
        preferred_username: user.username,
        roles: user.roles,
        ...(user.institution ? { institution: user.institution } : {}),
        ...(passport.length > 0 ? { ga4gh_passport_v1: passport } : {}),
      },
      { audience: this.nodeKeys.audience, subject: user.id, expiresIn: exp },
    );
    return { token, expiresAt: new Date(exp * 1000) };
  }
}
