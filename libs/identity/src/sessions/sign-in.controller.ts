import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { DomainError } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { AppUserEntity } from '../users/app-user.entity';
import { UsersService } from '../users/users.service';
import {
  clearSessionCookies,
  CSRF_COOKIE,
  CSRF_HEADER,
  readCookie,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  setSessionCookies,
} from './session-cookies';
import { SessionService, type IssuedSession } from './session.service';
import { OidcSignInService } from './oidc-sign-in.service';

/** What the console learns about its session (never a token other than the CSRF token). */
export interface SessionView {
  user: { username: string; name: string; institution: string | null; roles: string[] };
  csrfToken: string;
  expiresAt: string;
  sessionExpiresAt: string;
}

function view(s: IssuedSession): SessionView {
  return {
    user: userView(s.user),
    csrfToken: s.csrfToken,
    expiresAt: s.accessExpiresAt.toISOString(),
    sessionExpiresAt: s.sessionExpiresAt.toISOString(),
  };
}
function userView(u: AppUserEntity): SessionView['user'] {
  return {
    username: u.username,
    name: u.displayName ?? u.username,
    institution: u.institution,
    roles: u.roles,
  };
}

/** Login CSRF: a cross-site form cannot send JSON without a CORS preflight, which this node never grants. */
function requireJson(req: Request): void {
  if (!req.is('application/json')) {
    throw new DomainError('BAD_REQUEST', 'send the request as application/json');
  }
}

/** Plain double submit for /auth (its cookies are SameSite=Strict and scoped to /auth as well). */
function requireCsrf(req: Request): void {
  const cookie = readCookie(req, CSRF_COOKIE) ?? '';
  const header = req.get(CSRF_HEADER) ?? '';
  const ok =
    cookie.length > 0 &&
    cookie.length === header.length &&
    timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
  if (!ok) {
    throw new DomainError('FORBIDDEN', `cross-site request refused: send the ${CSRF_HEADER} header`, {
      reason: 'csrf_token',
    });
  }
}

const OIDC_FLOW_COOKIE = 'hg_oidc';
/** Where the console may be sent back to after signing in elsewhere: its own pages only. */
const RETURN_TO = /^\/console(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?(\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$/;

/**
 * Console sign-in (REST, under /auth; the Authenticator ignores session cookies here). Every
 * call is audited by the interceptor; a sign-in adds the user id (never the password) to its event.
 */
@Controller('auth')
export class SignInController {
  constructor(
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    private readonly oidc: OidcSignInService,
    private readonly audit: AuditService,
    private readonly config: HelixgateConfig,
  ) {}

  /** How one may sign in here: local passwords, and each institutional provider. */
  @Get('providers')
  providers(): { password: boolean; oidc: { id: string; name: string }[] } {
    return { password: true, oidc: this.oidc.providers() };
  }

  @Post('login')
  @HttpCode(200)
  async login(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: { username?: unknown; password?: unknown },
  ): Promise<SessionView> {
    requireJson(req);
    const s = await this.sessions.signInWithPassword(body?.username, body?.password, req.ip ?? 'unknown');
    this.audit.annotate({ action: 'auth.login', detail: { user: s.user.id, method: 'password' } });
    setSessionCookies(req, res, s, this.config.vars.HELIXGATE_ISSUER);
    return view(s);
  }

  /** Sets the password of an invited user (once) and signs them in. */
  @Post('invitation')
  @HttpCode(200)
  async acceptInvitation(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: { token?: unknown; password?: unknown },
  ): Promise<SessionView> {
    requireJson(req);
    const user = await this.users.acceptInvitation(body?.token, body?.password);
    const s = await this.sessions.start(user, 'password');
    this.audit.annotate({ action: 'auth.invitation', detail: { user: user.id } });
    setSessionCookies(req, res, s, this.config.vars.HELIXGATE_ISSUER);
    return view(s);
  }

  /** A fresh session token (and CSRF token) for a live session; the console calls it before expiry. */
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    requireCsrf(req);
    try {
      const s = await this.sessions.refresh(readCookie(req, REFRESH_COOKIE));
      this.audit.annotate({ action: 'auth.refresh', detail: { user: s.user.id } });
      setSessionCookies(req, res, s, this.config.vars.HELIXGATE_ISSUER);
      return view(s);
    } catch (err) {
      clearSessionCookies(req, res, this.config.vars.HELIXGATE_ISSUER);
      throw err;
    }
  }

  /** Sends the browser to an institutional provider (authorization code + PKCE). */
  @Get('oidc/:provider/start')
  async oidcStart(
    @Req() req: Request,
    @Res() res: Response,
    @Param('provider') provider: string,
    @Query('returnTo') returnTo?: string,
  ): Promise<void> {
    const target = typeof returnTo === 'string' && RETURN_TO.test(returnTo) ? returnTo : '/console/';
    const { flowId, url } = await this.oidc.start(provider, this.callbackUrl(req, provider), target);
    this.audit.annotate({ action: 'auth.oidc.start', detail: { provider } });
    // Lax, not Strict: the provider's redirect back is a cross-site navigation, which must carry it.
    res.cookie(OIDC_FLOW_COOKIE, flowId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure || (this.config.vars.HELIXGATE_ISSUER?.startsWith('https://') ?? false),
      path: '/auth/oidc',
      maxAge: 10 * 60_000,
    });
    res.redirect(302, url.href);
  }

  /** The provider's redirect back: verify, open a session, and return to the console. */
  @Get('oidc/:provider/callback')
  async oidcCallback(
    @Req() req: Request,
    @Res() res: Response,
    @Param('provider') provider: string,
  ): Promise<void> {
    res.clearCookie(OIDC_FLOW_COOKIE, { path: '/auth/oidc' });
    const current = new URL(req.originalUrl, `${this.baseUrl(req)}/`);
    try {
      const { user, returnTo } = await this.oidc.complete(readCookie(req, OIDC_FLOW_COOKIE), current);
      const s = await this.sessions.start(user, 'oidc');
      this.audit.annotate({ action: 'auth.login', detail: { user: user.id, method: 'oidc', provider } });
      setSessionCookies(req, res, s, this.config.vars.HELIXGATE_ISSUER);
      res.redirect(302, returnTo);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.audit.annotate({ action: 'auth.login', detail: { method: 'oidc', provider, refused: err.code } });
      const q = new URLSearchParams({ error: err.code, message: err.message });
      res.redirect(302, `/console/sign-in?${q.toString()}`);
    }
  }

  private baseUrl(req: Request): string {
    return this.config.vars.HELIXGATE_ISSUER?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
  }

  private callbackUrl(req: Request, provider: string): string {
    return `${this.baseUrl(req)}/auth/oidc/${encodeURIComponent(provider)}/callback`;
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    requireCsrf(req);
    const token = readCookie(req, SESSION_COOKIE);
    let sessionId: string | undefined;
    if (token) {
      try {
        sessionId = (await this.sessions.authenticateCookie(token, 'GET', undefined, 'logout')).sessionId;
      } catch {
        sessionId = undefined; // an expired token: the refresh cookie still names the session
      }
    }
    await this.sessions.end({ refreshToken: readCookie(req, REFRESH_COOKIE), sessionId });
    this.audit.annotate({ action: 'auth.logout' });
    clearSessionCookies(req, res, this.config.vars.HELIXGATE_ISSUER);
  }
}
