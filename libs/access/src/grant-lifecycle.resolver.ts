import {
  Args,
  Field,
  GraphQLISODateTime,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { Caller } from '@helixgate/common';
import { CurrentCaller } from '@helixgate/common';
import { toAccessRequestModel } from './access.resolver';
import { AccessRequestModel } from './models/access-request.model';
import { GrantLifecycleService } from './grant-lifecycle.service';

@ObjectType('AccessCloseOut', {
  description: "A project's close-out, recorded by the researcher after the grant ended",
})
export class AccessCloseOutModel {
  @Field({ description: 'FINAL_REPORT or DELETION_ATTESTATION' })
  kind: string;
  @Field({ description: 'The final report, or the attestation that every data copy is deleted' })
  statement: string;
  @Field({ description: 'issuer#subject of who recorded it' })
  recordedBy: string;
  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

/** Reminders, renewal and close-out on access requests (the lifecycle of a grant after approval). */
@Resolver(() => AccessRequestModel)
export class GrantLifecycleResolver {
  constructor(private readonly lifecycle: GrantLifecycleService) {}

  @ResolveField(() => ID, { nullable: true, description: 'The request (grant) this one renews' })
  renewalOf(@Parent() r: AccessRequestModel): Promise<string | null> {
    return this.lifecycle.renewalOf(r.id);
  }

  @ResolveField(() => [ID], { description: 'Renewal requests made of this one, oldest first' })
  renewals(@Parent() r: AccessRequestModel): Promise<string[]> {
    return this.lifecycle.renewals(r.id);
  }

  @ResolveField(() => AccessCloseOutModel, { nullable: true, description: 'The close-out, once recorded' })
  closeOut(@Parent() r: AccessRequestModel): Promise<AccessCloseOutModel | null> {
    return this.lifecycle.closeOutOf(r.id);
  }

  @ResolveField(() => [Int], { description: 'Reminder days already sent before the grant ends' })
  remindersSent(@Parent() r: AccessRequestModel): Promise<number[]> {
    return this.lifecycle.remindersSent(r.id);
  }

  @Mutation(() => AccessRequestModel, {
    description:
      'Researcher: ask to renew a grant (active or ended): a new request, same dataset, project and purpose, linked to it',
  })
  async requestAccessRenewal(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('justification', { type: () => String, nullable: true }) justification?: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.lifecycle.requestRenewal(caller, id, justification ?? undefined));
  }

  @Mutation(() => AccessCloseOutModel, {
    description:
      'Researcher: record the close-out of an ended grant: FINAL_REPORT or DELETION_ATTESTATION, with its text',
  })
  closeOutAccessGrant(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('kind') kind: string,
    @Args('statement') statement: string,
  ): Promise<AccessCloseOutModel> {
    return this.lifecycle.closeOut(caller, id, kind, statement);
  }
}
