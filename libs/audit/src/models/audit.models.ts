import { GraphQLJSON, PageInfoModel } from '@helixgate/common';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AuditOutcomeEnum {
  ALLOW = 'allow',
  DENY = 'deny',
  ERROR = 'error',
}
registerEnumType(AuditOutcomeEnum, { name: 'AuditOutcome', description: 'What was decided for the request' });

export enum AuditProblemEnum {
  CHANGED = 'changed',
  MISSING = 'missing',
  INSERTED = 'inserted',
  REORDERED = 'reordered',
  TRUNCATED = 'truncated',
  REWRITTEN = 'rewritten',
}
registerEnumType(AuditProblemEnum, { name: 'AuditProblem', description: 'Why verification failed' });

@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID, { description: 'Position in the hash chain (seq)' })
  seq: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field({ description: "Subject of the verified token, or 'anonymous'" })
  actor: string;

  @Field(() => [String])
  roles: string[];

  @Field(() => String, { nullable: true })
  institution: string | null;

  @Field({
    description:
      'e.g. "graphql:query beacon", "rest:GET /api/g_variants", "cli:ingest", "access.approve", "decrypt", "audit.search" (docs/audit.md lists them all)',
  })
  action: string;

  @Field(() => String, { nullable: true })
  resource: string | null;

  @Field(() => [String])
  datasetIds: string[];

  @Field(() => String, { nullable: true, description: 'Granularity returned (boolean, count, record)' })
  granularity: string | null;

  @Field(() => AuditOutcomeEnum)
  outcome: AuditOutcomeEnum;

  @Field(() => String, { nullable: true, description: 'Reason code of a refusal or error' })
  reason: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "This node's id of the request (the client's own id, if it sent one, is detail.clientRequestId)",
  })
  requestId: string | null;

  @Field({
    description: 'Whitelisted detail as a JSON object string (never genotypes, tokens or keys)',
    deprecationReason: 'Use details (the same object as JSON, not in a string)',
  })
  detail: string;

  @Field(() => GraphQLJSON, {
    description: 'Whitelisted detail, a JSON object (never genotypes, tokens or keys)',
  })
  details: Record<string, unknown>;

  @Field()
  prevHash: string;

  @Field()
  hash: string;
}

@ObjectType('AuditEventPage')
export class AuditEventPageModel {
  @Field(() => [AuditEventModel])
  events: AuditEventModel[];

  @Field(() => PageInfoModel, { description: 'Whether an older page follows, and the cursor to ask after' })
  pageInfo: PageInfoModel;

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next (older) page',
    deprecationReason: 'Use pageInfo { hasNextPage endCursor }',
  })
  endCursor: string | null;
}

@InputType('AuditEventFilter')
export class AuditEventFilterInput {
  @Field({
    nullable: true,
    description: "A user name (e.g. alice) or the actor's subject as events record it (a local user's id)",
  })
  actor?: string;

  @Field({ nullable: true, description: "This node's request id (the x-request-id response header)" })
  requestId?: string;

  @Field({
    nullable: true,
    description: 'The request id the client or the asking peer node sent (detail.clientRequestId)',
  })
  clientRequestId?: string;

  @Field({ nullable: true })
  datasetId?: string;

  @Field({ nullable: true })
  action?: string;

  @Field(() => AuditOutcomeEnum, { nullable: true })
  outcome?: AuditOutcomeEnum;

  @Field(() => GraphQLISODateTime, { nullable: true })
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  to?: Date;
}

@ObjectType('AuditIntegrity')
export class AuditIntegrityModel {
  @Field()
  ok: boolean;

  @Field()
  message: string;

  @Field(() => String, { nullable: true, description: 'The first bad event' })
  firstBadSeq: string | null;

  @Field(() => AuditProblemEnum, { nullable: true })
  problem: AuditProblemEnum | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a rewritten chain: the bad event is at or after this seq',
  })
  suspectFromSeq: string | null;

  @Field(() => String, { nullable: true })
  lastSeq: string | null;

  @Field(() => Int)
  eventsChecked: number;

  @Field(() => Int)
  checkpointsVerified: number;

  @Field(() => Int)
  rowsPerSecond: number;
}

@ObjectType('AuditAlert')
export class AuditAlertModel {
  @Field()
  actor: string;

  @Field(() => Int)
  count: number;

  @Field(() => Int)
  baseline: number;

  @Field(() => Int)
  windowSeconds: number;

  @Field(() => GraphQLISODateTime)
  firstAt: Date;

  @Field(() => GraphQLISODateTime)
  lastAt: Date;
}

@ObjectType('ParticipantAccess')
export class ParticipantAccessModel {
  @Field(() => ID)
  seq: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field()
  actor: string;

  @Field(() => String, { nullable: true })
  institution: string | null;

  @Field()
  action: string;

  @Field(() => String, { nullable: true, description: "The grant's research purpose" })
  purpose: string | null;

  @Field(() => Int, { nullable: true })
  individualCount: number | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;
}

@ObjectType('ParticipantAccessPage', { description: 'A page of decryptions, newest first' })
export class ParticipantAccessPageModel {
  @Field(() => [ParticipantAccessModel])
  accesses: ParticipantAccessModel[];

  @Field(() => PageInfoModel, {
    description: 'Whether an older page follows, and the cursor (a seq) to ask after',
  })
  pageInfo: PageInfoModel;
}
