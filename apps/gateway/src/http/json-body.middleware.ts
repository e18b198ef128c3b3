import { Injectable, type NestMiddleware } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** body-parser's errors carry an HTTP status and a `type` such as `entity.too.large`. */
interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

/**
 * The one JSON body parser of the gateway (Nest's own is turned off in bootstrap.ts), with the limit
 * HELIXGATE_MAX_BODY_BYTES on every route, GraphQL and REST alike. It runs as a middleware of the root
 * module, after the logger has given the request its id and before identity, so a refused body is logged
 * with a correlation id. Its refusals become coded DomainErrors; each face's error handler shapes them
 * (a GraphQL error on /graphql, a Beacon error response under /api).
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;
  private readonly limit: number;

  constructor(config: HelixgateConfig) {
    this.limit = config.vars.HELIXGATE_MAX_BODY_BYTES;
    this.parse = express.json({ limit: this.limit });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    void this.parse(req, res, (err?: unknown) => next(err === undefined ? undefined : this.refusal(err)));
  }

  private refusal(err: unknown): unknown {
    const e = err as BodyParserError;
    const status = typeof e?.status === 'number' ? e.status : 0;
    if (typeof e?.type !== 'string' || status < 400 || status >= 500) return err;
    switch (e.type) {
      case 'entity.too.large':
        return new DomainError(
          'PAYLOAD_TOO_LARGE',
          `request body is larger than ${this.limit} bytes (HELIXGATE_MAX_BODY_BYTES)`,
        );
      case 'entity.parse.failed':
        // The parser's own message can quote the body (Node's JSON.parse does): it is not repeated.
        return new DomainError('BAD_REQUEST', 'request body is not valid JSON');
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return new DomainError(
          'UNSUPPORTED_MEDIA_TYPE',
          'request body must be JSON in UTF-8, without a content encoding',
        );
      default:
        return new DomainError('BAD_REQUEST', `request body refused (${e.type.slice(0, 40)})`);
    }
  }
}
