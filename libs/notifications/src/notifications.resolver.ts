import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '@helixgate/common';
import { CurrentCaller } from '@helixgate/common';
import { NotificationAdminService } from './notification-admin.service';
import { NOTIFICATION_EVENT_TYPES } from './notification-events';
import {
  NotificationDeliveryModel,
  NotificationPreferencesInput,
  NotificationPreferencesModel,
} from './notifications.models';

/** Notification preferences (every signed-in user) and the outbox (administrators). */
@Resolver()
export class NotificationsResolver {
  constructor(private readonly admin: NotificationAdminService) {}

  @Query(() => [String], {
    description: 'Every notification event type, in the order the console lists them',
  })
  notificationEventTypes(): string[] {
    return [...NOTIFICATION_EVENT_TYPES];
  }

  @Query(() => NotificationPreferencesModel, { description: "The caller's notification preferences" })
  myNotificationPreferences(@CurrentCaller() caller: Caller): Promise<NotificationPreferencesModel> {
    return this.admin.preferences(caller);
  }

  @Mutation(() => NotificationPreferencesModel, {
    description: "Sets the caller's e-mail address, e-mail on/off and the event types e-mailed",
  })
  setNotificationPreferences(
    @CurrentCaller() caller: Caller,
    @Args('input') input: NotificationPreferencesInput,
  ): Promise<NotificationPreferencesModel> {
    return this.admin.setPreferences(caller, input);
  }

  @Query(() => [NotificationDeliveryModel], {
    description: 'Notification deliveries, newest first (administrators); status DEAD = the dead-letter list',
  })
  notificationDeliveries(
    @CurrentCaller() caller: Caller,
    @Args('status', { type: () => String, nullable: true }) status?: string,
    @Args('requestId', { type: () => ID, nullable: true }) requestId?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ): Promise<NotificationDeliveryModel[]> {
    return this.admin.list(caller, { status, requestId, limit });
  }

  @Mutation(() => [ID], {
    description:
      'Queues dead deliveries again with a fresh attempt count (administrators); no ids = all dead',
  })
  retryNotificationDeliveries(
    @CurrentCaller() caller: Caller,
    @Args('ids', { type: () => [ID], nullable: true }) ids?: string[],
  ): Promise<string[]> {
    return this.admin.retry(caller, ids ?? []);
  }
}
