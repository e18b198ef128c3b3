import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NotificationPreferences', { description: "The caller's notification preferences" })
export class NotificationPreferencesModel {
  @Field(() => String, { nullable: true, description: 'Where e-mails go; none are sent without it' })
  email: string | null;

  @Field({ description: 'E-mail on or off' })
  emailEnabled: boolean;

  @Field(() => [String], { description: 'The event types e-mailed (see notificationEventTypes)' })
  events: string[];
}

@InputType()
export class NotificationPreferencesInput {
  @Field(() => String, { nullable: true, description: 'An address, or null to remove it' })
  email?: string | null;

  @Field({ nullable: true })
  emailEnabled?: boolean;

  @Field(() => [String], { nullable: true })
  events?: string[];
}

@ObjectType('NotificationDelivery', { description: 'One e-mail or webhook POST of a notification event' })
export class NotificationDeliveryModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'request.submitted, grant.expiring, …' })
  type: string;

  @Field(() => ID, { nullable: true })
  requestId: string | null;

  @Field(() => String, { nullable: true })
  datasetId: string | null;

  @Field({ description: 'email or webhook' })
  channel: string;

  @Field({ description: 'The e-mail address or webhook URL' })
  target: string;

  @Field(() => String, { nullable: true, description: 'issuer#subject of the person e-mailed' })
  recipient: string | null;

  @Field({ description: 'PENDING, SENDING, SENT or DEAD (dead-lettered after the last attempt)' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => GraphQLISODateTime)
  nextAttemptAt: Date;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  sentAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}
