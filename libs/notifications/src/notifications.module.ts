import { Module } from '@nestjs/common';
import { AuditModule } from '@helixgate/audit';
import { IdentityModule } from '@helixgate/identity';
import { NotificationAdminService } from './notification-admin.service';
import { NotificationDeliveryWorker } from './notification-delivery.worker';
import { NotificationOutbox } from './notification-outbox.service';
import { NotificationsResolver } from './notifications.resolver';

/** The outbox (enqueue in a domain transaction), preferences and the operator's view of deliveries. */
@Module({
  imports: [AuditModule, IdentityModule],
  providers: [NotificationOutbox, NotificationAdminService, NotificationsResolver],
  exports: [NotificationOutbox, NotificationAdminService],
})
export class NotificationsModule {}

/** The delivery worker: imported by the gateway only (the CLI enqueues, and never sends). */
@Module({
  providers: [NotificationDeliveryWorker],
  exports: [NotificationDeliveryWorker],
})
export class NotificationDeliveryModule {}
