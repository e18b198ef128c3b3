import { CurrentCaller } from '@helixgate/common';
import {
  Args,
  GraphQLISODateTime,
  ID,
  Int,
  Mutation,
  Query,
  ResolveField,
  Resolver,
  Parent,
} from '@nestjs/graphql';
import type { Caller } from '@helixgate/common';
import { ConsentMatchModel, toConsentMatchModel, type ResearchPurposeInputShape } from '@helixgate/consent';
import { PeopleService, PersonModel } from '@helixgate/identity';
import { effectiveStatus, AccessRequestService } from './access-request.service';
import type { AccessRequestEntity } from './access-request.entity';
import { ResubmitAccessRequestInput, SubmitAccessRequestInput } from './dto/access-request.input';
import {
  AccessRequestEventModel,
  AccessRequestModel,
  AccessRequestPageModel,
  AccessRequestStatus,
  accessRequestStatusOf,
  requestStatesOf,
} from './models/access-request.model';

export function toAccessRequestModel(r: AccessRequestEntity): AccessRequestModel {
  return {
    id: r.id,
    datasetId: r.datasetId,
    researcher: `${r.researcherIssuer}#${r.researcherSubject}`,
    institution: r.institution ?? undefined,
    projectTitle: r.projectTitle,
    justification: r.justification,
    ethicsRef: r.ethicsRef ?? undefined,
    purpose: JSON.stringify(r.purpose),
    researchPurpose: { ...r.purpose },
    duoMatch: toConsentMatchModel(r.duoMatch),
    status: accessRequestStatusOf(effectiveStatus(r)),
    decidedBy: r.decidedBy ?? undefined,
    decisionNote: r.decisionNote ?? undefined,
    expiresAt: r.expiresAt ?? undefined,
    handlerRef: r.handler ?? undefined,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The access workflow's GraphQL face: thin, every rule lives in AccessRequestService. */
@Resolver(() => AccessRequestModel)
export class AccessResolver {
  constructor(
    private readonly requests: AccessRequestService,
    private readonly people: PeopleService,
  ) {}

  @ResolveField(() => PersonModel, { description: 'The researcher, by name and institution' })
  async applicant(@Parent() r: AccessRequestModel): Promise<PersonModel> {
    const p = await this.people.one(r.researcher);
    return { ...p, institution: p.institution ?? r.institution ?? null };
  }

  /** The match against the consent in force now while the request is open; the stored one once decided. */
  @ResolveField(() => ConsentMatchModel)
  async duoMatch(@Parent() r: AccessRequestModel): Promise<ConsentMatchModel> {
    if (r.status !== AccessRequestStatus.SUBMITTED && r.status !== AccessRequestStatus.RETURNED)
      return r.duoMatch;
    const purpose = r.researchPurpose as unknown as ResearchPurposeInputShape;
    return toConsentMatchModel(await this.requests.currentMatch(r.datasetId, purpose));
  }

  @ResolveField(() => PersonModel, { nullable: true, description: 'The steward who decided, by name' })
  async decider(@Parent() r: AccessRequestModel): Promise<PersonModel | null> {
    return r.decidedBy ? this.people.one(r.decidedBy) : null;
  }

  @Query(() => [AccessRequestModel], {
    description:
      'Access requests the caller may see: their own (researcher), those of datasets they steward (steward); more than 500 is refused with LIST_TOO_LONG',
    deprecationReason:
      'Use accessRequestPage (cursor-paged, pageInfo { hasNextPage endCursor }); accessRequests refuses more than 500 rows',
  })
  async accessRequests(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID, nullable: true }) datasetId?: string,
    @Args('states', {
      type: () => [String],
      nullable: true,
      deprecationReason: 'Use status (the AccessRequestStatus enum)',
    })
    states?: string[],
    @Args('mine', { nullable: true, defaultValue: false }) mine?: boolean,
    @Args('status', {
      type: () => [AccessRequestStatus],
      nullable: true,
      description: 'Only requests in these states',
    })
    status?: AccessRequestStatus[],
  ): Promise<AccessRequestModel[]> {
    const list = await this.requests.list(caller, {
      datasetId,
      states: requestStatesOf(status ?? states),
      mine,
    });
    return list.map(toAccessRequestModel);
  }

  @Query(() => AccessRequestPageModel, {
    description:
      'accessRequests a page at a time, newest first (keyset on creation time and id): first from 1 to 200 (default 50), after = pageInfo.endCursor',
  })
  async accessRequestPage(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID, nullable: true }) datasetId?: string,
    @Args('mine', { nullable: true, defaultValue: false }) mine?: boolean,
    @Args('status', {
      type: () => [AccessRequestStatus],
      nullable: true,
      description: 'Only requests in these states',
    })
    status?: AccessRequestStatus[],
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AccessRequestPageModel> {
    const page = await this.requests.listPage(
      caller,
      { datasetId, states: requestStatesOf(status), mine },
      first,
      after,
    );
    return {
      requests: page.requests.map(toAccessRequestModel),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => AccessRequestModel)
  async accessRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.get(caller, id));
  }

  @ResolveField(() => [AccessRequestEventModel], {
    description:
      "The request's timeline, oldest first: transitions, review assignments, votes, remarks (INTERNAL entries only for the committee and stewards)",
  })
  async history(
    @CurrentCaller() caller: Caller,
    @Parent() r: AccessRequestModel,
  ): Promise<AccessRequestEventModel[]> {
    const events = await this.requests.history(caller, r.id);
    const people = await this.people.byRefs([
      ...events.map((e) => e.actor),
      ...events.flatMap((e) => (e.about ? [e.about] : [])),
    ]);
    return events.map((e) => ({
      visibility: e.visibility,
      aboutPerson: e.about ? people.get(e.about)! : null,
      at: e.at,
      actor: e.actor,
      actorPerson: people.get(e.actor)!,
      action: e.action,
      fromState: e.fromState === null ? undefined : accessRequestStatusOf(e.fromState),
      toState: accessRequestStatusOf(e.toState),
      note: e.note ?? undefined,
    }));
  }

  @Query(() => [String], {
    description:
      "GA4GH-style permissions: ControlledAccessGrants visas (JWTs) for the caller's active grants",
  })
  myPermissions(@CurrentCaller() caller: Caller): Promise<string[]> {
    return this.requests.activeVisas(caller);
  }

  @Mutation(() => AccessRequestModel, {
    description: 'Researcher: ask for access to a dataset with a coded research purpose',
  })
  async submitAccessRequest(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SubmitAccessRequestInput,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.submit(caller, input));
  }

  @Mutation(() => AccessRequestModel, {
    description: 'Steward: approve until `expiresAt`; issues a ControlledAccessGrants visa',
  })
  async approveAccessRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('expiresAt', { type: () => GraphQLISODateTime }) expiresAt: Date,
    @Args('note', { nullable: true }) note?: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.approve(caller, id, expiresAt, note));
  }

  @Mutation(() => AccessRequestModel, { description: 'Steward: reject with a reason' })
  async rejectAccessRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.reject(caller, id, reason));
  }

  @Mutation(() => AccessRequestModel, { description: 'Steward: return to the researcher for changes' })
  async returnAccessRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('note') note: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.returnForChanges(caller, id, note));
  }

  @Mutation(() => AccessRequestModel, {
    description: 'Researcher: resubmit a returned request, with changes',
  })
  async resubmitAccessRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ResubmitAccessRequestInput,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.resubmit(caller, id, input));
  }

  @Mutation(() => AccessRequestModel, { description: 'Researcher: withdraw a request or give up a grant' })
  async withdrawAccessRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.withdraw(caller, id));
  }

  @Mutation(() => AccessRequestModel, {
    description: 'Steward: revoke an active grant at once; `block` refuses future requests',
  })
  async revokeAccessGrant(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @Args('block', { nullable: true, defaultValue: false }) block: boolean,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.requests.revoke(caller, id, reason, block));
  }

  @Mutation(() => String, {
    description: 'Researcher: the signed ControlledAccessGrants visa of an active grant',
  })
  grantVisa(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.requests.grantVisa(caller, id);
  }
}
