import { Args, GraphQLISODateTime, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, type Caller } from '@helixgate/common';
import { AuditActivityService } from './audit-activity.service';
import { AuditActivityModel, AuditBucketEnum } from './models/audit-activity.models';

/** Compliance: the activity plots' data, in one round trip. */
@Resolver(() => AuditActivityModel)
export class AuditActivityResolver {
  constructor(private readonly activity: AuditActivityService) {}

  @Query(() => AuditActivityModel, {
    description: 'Events per hour or day by outcome, decryptions, top actors and refusals over [from, to)',
  })
  async auditActivity(
    @CurrentCaller() caller: Caller,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('bucket', { type: () => AuditBucketEnum, defaultValue: AuditBucketEnum.HOUR })
    bucket: AuditBucketEnum,
  ): Promise<AuditActivityModel> {
    const a = await this.activity.activity(caller, from, to, bucket);
    return { ...a, bucket: a.bucket as AuditBucketEnum };
  }
}
