import { parse } from 'cookie';
import type { Request, Response } from 'express';
import type { IssuedSession } from './session.service';

/** The session cookie: the short-lived node token (httpOnly; the browser never exposes it to scripts). */
export const SESSION_COOKIE = 'hg_session';
/** The refresh token: httpOnly and sent only to /auth (refresh, logout). */
export const REFRESH_COOKIE = 'hg_refresh';
/** The CSRF token, readable by the console, which echoes it in the x-csrf-token header. */
export const CSRF_COOKIE = 'hg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const value = parse(header)[name];
  return value ? value : undefined;
}

/** HTTPS as the browser sees it: the request came over TLS, or the node's public URL is https. */
function isHttps(req: Request, publicUrl: string | undefined): boolean {
  return req.secure || (publicUrl?.startsWith('https://') ?? false);
}

/**
 * Sets the three cookies of a session. All are SameSite=Strict (never sent on a cross-site request) and
 * Secure when the console is reached over HTTPS. The session cookie lives as long as the session, while
 * the token inside it expires after minutes: a request with a stale token is refused (401 TOKEN_EXPIRED,
 * the console refreshes and retries), never silently run as anonymous.
 */
export function setSessionCookies(
  req: Request,
  res: Response,
  s: IssuedSession,
  publicUrl: string | undefined,
): void {
  const secure = isHttps(req, publicUrl);
  const maxAge = Math.max(0, s.sessionExpiresAt.getTime() - Date.now());
  const base = { sameSite: 'strict' as const, secure, maxAge };
  res.cookie(SESSION_COOKIE, s.accessToken, { ...base, httpOnly: true, path: '/' });
  res.cookie(REFRESH_COOKIE, s.refreshToken, { ...base, httpOnly: true, path: '/auth' });
  res.cookie(CSRF_COOKIE, s.csrfToken, { ...base, httpOnly: false, path: '/' });
}

export function clearSessionCookies(req: Request, res: Response, publicUrl: string | undefined): void {
  const secure = isHttps(req, publicUrl);
  const base = { sameSite: 'strict' as const, secure };
  res.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true, path: '/' });
  res.clearCookie(REFRESH_COOKIE, { ...base, httpOnly: true, path: '/auth' });
  res.clearCookie(CSRF_COOKIE, { ...base, path: '/' });
}
