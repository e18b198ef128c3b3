import { DomainError, GraphQLJSON, PageInfoModel } from '@helixgate/common';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConsentMatchModel } from '@helixgate/consent';
import { PersonModel } from '@helixgate/identity';

export enum AccessRequestStatus {
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  EXPIRED = 'EXPIRED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  REVOKED = 'REVOKED',
}
registerEnumType(AccessRequestStatus, {
  name: 'AccessRequestStatus',
  description: 'APPROVED is an active grant; EXPIRED is an approval whose end date has passed',
});

const STATUS_BY_NAME: Readonly<Record<string, AccessRequestStatus>> = Object.fromEntries(
  Object.values(AccessRequestStatus).map((v) => [v, v]),
);

/** A stored state as the GraphQL enum; a state the enum does not name fails closed. */
export function accessRequestStatusOf(state: string): AccessRequestStatus {
  if (!Object.hasOwn(STATUS_BY_NAME, state))
    throw new DomainError('INTERNAL', `an access request event names an unknown state ${state}`);
  return STATUS_BY_NAME[state];
}

/** States a caller filters by (the deprecated `states` strings too): each must be an AccessRequestStatus. */
export function requestStatesOf(values: readonly string[] | null | undefined): string[] | undefined {
  if (values === undefined || values === null) return undefined; // `status: null` is no filter, as absent
  for (const v of values) {
    if (!Object.hasOwn(STATUS_BY_NAME, v)) {
      throw new DomainError(
        'BAD_REQUEST',
        `unknown access request state ${v}: one of ${Object.keys(STATUS_BY_NAME).join(', ')}`,
      );
    }
  }
  return [...values];
}

@ObjectType('AccessRequestEvent')
export class AccessRequestEventModel {
  @Field(() => GraphQLISODateTime)
  at: Date;
  @Field({ description: 'issuer#subject of who acted' })
  actor: string;
  @Field(() => PersonModel, { description: 'Who acted, by name and institution' })
  actorPerson: PersonModel;
  @Field()
  action: string;
  @Field(() => AccessRequestStatus, { nullable: true })
  fromState?: AccessRequestStatus;
  @Field(() => AccessRequestStatus)
  toState: AccessRequestStatus;
  @Field({ nullable: true })
  note?: string;
  @Field({ description: 'APPLICANT or INTERNAL (votes, internal remarks, review assignments)' })
  visibility: string;
  @Field(() => PersonModel, {
    nullable: true,
    description: 'Who the entry is about (reviewer asked, handler)',
  })
  aboutPerson?: PersonModel | null;
}

@ObjectType('AccessRequest')
export class AccessRequestModel {
  @Field(() => ID)
  id: string;
  @Field(() => ID)
  datasetId: string;
  @Field({ description: 'issuer#subject of the researcher' })
  researcher: string;
  @Field({ nullable: true })
  institution?: string;
  @Field()
  projectTitle: string;
  @Field()
  justification: string;
  @Field({ nullable: true })
  ethicsRef?: string;
  @Field({
    description: 'The coded research purpose, as JSON in a string',
    deprecationReason: 'Use researchPurpose (the same object as JSON, not in a string)',
  })
  purpose: string;
  @Field(() => GraphQLJSON, {
    description: 'The coded research purpose (the fields of ResearchPurposeInput), a JSON object',
  })
  researchPurpose: Record<string, unknown>;
  @Field(() => ConsentMatchModel, {
    description:
      "How the purpose matches the dataset's DUO consent: while the request is open (SUBMITTED, RETURNED), the consent in force now, which an approval is checked against; once decided, the match stored with the decision",
  })
  duoMatch: ConsentMatchModel;
  @Field(() => AccessRequestStatus)
  status: AccessRequestStatus;
  @Field({ nullable: true })
  decidedBy?: string;
  @Field({ nullable: true })
  decisionNote?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End of the grant (approved requests)' })
  expiresAt?: Date;
  @Field({ nullable: true, description: 'issuer#subject of who handles the request' })
  handlerRef?: string;
  @Field(() => GraphQLISODateTime)
  createdAt: Date;
  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@ObjectType('AccessRequestPage', { description: 'A page of access requests, newest first' })
export class AccessRequestPageModel {
  @Field(() => [AccessRequestModel])
  requests: AccessRequestModel[];

  @Field(() => PageInfoModel, { description: 'Whether an older page follows, and the cursor to ask after' })
  pageInfo: PageInfoModel;
}
