import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { decodeJwt } from 'jose';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { NodeKeyService } from '../node-key.service';
import { TokenVerifierService } from '../token-verifier.service';
import { AppUserEntity } from '../users/app-user.entity';
import { UsersService } from '../users/users.service';
import { ConsoleSessionEntity } from './console-session.entity';
import { LoginThrottle } from './login-throttle';
import { decoyHash, verifyPassword } from './password-hash';

/** Lifetime of the session cookie's node token; the console refreshes it before it ends. */
export const SESSION_TOKEN_SECONDS = 10 * 60;

/** What a sign-in or refresh hands to the browser (as cookies) and to the console (as JSON). */
export interface IssuedSession {
  sessionId: string;
  /** Short-lived node token (the httpOnly session cookie). */
  accessToken: string;
  accessExpiresAt: Date;
  /** Opaque refresh token (an httpOnly cookie scoped to /auth). */
  refreshToken: string;
  sessionExpiresAt: Date;
  /** Sent back by the console in the x-csrf-token header on every mutating request. */
  csrfToken: string;
  user: AppUserEntity;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const UNSAFE = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/**
 * Console sessions. A sign-in (password or OpenID Connect) creates a session row holding a hashed refresh
 * token and hands the browser a 10-minute node token in an httpOnly cookie. The token names the session
 * (`sid`) and a hash of the CSRF token (`csrf_h`); a cookie-authenticated request is accepted only while
 * the session is live, and a mutating one only with the CSRF token in a header (double submit bound to
 * the signed token, so a cookie planted by a sibling origin cannot forge it).
 */
@Injectable()
export class SessionService {
  readonly throttle = new LoginThrottle();

  constructor(
    @InjectRepository(ConsoleSessionEntity) private readonly sessions: Repository<ConsoleSessionEntity>,
    @InjectRepository(AppUserEntity) private readonly userRows: Repository<AppUserEntity>,
    private readonly users: UsersService,
    private readonly nodeKeys: NodeKeyService,
    private readonly verifier: TokenVerifierService,
    private readonly config: HelixgateConfig,
  ) {}

  /** Local password sign-in. Every failure reads the same ("wrong username or password"). */
  async signInWithPassword(username: unknown, password: unknown, address: string): Promise<IssuedSession> {
    if (typeof username !== 'string' || typeof password !== 'string' || password.length > 1024) {
      throw new DomainError('BAD_REQUEST', 'username and password are required strings');
    }
    const account = username.trim().toLowerCase().slice(0, 64);
    this.throttle.check(account, address);
    const user = await this.userRows
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :account', { account })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !user.passwordHash || !ok || user.disabledAt) {
      this.throttle.fail(account, address);
      throw new DomainError('UNAUTHENTICATED', 'wrong username or password', { reason: 'bad_credentials' });
    }
    this.throttle.succeed(account);
    return this.start(user, 'password');
  }

