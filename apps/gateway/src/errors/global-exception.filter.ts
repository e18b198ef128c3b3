import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError, ERROR_HTTP_STATUS, type ErrorCode } from '@helixgate/common';
import { GraphQLError } from 'graphql';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { GRAPHQL_PATH } from '../graphql/graphql-path';

interface Mapped {
  code: ErrorCode;
  status: number;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * One place maps every error to what a caller sees: a DomainError keeps its code and message; an HTTP
 * exception from Nest keeps its status; anything else becomes INTERNAL with a correlation id, its stack
 * logged and never sent.
 */
@Catch()
export class GlobalExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const type = host.getType<GqlContextType>();
    const req: Request | undefined =
      type === 'graphql'
        ? host.getArgByIndex<{ req?: Request }>(2)?.req
        : host.switchToHttp().getRequest<Request>();
    const correlationId = String((req as unknown as { id?: string })?.id ?? randomUUID());
    const mapped = this.map(exception, correlationId);

    if (type === 'graphql') {
      return new GraphQLError(mapped.message, {
        extensions: { code: mapped.code, correlationId, ...(mapped.details ?? {}) },
      });
    }
    const res = host.switchToHttp().getResponse<Response>();
    const retryAfter = mapped.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    // A request to /graphql refused before GraphQL ran (its body, a batch) still gets a GraphQL-shaped error.
    const graphql = (req?.originalUrl ?? '').split('?')[0].replace(/\/+$/, '') === GRAPHQL_PATH;
    const extensions = { code: mapped.code, correlationId, ...mapped.details };
    res
      .status(mapped.status)
      .json(
        graphql
          ? { errors: [{ message: mapped.message, extensions }] }
          : { error: { code: mapped.code, message: mapped.message, correlationId, ...mapped.details } },
      );
    return undefined;
  }

  private map(exception: unknown, correlationId: string): Mapped {
    if (exception instanceof DomainError) {
      return {
        code: exception.code,
        status: exception.httpStatus,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code: ErrorCode =
        status === 404
          ? 'NOT_FOUND'
          : status === 401
            ? 'UNAUTHENTICATED'
            : status === 403
              ? 'FORBIDDEN'
              : status < 500
                ? 'BAD_REQUEST'
                : 'INTERNAL';
      return { code, status, message: exception.message };
    }
    this.logger.error({ err: exception, correlationId }, 'unhandled error');
    return {
      code: 'INTERNAL',
      status: ERROR_HTTP_STATUS.INTERNAL,
      message: `Internal error (correlation id ${correlationId})`,
    };
  }
}
