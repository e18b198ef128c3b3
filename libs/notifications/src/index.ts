/**
 * @helixgate/notifications — notifications that are never lost.
 *
 * - `NotificationOutbox.enqueue(manager, event)`: written in the transaction of the change it reports.
 * - `NotificationDeliveryWorker`: e-mail (SMTP, nodemailer) and signed webhooks, retries with backoff,
 *   dead-letter after HELIXGATE_NOTIFY_MAX_ATTEMPTS; safe with several gateway processes.
 * - `NotificationAdminService`: preferences per user; the operator's list and retry.
 * - `verifyWebhook`: what a webhook receiver runs to check a delivery's signature.
 */
export { type NotificationEventType, type NotificationRecipient } from './notification-events';
export { NotificationOutbox } from './notification-outbox.service';
export { NotificationDeliveryWorker } from './notification-delivery.worker';
export { type DeliveryView, NotificationAdminService } from './notification-admin.service';
export { verifyWebhook } from './webhook-signature';
export { NotificationDeliveryModule, NotificationsModule } from './notifications.module';
