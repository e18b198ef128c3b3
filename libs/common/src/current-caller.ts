import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Caller } from './caller';
import { DomainError } from './domain-error';

export interface RequestWithCaller {
  caller?: Caller;
}

/** The request object of an HTTP or GraphQL execution context. */
export function requestOf(ctx: ExecutionContext): RequestWithCaller {
  return ctx.getType<GqlContextType>() === 'graphql'
    ? GqlExecutionContext.create(ctx).getContext<{ req: RequestWithCaller }>().req
    : ctx.switchToHttp().getRequest<RequestWithCaller>();
}

/**
 * The Caller that the authentication guard (`libs/identity`, global in the gateway) attached to this
 * request: the one way every lib reads who is asking.
 */
export function callerOf(ctx: ExecutionContext): Caller {
  const caller = requestOf(ctx)?.caller;
  // Fail closed: a route reached without authentication must not run as some default identity.
  if (!caller) throw new DomainError('INTERNAL', 'authentication did not run for this request');
  return caller;
}

/** Injects the request's Caller (anonymous or verified) into a resolver or controller method. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller =>
  callerOf(ctx),
);
