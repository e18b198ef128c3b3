import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { AuditService, auditUnavailable } from '@helixgate/audit';
import { anonymousCaller, clientRequestIdOf, DomainError, requestIdOf } from '@helixgate/common';
import { Authenticator, type AuthenticatedRequest } from '@helixgate/identity';
import type { Response } from 'express';
import type { GraphQLResolveInfo } from 'graphql';

const AUDITED = Symbol('helixgate-authentication-refusal-audited');

/**
 * The gateway's first guard, on every route and GraphQL root field: attaches the request's Caller
 * (identity's Authenticator: anonymous, bearer token or console session) or refuses the request with the
 * coded DomainError. Being a guard, the refusal goes through Nest's exception filters, so each face
 * answers in its own shape from the one error table: a Beacon `beaconErrorResponse` on the Beacon REST
 * routes (`/api/info` too), a GraphQL error on `/graphql`, `{ error }` elsewhere. Guards run before the
 * audit interceptor, so the refusal is audited here — durably, before the answer, and without anything
 * of the refused credential. (The GraphQL limits plugin authenticates the same way before any resolver
 * runs, and refuses a whole operation once.)
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly logger = new Logger('Authentication');

  constructor(
    private readonly authenticator: Authenticator,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const type = context.getType<GqlContextType>();
    let req: AuthenticatedRequest | undefined;
    let res: Response | undefined;
    let action: string;
    if (type === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      ({ req, res } = gql.getContext<{ req?: AuthenticatedRequest; res?: Response }>());
      const info = gql.getInfo<GraphQLResolveInfo>();
      action = `graphql:${info.operation.operation} ${info.fieldName}`;
    } else if (type === 'http') {
      req = context.switchToHttp().getRequest<AuthenticatedRequest>();
      res = context.switchToHttp().getResponse<Response>();
      action = `rest:${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    } else {
      return true; // not a request (the CLI builds no guard; a microservice context has no credentials)
    }
    if (!req) throw new DomainError('INTERNAL', 'no request to authenticate');
    try {
      await this.authenticator.authenticate(req);
      return true;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await this.refused(req, err, action);
      const challenge = this.authenticator.challengeOf(req, err);
      if (challenge && res && !res.headersSent) res.setHeader('WWW-Authenticate', challenge);
      throw err;
    }
  }

  /**
   * Logs and audits a refused credential once per request. The actor is unknown: nothing in a refused
   * token is trusted, so nothing of it is recorded. An audit trail that cannot be written turns the
   * refusal into AUDIT_UNAVAILABLE (503).
   */
  async refused(req: AuthenticatedRequest, err: DomainError, action: string): Promise<void> {
    const holder = req as AuthenticatedRequest & { [AUDITED]?: boolean };
    if (holder[AUDITED]) return;
    holder[AUDITED] = true;
    const requestId = requestIdOf(req);
    const clientRequestId = clientRequestIdOf(req.headers['x-request-id']);
    const credential = this.authenticator.credentialOf(req);
    this.logger.warn({
      msg: credential === 'session' ? 'session cookie refused' : 'bearer token refused',
      code: err.code,
      reason: (err.details as { reason?: string } | undefined)?.reason,
      requestId,
    });
    try {
      await this.audit.recordFor(anonymousCaller(requestId, clientRequestId), {
        action,
        resource: req.path.slice(0, 200),
        outcome: 'deny',
        reason: err.code,
        detail: { status: err.httpStatus },
      });
    } catch {
      throw auditUnavailable();
    }
  }
}
