import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@helixgate/common';
import * as client from 'openid-client';
import { randomBytes } from 'node:crypto';
import { IssuerRegistry } from '../issuer-registry.service';
import { mapRoles } from '../token-verifier.service';
import type { TrustedIssuer } from '../trusted-issuers.policy';
import type { AppUserEntity } from '../users/app-user.entity';
import { UsersService } from '../users/users.service';

/** A sign-in that left for the provider and has not come back yet. */
interface PendingFlow {
  issuer: TrustedIssuer;
  codeVerifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
  expiresAt: number;
}

const FLOW_SECONDS = 10 * 60;
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/**
 * Console sign-in with an institutional OpenID Connect provider (an issuer of trusted-issuers.yaml with a
 * `sign_in` block): authorization code flow with PKCE (S256), state and nonce, through `openid-client`.
 * The ID token is verified by openid-client against the provider's discovered keys; the person's roles and
 * institution come from its claims, mapped as the issuer's bearer tokens are. Pending flows are kept in the
 * database (`oidc_pending_flow`) for ten minutes, keyed by a random id in an httpOnly cookie, so that the
 * provider's redirect may come back to any gateway process of the node; the first callback spends it.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('OidcSignIn');
  private readonly configs = new Map<string, Promise<client.Configuration>>();
  private lastSweep = 0;

  constructor(
    private readonly registry: IssuerRegistry,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  providers(): { id: string; name: string }[] {
    return this.registry.policy.issuers
      .filter((i) => i.signIn)
      .map((i) => ({ id: i.signIn!.id, name: i.signIn!.name }));
  }

  /** Starts a sign-in: returns the flow id (for a cookie) and the provider URL to send the browser to. */
  async start(
    providerId: string,
    redirectUri: string,
    returnTo: string,
  ): Promise<{ flowId: string; url: URL }> {
    const issuer = this.issuerOf(providerId);
    const config = await this.configuration(issuer);
    const codeVerifier = client.randomPKCECodeVerifier();
    const flow: PendingFlow = {
      issuer,
      codeVerifier,
      state: client.randomState(),
      nonce: client.randomNonce(),
      redirectUri,
      returnTo,
      expiresAt: Date.now() + FLOW_SECONDS * 1000,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: issuer.signIn!.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    await this.sweep();
    const flowId = randomBytes(24).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO oidc_pending_flow (id, issuer, code_verifier, state, nonce, redirect_uri, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        flowId,
        issuer.issuer,
        flow.codeVerifier,
        flow.state,
        flow.nonce,
        flow.redirectUri,
        flow.returnTo,
        new Date(flow.expiresAt),
      ],
    );
    return { flowId, url };
  }

  /**
   * Completes a sign-in from the provider's redirect (`currentUrl` is the callback URL as received).
   * The flow is spent whatever happens; a wrong state, nonce or code, or an ID token that fails
   * verification, is refused.
   */
  async complete(
    flowId: string | undefined,
    currentUrl: URL,
  ): Promise<{ user: AppUserEntity; returnTo: string }> {
    const flow = flowId ? await this.spend(flowId) : undefined;
    if (!flow || flow.expiresAt < Date.now()) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'the sign-in took too long or was not started here: try again',
        {
          reason: 'oidc_flow_unknown',
        },
      );
    }
    const providerError = currentUrl.searchParams.get('error');
    if (providerError) {
      throw new DomainError(
        'UNAUTHENTICATED',
        `the identity provider refused the sign-in (${providerError.slice(0, 64)})`,
        {
          reason: 'oidc_refused',
        },
      );
    }
    const config = await this.configuration(flow.issuer);
    let claims: client.IDToken;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (err) {
      this.logger.warn({ msg: 'OpenID Connect sign-in refused', error: (err as Error).message });
      throw new DomainError('UNAUTHENTICATED', 'the identity provider’s answer could not be verified', {
        reason: 'oidc_invalid',
      });
    }
    const issuer = flow.issuer;
    const inst = issuer.institutionClaim ? claims[issuer.institutionClaim] : undefined;
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : null);
    const user = await this.users.upsertExternal({
      issuer: issuer.issuer,
      subject: claims.sub,
      usernameHint: text(claims.preferred_username) ?? text(claims.email)?.split('@')[0] ?? claims.sub,
      displayName: text(claims.name) ?? text(claims.preferred_username),
      institution: text(inst),
      roles: mapRoles(issuer, claims),
    });
    if (user.disabledAt) {
      throw new DomainError('FORBIDDEN', 'this account is disabled on this node', {
        reason: 'user_disabled',
      });
    }
    return { user, returnTo: flow.returnTo };
  }

  private issuerOf(providerId: string): TrustedIssuer {
    const issuer = this.registry.policy.issuers.find((i) => i.signIn?.id === providerId);
    if (!issuer) throw new DomainError('NOT_FOUND', `no sign-in provider "${providerId.slice(0, 40)}"`);
    return issuer;
  }

  private configuration(issuer: TrustedIssuer): Promise<client.Configuration> {
    let c = this.configs.get(issuer.issuer);
    if (!c) {
      const si = issuer.signIn!;
      const secret = si.clientSecretEnv ? process.env[si.clientSecretEnv] : undefined;
      if (si.clientSecretEnv && !secret) {
        throw new DomainError('IDENTITY_PROVIDER_UNAVAILABLE', `${si.clientSecretEnv} is not set`);
      }
      c = client
        .discovery(
          new URL(issuer.issuer),
          si.clientId,
          secret,
          secret ? undefined : client.None(),
          // Plain HTTP only to a provider on this machine (tests, development); anything else needs HTTPS.
          LOOPBACK.test(issuer.issuer)
            ? { execute: [client.allowInsecureRequests], timeout: 5 }
            : { timeout: 5 },
        )
        .catch((err: unknown) => {
          this.configs.delete(issuer.issuer);
          this.logger.warn({
            msg: 'OpenID Connect discovery failed',
            issuer: issuer.issuer,
            error: String(err),
          });
          throw new DomainError('IDENTITY_PROVIDER_UNAVAILABLE', 'the identity provider cannot be reached');
        });
      this.configs.set(issuer.issuer, c);
    }
    return c;
  }

  /** Takes the pending flow out of the store (whichever process started it): one callback per flow. */
  private async spend(flowId: string): Promise<PendingFlow | undefined> {
    const rows = await this.dataSource.query<
      {
        issuer: string;
        code_verifier: string;
        state: string;
        nonce: string;
        redirect_uri: string;
        return_to: string;
        expires_at: Date;
      }[]
    >('WITH spent AS (DELETE FROM oidc_pending_flow WHERE id = $1 RETURNING *) SELECT * FROM spent', [
      flowId,
    ]);
    const row = rows[0];
    const issuer = row && this.registry.policy.issuers.find((i) => i.issuer === row.issuer && i.signIn);
    if (!row || !issuer) return undefined;
    return {
      issuer,
      codeVerifier: row.code_verifier,
      state: row.state,
      nonce: row.nonce,
      redirectUri: row.redirect_uri,
      returnTo: row.return_to,
      expiresAt: new Date(row.expires_at).getTime(),
    };
  }

  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.dataSource.query('DELETE FROM oidc_pending_flow WHERE expires_at < now()');
  }
}
