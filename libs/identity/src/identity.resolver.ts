import { UseGuards } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '@helixgate/common';
import { AuthenticatedGuard } from './authenticated.guard';
import { CurrentCaller } from '@helixgate/common';
import { CallerModel, type RoleEnum } from './models/caller.model';

export function toCallerModel(caller: Caller): CallerModel {
  return {
    subject: caller.subject,
    issuer: caller.issuer,
    roles: caller.roles as RoleEnum[],
    institution: caller.institution,
    visas: caller.visas.map((v) => ({
      type: v.type,
      value: v.value,
      source: v.source,
      by: v.by ?? null,
      asserted: v.asserted,
      assertedAt: new Date(v.asserted * 1000),
      exp: v.exp,
      expiresAt: new Date(v.exp * 1000),
      issuer: v.iss,
    })),
    requestId: caller.requestId,
  };
}

@Resolver(() => CallerModel)
export class IdentityResolver {
  @Query(() => CallerModel, { description: 'The verified identity of the caller (needs a bearer token)' })
  @UseGuards(AuthenticatedGuard)
  me(@CurrentCaller() caller: Caller): CallerModel {
    return toCallerModel(caller);
  }
}
