import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PersonModel } from '@helixgate/identity';
import { AccessRequestModel } from './access-request.model';

export enum VoteChoiceEnum {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  ABSTAIN = 'ABSTAIN',
}
registerEnumType(VoteChoiceEnum, { name: 'VoteChoice', description: "A committee reviewer's vote" });

export enum RemarkVisibilityEnum {
  APPLICANT = 'APPLICANT',
  INTERNAL = 'INTERNAL',
}
registerEnumType(RemarkVisibilityEnum, {
  name: 'RemarkVisibility',
  description: 'APPLICANT: the researcher sees it; INTERNAL: only the committee and the stewards',
});

export enum ReviewRoleEnum {
  REVIEWER = 'REVIEWER',
  CHAIR = 'CHAIR',
}
registerEnumType(ReviewRoleEnum, {
  name: 'ReviewRole',
  description: 'REVIEWER: asked for a vote; CHAIR: asked for the decision',
});

@ObjectType('CommitteeMember')
export class CommitteeMemberModel {
  @Field(() => ID)
  datasetId: string;
  @Field({ description: 'issuer#subject' })
  member: string;
  @Field(() => PersonModel)
  person: PersonModel;
  @Field()
  chair: boolean;
  @Field(() => GraphQLISODateTime)
  addedAt: Date;
}

@ObjectType('ReviewAssignment', { description: 'A review (or the decision) the handler asked of a member' })
export class ReviewAssignmentModel {
  @Field({ description: 'issuer#subject of the reviewer' })
  reviewer: string;
  @Field(() => PersonModel)
  reviewerPerson: PersonModel;
  @Field(() => ReviewRoleEnum)
  role: ReviewRoleEnum;
  @Field(() => PersonModel)
  requestedBy: PersonModel;
  @Field(() => GraphQLISODateTime)
  requestedAt: Date;
  @Field({ description: 'False once reassigned: its votes no longer count' })
  active: boolean;
  @Field(() => PersonModel, { nullable: true, description: 'Who the review was reassigned to' })
  replacedBy?: PersonModel | null;
}

@ObjectType('ReviewVote')
export class ReviewVoteModel {
  @Field({ description: 'issuer#subject of the reviewer' })
  reviewer: string;
  @Field(() => PersonModel)
  reviewerPerson: PersonModel;
  @Field(() => VoteChoiceEnum)
  vote: VoteChoiceEnum;
  @Field()
  rationale: string;
  @Field(() => GraphQLISODateTime)
  at: Date;
  @Field({ description: 'False for a vote its reviewer changed later (kept in the record)' })
  current: boolean;
}

@ObjectType('QuorumPolicy', { description: "The dataset's rules from policies/committees.yaml" })
export class QuorumPolicyModel {
  @Field({ description: 'optional | required' })
  committee: string;
  @Field(() => Int)
  minApprovals: number;
  @Field(() => Int)
  maxRejections: number;
  @Field()
  chairRequired: boolean;
  @Field({ description: 'none | visa | attestation | visa-or-attestation' })
  researcherStatus: string;
}

@ObjectType('QuorumState')
export class QuorumStateModel {
  @Field(() => QuorumPolicyModel)
  policy: QuorumPolicyModel;
  @Field({
    description: "Whether the quorum governs this dataset's approvals (a committee exists or is required)",
  })
  applies: boolean;
  @Field(() => Int)
  members: number;
  @Field(() => Int)
  approvals: number;
  @Field(() => Int)
  rejections: number;
  @Field(() => Int)
  abstentions: number;
  @Field({ description: 'The votes allow an approval (a chair may still be required to decide)' })
  met: boolean;
  @Field(() => [String], { description: 'What an approval still lacks, in words' })
  missing: string[];
}

@ObjectType('AccessReview', {
  description: "The committee's side of a request (committee and stewards only)",
})
export class AccessReviewModel {
  @Field(() => [ReviewAssignmentModel])
  assignments: ReviewAssignmentModel[];
  @Field(() => [ReviewVoteModel], { description: "Each reviewer's current vote" })
  votes: ReviewVoteModel[];
  @Field(() => [ReviewVoteModel], { description: 'Every vote ever cast, changes included, oldest first' })
  voteHistory: ReviewVoteModel[];
  @Field(() => QuorumStateModel)
  quorum: QuorumStateModel;
}

@ObjectType('ResearcherStatus', {
  description: 'Bona fide status of the applicant and what the dataset requires',
})
export class ResearcherStatusModel {
  @Field({ description: 'none | visa | attestation | visa-or-attestation' })
  required: string;
  @Field({ description: 'A trusted ResearcherStatus visa was presented with the request' })
  visa: boolean;
  @Field(() => String, { nullable: true })
  visaSource?: string | null;
  @Field(() => PersonModel, { nullable: true, description: 'Who attested it locally' })
  attestedBy?: PersonModel | null;
  @Field(() => GraphQLISODateTime, { nullable: true })
  attestedAt?: Date | null;
  @Field(() => String, { nullable: true })
  attestationNote?: string | null;
  @Field()
  satisfied: boolean;
  @Field(() => String, { nullable: true, description: 'What an approval lacks' })
  missing?: string | null;
}

@ObjectType('AccessRemark')
export class AccessRemarkModel {
  @Field(() => ID)
  id: string;
  @Field(() => PersonModel)
  author: PersonModel;
  @Field(() => RemarkVisibilityEnum)
  visibility: RemarkVisibilityEnum;
  @Field()
  body: string;
  @Field(() => GraphQLISODateTime)
  at: Date;
}

@ObjectType('ReviewAskedOfMe', { description: 'A review or decision asked of the caller' })
export class ReviewAskedOfMeModel {
  @Field(() => AccessRequestModel)
  request: AccessRequestModel;
  @Field(() => ReviewRoleEnum)
  role: ReviewRoleEnum;
  @Field(() => PersonModel)
  requestedBy: PersonModel;
  @Field(() => GraphQLISODateTime)
  requestedAt: Date;
  @Field(() => ReviewVoteModel, { nullable: true })
  myVote?: ReviewVoteModel | null;
}
