import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { HelixgateConfig } from '@helixgate/config';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The console's Content-Security-Policy: scripts only from this origin (no inline script, no eval), API
 * calls only to this origin, never framed. Styles allow inline because the component kit sets CSS
 * variables in style attributes; nothing else is relaxed.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/**
 * Serves the built console at /console: hashed assets cached for a year (immutable), HTML never cached
 * (a deploy is seen at once), every other path under /console answered with index.html (client routes),
 * and GraphiQL on GET /graphql for browsers when HELIXGATE_GRAPHQL_PLAYGROUND is on. Mounted before Nest's
 * middleware, so static files need no authentication (they hold no data; the API checks every call).
 */
export function mountConsole(app: INestApplication, config: HelixgateConfig): void {
  const dir = config.consoleDir;
  const index = path.join(dir, 'index.html');
  const express = app as NestExpressApplication;

  express.use('/console', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    securityHeaders(res);
    if (req.originalUrl === '/console') return res.redirect(301, '/console/');
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built: run `npm run console:build`.\n');
      return;
    }
    next();
  });
  express.useStaticAssets(dir, {
    prefix: '/console/',
    index: 'index.html',
    fallthrough: true,
    setHeaders: (res: Response, file: string) => {
      const rel = `/${path.relative(dir, file).split(path.sep).join('/')}`;
      res.setHeader(
        'Cache-Control',
        HASHED_ASSET.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // Client-side routes (/console/requests/…): the app shell. Missing assets stay 404.
  express.use('/console', (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/assets/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });

  if (config.vars.HELIXGATE_GRAPHQL_PLAYGROUND) {
    const graphiql = path.join(dir, 'graphiql.html');
    express.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
      const wantsPage =
        req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html';
      if (!wantsPage || req.query.query !== undefined) return next();
      securityHeaders(res);
      res.setHeader('Cache-Control', 'no-cache');
      if (!fs.existsSync(graphiql)) {
        res.status(503).type('text/plain').send('GraphiQL is not built: run `npm run console:build`.\n');
        return;
      }
      res.sendFile(graphiql);
    });
  }
}
