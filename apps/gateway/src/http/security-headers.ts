import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The security headers of every answer (helmet): no sniffing, no framing, no referrer, same-origin
 * resources, HSTS, and a Content-Security-Policy fit for a JSON API, which loads nothing:
 * `default-src 'none'; frame-ancestors 'none'`.
 *
 * Hook for pages: an HTML app served by the gateway later (the console, under /console) mounts its own
 * `helmet({ contentSecurityPolicy: { directives: ... } })` on its path, after this one: helmet sets headers
 * with `setHeader`, so the later middleware's Content-Security-Policy replaces this one for those routes.
 */
export function apiSecurityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
