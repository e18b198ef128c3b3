import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '@helixgate/common';
import { CurrentCaller } from '@helixgate/common';
import { PeopleService, PersonModel } from '@helixgate/identity';
import { AccessRequestService } from './access-request.service';
import { toAccessRequestModel } from './access.resolver';
import { CommitteeService, type VoteRow } from './committee.service';
import { AccessRequestModel } from './models/access-request.model';
import {
  AccessRemarkModel,
  AccessReviewModel,
  CommitteeMemberModel,
  RemarkVisibilityEnum,
  ResearcherStatusModel,
  ReviewAskedOfMeModel,
  ReviewRoleEnum,
  ReviewVoteModel,
  VoteChoiceEnum,
} from './models/committee.model';

/** Data access committees over GraphQL: thin, every rule lives in CommitteeService / CommitteeGate. */
@Resolver(() => AccessRequestModel)
export class CommitteeResolver {
  constructor(
    private readonly committees: CommitteeService,
    private readonly requests: AccessRequestService,
    private readonly people: PeopleService,
  ) {}

  @ResolveField(() => PersonModel, { nullable: true, description: 'Who handles this request, by name' })
  async handler(@Parent() r: AccessRequestModel): Promise<PersonModel | null> {
    return r.handlerRef ? this.people.one(r.handlerRef) : null;
  }

  @ResolveField(() => AccessReviewModel, {
    nullable: true,
    description:
      'Reviews asked, every vote with its rationale, the quorum: null for who is not on the committee side',
  })
  async review(
    @CurrentCaller() caller: Caller,
    @Parent() r: AccessRequestModel,
  ): Promise<AccessReviewModel | null> {
    const state = await this.committees.reviewState(caller, await this.requests.get(caller, r.id));
    if (!state) return null;
    const people = await this.people.byRefs([
      ...state.assignments.flatMap((a) => [
        a.reviewer,
        a.requestedBy,
        ...(a.replacedBy ? [a.replacedBy] : []),
      ]),
      ...state.votes.map((v) => v.reviewer),
    ]);
    const votes = state.votes.map((v) => voteModel(v, people.get(v.reviewer)!));
    const p = state.quorum.policy;
    return {
      assignments: state.assignments.map((a) => ({
        reviewer: a.reviewer,
        reviewerPerson: people.get(a.reviewer)!,
        role: a.role as ReviewRoleEnum,
        requestedBy: people.get(a.requestedBy)!,
        requestedAt: a.requestedAt,
        active: a.removedAt === null,
        replacedBy: a.replacedBy ? people.get(a.replacedBy)! : null,
      })),
      votes: votes.filter((v) => v.current),
      voteHistory: votes,
      quorum: {
        ...state.quorum,
        policy: {
          committee: p.committee,
          minApprovals: p.quorum.minApprovals,
          maxRejections: p.quorum.maxRejections,
          chairRequired: p.quorum.chairRequired,
          researcherStatus: p.researcherStatus,
        },
      },
    };
  }

  @ResolveField(() => ResearcherStatusModel, {
    description: "The applicant's bona fide status and what approval needs",
  })
  async researcherStatus(
    @CurrentCaller() caller: Caller,
    @Parent() r: AccessRequestModel,
  ): Promise<ResearcherStatusModel> {
    const e = await this.requests.get(caller, r.id);
    const s = this.committees.researcherStatus(e);
    return {
      ...s,
      visaSource: e.researcherStatus?.visa?.source ?? null,
      attestedBy: e.researcherAttestedBy ? await this.people.one(e.researcherAttestedBy) : null,
      attestedAt: e.researcherAttestedAt,
      attestationNote: e.researcherAttestationNote,
    };
  }

  @ResolveField(() => [AccessRemarkModel], {
    description: 'Remarks, oldest first (INTERNAL ones only for the committee and stewards)',
  })
  async remarks(
    @CurrentCaller() caller: Caller,
    @Parent() r: AccessRequestModel,
  ): Promise<AccessRemarkModel[]> {
    const rows = await this.committees.remarks(caller, await this.requests.get(caller, r.id));
    const people = await this.people.byRefs(rows.map((x) => x.author));
    return rows.map((x) => ({
      id: x.id,
      author: people.get(x.author)!,
      visibility: x.visibility as RemarkVisibilityEnum,
      body: x.body,
      at: x.at,
    }));
  }

