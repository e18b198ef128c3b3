import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { DomainError, type Caller } from '@helixgate/common';

export interface RequestWithCaller {
  caller?: Caller;
}

/** The request object of an HTTP or GraphQL execution context. */
export function requestOf(ctx: ExecutionContext): RequestWithCaller {
  return ctx.getType<GqlContextType>() === 'graphql'
    ? GqlExecutionContext.create(ctx).getContext<{ req: RequestWithCaller }>().req
    : ctx.switchToHttp().getRequest<RequestWithCaller>();
}

/** The Caller the authentication middleware attached to this request. */
export function callerOf(ctx: ExecutionContext): Caller {
  const caller = requestOf(ctx).caller;
  // Fail closed: a route reached without the middleware must not run as some default identity.
  if (!caller) throw new DomainError('INTERNAL', 'authentication did not run for this request');
  return caller;
}

/** Injects the request's Caller (anonymous or verified) into a resolver or controller method. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller =>
  callerOf(ctx),
);
