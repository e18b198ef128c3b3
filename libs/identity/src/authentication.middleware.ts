import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { DomainError, clientRequestIdOf } from '@helixgate/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { RequestWithCaller } from './current-caller.decorator';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './sessions/session-cookies';
import { SessionService } from './sessions/session.service';
import { TokenVerifierService } from './token-verifier.service';

/**
 * Runs before every route: attaches `req.caller` (anonymous without an Authorization header) or refuses
 * the request at once with 401 and the coded reason. It answers itself, because a middleware runs before
 * Nest's exception filters know whether the route is GraphQL: GraphQL paths get a GraphQL-shaped error
 * body, others the REST shape of the global filter.
 */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Authentication');

  constructor(
    private readonly verifier: TokenVerifierService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async use(
    req: Request & RequestWithCaller & { id?: unknown },
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    // pino-http has set req.id (and the x-request-id header) by now; the fallbacks keep a correlation id anyway.
    const header = res.getHeader('x-request-id');
    const requestId =
      typeof req.id === 'string' || typeof req.id === 'number'
        ? String(req.id)
        : typeof header === 'string'
          ? header
          : randomUUID();
    // The console's session cookie counts only without an Authorization header (a bearer token wins) and
    // outside /auth, whose routes read their own cookies. SessionService refuses an ended session and a
    // mutating request without the CSRF token.
    const sessionToken =
      req.headers.authorization === undefined && !req.path.startsWith('/auth/')
        ? readCookie(req, SESSION_COOKIE)
        : undefined;
    // The client's own x-request-id (validated) travels beside this node's id, never instead of it.
    const clientRequestId = clientRequestIdOf(req.headers['x-request-id']);
    try {
      const caller =
        sessionToken !== undefined
          ? await this.sessions.authenticateCookie(sessionToken, req.method, req.get(CSRF_HEADER), requestId)
          : await this.verifier.authenticate(req.headers.authorization, requestId);
      // req.ip honours HELIXGATE_TRUST_PROXY (Express `trust proxy`): anonymous rate limits are per address.
      req.caller = {
        ...caller,
        ...(clientRequestId ? { clientRequestId } : {}),
        clientAddress: req.ip ?? null,
      };
    } catch (err) {
      if (!(err instanceof DomainError)) {
        next(err);
        return;
      }
      const reason = (err.details as { reason?: string } | undefined)?.reason;
      this.logger.warn({
        msg: sessionToken !== undefined ? 'session cookie refused' : 'bearer token refused',
        code: err.code,
        reason,
        requestId,
      });
      // A refusal is a decision too: it is audited (durably, before the answer) like any other request.
      // The actor is unknown: nothing in a refused token is trusted, so nothing of it is recorded.
      try {
        await this.audit.record({
          actor: null,
          action: req.path.startsWith('/graphql') ? 'graphql:request' : `rest:${req.method} ${req.path}`,
          resource: req.path.slice(0, 200),
          outcome: 'deny',
          reason: err.code,
          requestId,
          detail: { status: err.httpStatus, ...(clientRequestId ? { clientRequestId } : {}) },
        });
      } catch {
        res.status(503).json({
          error: {
            code: 'AUDIT_UNAVAILABLE',
            message: 'the audit trail cannot be written',
            correlationId: requestId,
          },
        });
        return;
      }
      if (err.httpStatus === 401 && sessionToken === undefined)
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      const body = req.path.startsWith('/graphql')
        ? {
            errors: [
              {
                message: err.message,
                extensions: { code: err.code, correlationId: requestId, ...err.details },
              },
            ],
          }
        : { error: { code: err.code, message: err.message, correlationId: requestId, ...err.details } };
      res.status(err.httpStatus).json(body);
      return;
    }
    next();
  }
}