  @Query(() => [CommitteeMemberModel], {
    description: 'The data access committee of a dataset (its stewards, admins and members may see it)',
  })
  async dataAccessCommittee(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
  ): Promise<CommitteeMemberModel[]> {
    const rows = await this.committees.members(caller, datasetId);
    const people = await this.people.byRefs(rows.map((m) => m.member));
    return rows.map((m) => ({ ...m, person: people.get(m.member)! }));
  }

  @Query(() => [ReviewAskedOfMeModel], {
    description: 'Committee member: the reviews and decisions asked of me',
  })
  async reviewsAskedOfMe(
    @CurrentCaller() caller: Caller,
    @Args('pending', { nullable: true, defaultValue: true, description: 'Only requests still open' })
    pending: boolean,
  ): Promise<ReviewAskedOfMeModel[]> {
    const rows = await this.committees.askedOfMe(caller, pending);
    const people = await this.people.byRefs(
      rows.flatMap((x) => [x.assignment.requestedBy, x.assignment.reviewer]),
    );
    return rows.map((x) => ({
      request: toAccessRequestModel(x.request),
      role: x.assignment.role as ReviewRoleEnum,
      requestedBy: people.get(x.assignment.requestedBy)!,
      requestedAt: x.assignment.requestedAt,
      myVote: x.myVote ? voteModel(x.myVote, people.get(x.assignment.reviewer)!) : null,
    }));
  }

  @Mutation(() => Boolean, {
    description:
      "Steward or admin: put a user (a username, a user id or issuer#subject) on a dataset's committee",
  })
  async addCommitteeMember(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('member') member: string,
    @Args('chair', { nullable: true, defaultValue: false }) chair: boolean,
  ): Promise<boolean> {
    await this.committees.addMember(caller, datasetId, member, chair);
    return true;
  }

  @Mutation(() => Boolean, { description: "Steward or admin: take a user off a dataset's committee" })
  removeCommitteeMember(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('member') member: string,
  ): Promise<boolean> {
    return this.committees.removeMember(caller, datasetId, member);
  }

  @Mutation(() => AccessRequestModel, {
    description:
      'Handler (steward): ask named committee members (usernames, user ids or issuer#subject) for a review and a chair for the decision',
  })
  async requestAccessReview(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reviewers', { type: () => [String] }) reviewers: string[],
    @Args('chair', { nullable: true }) chair?: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.committees.requestReview(caller, id, reviewers, chair));
  }

  @Mutation(() => AccessRequestModel, { description: 'Handler: move a review from one member to another' })
  async reassignAccessReview(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('note', { nullable: true }) note?: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.committees.reassignReview(caller, id, from, to, note));
  }

  @Mutation(() => AccessRequestModel, {
    description: 'Reviewer: vote with a written rationale (once; change it with changeReviewVote)',
  })
  async castReviewVote(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('vote', { type: () => VoteChoiceEnum }) vote: VoteChoiceEnum,
    @Args('rationale') rationale: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.committees.castVote(caller, id, vote, rationale));
  }

  @Mutation(() => AccessRequestModel, {
    description: 'Reviewer: change my vote until the decision (the previous vote is kept)',
  })
  async changeReviewVote(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('vote', { type: () => VoteChoiceEnum }) vote: VoteChoiceEnum,
    @Args('rationale') rationale: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.committees.changeVote(caller, id, vote, rationale));
  }

  @Mutation(() => AccessRequestModel, {
    description:
      'Remark on a request: APPLICANT (the researcher sees it) or INTERNAL (committee and stewards)',
  })
  async addAccessRemark(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('body') body: string,
    @Args('visibility', { type: () => RemarkVisibilityEnum, defaultValue: RemarkVisibilityEnum.APPLICANT })
    visibility: RemarkVisibilityEnum,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.committees.addRemark(caller, id, body, visibility));
  }

  @Mutation(() => AccessRequestModel, {
    description: 'Steward: who handles the request (a steward of the dataset or a chair of its committee)',
  })
  async assignAccessHandler(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('handler') handler: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.committees.setHandler(caller, id, handler));
  }

  @Mutation(() => AccessRequestModel, {
    description:
      "Steward or chair: attest the applicant's status as a bona fide researcher, saying on what basis",
  })
  async attestResearcherStatus(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('note') note: string,
  ): Promise<AccessRequestModel> {
    return toAccessRequestModel(await this.committees.attestResearcher(caller, id, note));
  }
}

function voteModel(v: VoteRow, person: PersonModel): ReviewVoteModel {
  return {
    reviewer: v.reviewer,
    reviewerPerson: person,
    vote: v.vote as VoteChoiceEnum,
    rationale: v.rationale,
    at: v.at,
    current: v.supersededAt === null,
  };
}
