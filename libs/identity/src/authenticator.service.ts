import { Injectable } from '@nestjs/common';
import { clientRequestIdOf, requestIdOf, type Caller, type DomainError } from '@helixgate/common';
import type { Request } from 'express';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './sessions/session-cookies';
import { SessionService } from './sessions/session.service';
import { TokenVerifierService } from './token-verifier.service';

/** An Express request as the authenticator sees it (pino-http has set `id` and the x-request-id header). */
export type AuthenticatedRequest = Request & { caller?: Caller; id?: unknown };

/** How the caller was presented: a refused bearer token is answered with a WWW-Authenticate challenge. */
export type Credential = 'bearer' | 'session' | 'none';

const RESULT = Symbol('helixgate-authentication');

/**
 * Who a request runs as: anonymous without credentials, the verified bearer token's caller, or the console
 * session cookie's (read only without an Authorization header and outside /auth, whose routes read their
 * own cookies). A credential that does not verify is refused with its coded DomainError — never
 * downgraded to anonymous. The result is kept on the request, so the GraphQL limits plugin (before any
 * resolver) and the authentication guard (before every route and root field) verify once.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly verifier: TokenVerifierService,
    private readonly sessions: SessionService,
  ) {}

  /** The credential the request presents (a bearer token wins over the session cookie). */
  credentialOf(req: AuthenticatedRequest): Credential {
    if (req.headers.authorization !== undefined) return 'bearer';
    return !req.path.startsWith('/auth/') && readCookie(req, SESSION_COOKIE) !== undefined
      ? 'session'
      : 'none';
  }

  /** The request's Caller (also set as `req.caller`), or the refusal (a DomainError) — computed once. */
  authenticate(req: AuthenticatedRequest): Promise<Caller> {
    const holder = req as AuthenticatedRequest & { [RESULT]?: Promise<Caller> };
    holder[RESULT] ??= this.verify(req).then((caller) => (req.caller = caller));
    return holder[RESULT];
  }

  /** The WWW-Authenticate challenge of a refusal: a refused bearer token (401) says invalid_token. */
  challengeOf(req: AuthenticatedRequest, err: DomainError): string | undefined {
    return err.httpStatus === 401 && this.credentialOf(req) === 'bearer'
      ? 'Bearer error="invalid_token"'
      : undefined;
  }

  private async verify(req: AuthenticatedRequest): Promise<Caller> {
    const requestId = requestIdOf(req);
    const credential = this.credentialOf(req);
    const caller =
      credential === 'session'
        ? await this.sessions.authenticateCookie(
            readCookie(req, SESSION_COOKIE) as string,
            req.method,
            req.get(CSRF_HEADER),
            requestId,
          )
        : await this.verifier.authenticate(req.headers.authorization, requestId);
    // The client's own x-request-id (validated) travels beside this node's id, never instead of it.
    const clientRequestId = clientRequestIdOf(req.headers['x-request-id']);
    // req.ip honours HELIXGATE_TRUST_PROXY (Express `trust proxy`): anonymous rate limits are per address.
    return { ...caller, ...(clientRequestId ? { clientRequestId } : {}), clientAddress: req.ip ?? null };
  }
}
