/**
 * Talking to the gateway: the session endpoints (/auth, REST) and the fetch the GraphQL client uses.
 * The session token lives in an httpOnly cookie the console never sees; it only holds the CSRF token,
 * which it echoes in the x-csrf-token header. A 401 TOKEN_EXPIRED is answered by one refresh and a retry.
 */
export interface SessionUser {
  username: string;
  name: string;
  institution: string | null;
  roles: Role[];
}
export type Role = 'researcher' | 'steward' | 'compliance' | 'admin' | 'dac_member' | 'dac_chair';

export interface SessionView {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
  sessionExpiresAt: string;
}

/** An error as the API reports it: a code and a message (shown as they are). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onSessionChange: (s: SessionView | null) => void = () => undefined;

export function setSessionListener(listener: (s: SessionView | null) => void): void {
  onSessionChange = listener;
}

function readCsrfCookie(): string | null {
  const m = /(?:^|;\s*)hg_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

export function currentCsrf(): string | null {
  return csrfToken ?? readCsrfCookie();
}

async function authPost(path: string, body?: unknown): Promise<Response> {
  const csrf = currentCsrf();
  return fetch(`/auth/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(body ?? {}),
  });
}

async function asSession(res: Response): Promise<SessionView> {
  const body = (await res.json().catch(() => null)) as
    (SessionView & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body || body.error) {
    throw new ApiError(
      body?.error?.code ?? 'HTTP_ERROR',
      body?.error?.message ?? `HTTP ${res.status}`,
      res.status,
    );
  }
  csrfToken = body.csrfToken;
  onSessionChange(body);
  return body;
}

export async function signIn(username: string, password: string): Promise<SessionView> {
  return asSession(await authPost('login', { username, password }));
}

export async function acceptInvitation(token: string, password: string): Promise<SessionView> {
  return asSession(await authPost('invitation', { token, password }));
}

let refreshing: Promise<SessionView | null> | null = null;

/** Renews the session (one request at a time); null when there is none to renew. */
export function refreshSession(): Promise<SessionView | null> {
  refreshing ??= (async () => {
    try {
      if (!currentCsrf()) return null;
      const res = await authPost('refresh');
      if (res.status === 401 || res.status === 403) {
        csrfToken = null;
        onSessionChange(null);
        return null;
      }
      return await asSession(res);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function signOut(): Promise<void> {
  await authPost('logout').catch(() => undefined);
  csrfToken = null;
  onSessionChange(null);
}

export interface Providers {
  password: boolean;
  oidc: { id: string; name: string }[];
}
export async function signInProviders(): Promise<Providers> {
  const res = await fetch('/auth/providers');
  if (!res.ok) return { password: true, oidc: [] };
  return (await res.json()) as Providers;
}

/** fetch for the GraphQL client: CSRF header, and one refresh-and-retry on an expired session token. */
export const apiFetch: typeof fetch = async (input, init) => {
  const send = () => {
    const headers = new Headers(init?.headers);
    const csrf = currentCsrf();
    if (csrf) headers.set('x-csrf-token', csrf);
    return fetch(input, { ...init, headers, credentials: 'same-origin' });
  };
  const res = await send();
  if (res.status !== 401) return res;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as {
    errors?: { extensions?: { code?: string } }[];
  } | null;
  const code = body?.errors?.[0]?.extensions?.code;
  if (code !== 'TOKEN_EXPIRED') {
    if (code === 'UNAUTHENTICATED') onSessionChange(null);
    return res;
  }
  return (await refreshSession()) ? send() : res;
};

/** Downloads a file from an authenticated REST path (audit exports) via the session cookie. */
export async function download(path: string): Promise<{ blob: Blob; filename: string; headers: Headers }> {
  let res = await fetch(path, { credentials: 'same-origin' });
  if (res.status === 401 && (await refreshSession())) res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(
      body?.error?.code ?? 'HTTP_ERROR',
      body?.error?.message ?? `HTTP ${res.status}`,
      res.status,
    );
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? path.split('/').pop() ?? 'download';
  return { blob: await res.blob(), filename, headers: res.headers };
}