  /** Opens a session for a user already authenticated (password checked, or OpenID Connect). */
  async start(user: AppUserEntity, method: 'password' | 'oidc'): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const session = await this.sessions.save(
      this.sessions.create({
        id: randomUUID(),
        userId: user.id,
        refreshHash: sha256(refreshToken),
        method,
        expiresAt: new Date(Date.now() + this.config.vars.HELIXGATE_SESSION_HOURS * 3600_000),
        endedAt: null,
      }),
    );
    return this.issue(user, session, refreshToken);
  }

  /** Trades a live refresh token for a new session token and a new refresh token (rotation). */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    const session = refreshToken ? await this.liveByRefresh(refreshToken) : null;
    if (!session) {
      // Rotated on every refresh, the token is also unknown once spent: the message covers both.
      throw new DomainError(
        'UNAUTHENTICATED',
        'this refresh token is spent (refresh tokens are single-use) or its session has ended: sign in again',
        { reason: 'session_ended' },
      );
    }
    const user = await this.users.findById(session.userId);
    if (!user || user.disabledAt) {
      await this.sessions.update({ id: session.id }, { endedAt: () => 'now()' });
      throw new DomainError('UNAUTHENTICATED', 'the session has ended: sign in again', {
        reason: 'user_disabled',
      });
    }
    const next = randomBytes(32).toString('base64url');
    // Compare-and-set on the old hash: of two concurrent refreshes with one token, one wins.
    const r = await this.sessions.update(
      { id: session.id, refreshHash: sha256(refreshToken!), endedAt: IsNull() },
      { refreshHash: sha256(next), refreshedAt: () => 'now()' },
    );
    if (!r.affected)
      throw new DomainError(
        'UNAUTHENTICATED',
        'this refresh token was spent by a concurrent refresh, or its session has ended: sign in again',
        { reason: 'session_ended' },
      );
    return this.issue(user, session, next);
  }

  /** Ends the session of a refresh token or of a session token (logout); unknown ones are ignored. */
  async end(opts: { refreshToken?: string; sessionId?: string }): Promise<void> {
    if (opts.sessionId) await this.sessions.update({ id: opts.sessionId }, { endedAt: () => 'now()' });
    const byRefresh = opts.refreshToken ? await this.liveByRefresh(opts.refreshToken) : null;
    if (byRefresh) await this.sessions.update({ id: byRefresh.id }, { endedAt: () => 'now()' });
  }

  /**
   * The Caller of a request authenticated by the session cookie. Refused (401) when the token is bad or
   * the session ended, and (403) when a mutating request lacks the CSRF token.
   */
  async authenticateCookie(
    token: string,
    method: string,
    csrfHeader: string | undefined,
    requestId: string,
  ): Promise<Caller & { sessionId: string }> {
    const caller = await this.verifier.verifyBearer(token, requestId, 'session-cookie');
    const claims = decodeJwt(token);
    const sid = typeof claims.sid === 'string' ? claims.sid : null;
    const csrfHash = typeof claims.csrf_h === 'string' ? claims.csrf_h : null;
    if (!sid || !csrfHash) {
      throw new DomainError('INVALID_TOKEN', 'the session cookie does not hold a session token', {
        reason: 'not_a_session',
      });
    }
    const live = await this.sessions.existsBy({
      id: sid,
      endedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!live) {
      throw new DomainError('UNAUTHENTICATED', 'the session has ended: sign in again', {
        reason: 'session_ended',
      });
    }
    if (UNSAFE(method)) {
      const given = Buffer.from(sha256(csrfHeader ?? ''));
      const expected = Buffer.from(csrfHash);
      if (!csrfHeader || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new DomainError(
          'FORBIDDEN',
          'cross-site request refused: a request authenticated by the session cookie must carry the x-csrf-token header',
          { reason: 'csrf_token' },
        );
      }
    }
    return { ...caller, sessionId: sid };
  }

  private async liveByRefresh(refreshToken: string): Promise<ConsoleSessionEntity | null> {
    return this.sessions.findOneBy({
      refreshHash: sha256(refreshToken),
      endedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
  }

  private async issue(
    user: AppUserEntity,
    session: ConsoleSessionEntity,
    refreshToken: string,
  ): Promise<IssuedSession> {
    const csrfToken = randomBytes(24).toString('base64url');
    const exp = Math.min(
      Math.floor(Date.now() / 1000) + SESSION_TOKEN_SECONDS,
      Math.floor(session.expiresAt.getTime() / 1000),
    );
    const accessToken = await this.nodeKeys.sign(
      {
        preferred_username: user.username,
        roles: user.roles,
        ...(user.institution ? { institution: user.institution } : {}),
        sid: session.id,
        csrf_h: sha256(csrfToken),
      },
      { audience: this.nodeKeys.audience, subject: user.id, expiresIn: exp },
    );
    return {
      sessionId: session.id,
      accessToken,
      accessExpiresAt: new Date(exp * 1000),
      refreshToken,
      sessionExpiresAt: session.expiresAt,
      csrfToken,
      user,
    };
  }
}
