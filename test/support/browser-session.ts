/**
 * A minimal browser for HTTP tests of the console's session: keeps cookies per name (as set by
 * Set-Cookie), sends them back, and records their attributes so tests can assert them.
 */
export interface CookieRecord {
  value: string;
  attributes: string[];
}

export class CookieJar {
  readonly cookies = new Map<string, CookieRecord>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = decodeURIComponent(pair.slice(eq + 1));
      const expired = attrs.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else {
        // Attributes in lower case, except a path's value (kept as sent).
        const attributes = attrs.map((a) => {
          const i = a.indexOf('=');
          if (i < 0) return a.toLowerCase();
          const key = a.slice(0, i).toLowerCase();
          return `${key}=${key === 'path' ? a.slice(i + 1) : a.slice(i + 1).toLowerCase()}`;
        });
        this.cookies.set(name, { value, attributes });
      }
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  /** The Cookie header for a path (cookies scoped with Path are sent only under it). */
  header(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => {
        const p = c.attributes.find((a) => a.startsWith('path='))?.slice(5) ?? '/';
        return path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`) || p === '/';
      })
      .map(([n, c]) => `${n}=${encodeURIComponent(c.value)}`)
      .join('; ');
  }

  async fetch(base: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(path.split('?')[0]);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(`${base}${path}`, { ...init, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }
}

export async function postJson(
  jar: CookieJar,
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return jar.fetch(base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A GraphQL call authenticated by the jar's session cookie (with the CSRF header unless told not to). */
export async function cookieGql(
  jar: CookieJar,
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { csrf?: string | null } = {},
): Promise<{
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions: Record<string, unknown> }[];
  };
}> {
  const csrf = opts.csrf === undefined ? jar.get('hg_csrf') : opts.csrf;
  const res = await postJson(
    jar,
    base,
    '/graphql',
    { query, variables },
    csrf ? { 'x-csrf-token': csrf } : {},
  );
  return { status: res.status, body: (await res.json()) as never };
}
