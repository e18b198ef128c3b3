import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { errorReplyOf, graphqlErrorOf, requestIdOf, restErrorBodyOf } from '@helixgate/common';
import { GraphQLError } from 'graphql';
import type { Request, Response } from 'express';
import { GRAPHQL_PATH } from '../graphql/graphql-path';

/**
 * Renders every error outside the Beacon REST routes (which have BeaconErrorFilter) with the one error
 * table (`errorReplyOf` in libs/common): a GraphQL error on GraphQL, the `{ error: { code, message } }`
 * body on other HTTP routes. An unexpected error's stack is logged with its correlation id, never sent.
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
    const reply = errorReplyOf(exception, requestIdOf(req));
    if (reply.unexpected)
      this.logger.error({ err: exception, correlationId: reply.correlationId }, 'unhandled error');

    if (type === 'graphql') {
      const { message, extensions } = graphqlErrorOf(reply);
      return new GraphQLError(message, { extensions });
    }
    const res = host.switchToHttp().getResponse<Response>();
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    // A request to /graphql refused before GraphQL ran (its body, a batch) still gets a GraphQL-shaped error.
    const graphql = (req?.originalUrl ?? '').split('?')[0].replace(/\/+$/, '') === GRAPHQL_PATH;
    res.status(reply.status).json(graphql ? { errors: [graphqlErrorOf(reply)] } : restErrorBodyOf(reply));
    return undefined;
  }
}
