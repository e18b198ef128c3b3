import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AuditBucketEnum {
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(AuditBucketEnum, { name: 'AuditBucket', description: 'Width of an activity bucket' });

@ObjectType('AuditActivityBucket', { description: 'Events in one hour or day, by outcome' })
export class AuditActivityBucketModel {
  @Field(() => GraphQLISODateTime, { description: 'Start of the bucket (UTC)' })
  start: Date;
  @Field(() => Int)
  allow: number;
  @Field(() => Int)
  deny: number;
  @Field(() => Int)
  error: number;
  @Field(() => Int, { description: 'Decryptions of genotypes or sample ids (record-level answers)' })
  decryptions: number;
}

@ObjectType('AuditActorCount')
export class AuditActorCountModel {
  @Field({ description: 'Token subject, or anonymous' })
  actor: string;
  @Field(() => String, { nullable: true })
  institution: string | null;
  @Field(() => Int)
  events: number;
  @Field(() => Int, { description: 'Of which refused' })
  denied: number;
}

@ObjectType('AuditReasonCount')
export class AuditReasonCountModel {
  @Field({ description: 'The refusal code (FORBIDDEN, RATE_LIMITED, …)' })
  reason: string;
  @Field(() => Int)
  count: number;
}

@ObjectType('AuditActivity', { description: 'Aggregates of the audit trail over a time range (compliance)' })
export class AuditActivityModel {
  @Field(() => GraphQLISODateTime)
  from: Date;
  @Field(() => GraphQLISODateTime)
  to: Date;
  @Field(() => AuditBucketEnum)
  bucket: AuditBucketEnum;
  @Field(() => [AuditActivityBucketModel], { description: 'Only buckets with events, oldest first' })
  buckets: AuditActivityBucketModel[];
  @Field(() => [AuditActorCountModel], { description: 'The ten most active actors' })
  topActors: AuditActorCountModel[];
  @Field(() => [AuditReasonCountModel], { description: 'Refused requests by reason' })
  refusals: AuditReasonCountModel[];
}
