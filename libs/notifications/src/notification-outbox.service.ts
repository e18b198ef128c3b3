import { Injectable } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import type { EntityManager } from 'typeorm';
import {
  isNotificationEventType,
  safeFacts,
  type NotificationEvent,
  type NotificationRecipient,
} from './notification-events';

/** The comma list HELIXGATE_WEBHOOK_URLS as URLs. */
export function webhookUrls(config: HelixgateConfig): string[] {
  return (config.vars.HELIXGATE_WEBHOOK_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

/** Returned by enqueue: the event's id and how many deliveries were queued (0 ids when deduplicated). */
export interface EnqueueResult {
  eventId: string | null;
  deliveries: number;
}

/**
 * The transactional outbox. `enqueue(manager, event)` is called with the EntityManager of the transaction
 * that makes the change being reported (a decision, a revocation, an expiry, a vote): the event and its
 * deliveries are committed with that change or not at all, so a notification is never sent for something
 * that did not happen and never lost for something that did. Delivery happens later, in
 * NotificationDeliveryWorker, with retries.
 *
 * Deliveries: one e-mail per recipient who has an address, e-mail on and the event type selected in their
 * preferences (and only when HELIXGATE_SMTP_URL is set); one webhook POST per HELIXGATE_WEBHOOK_URLS entry.
 */
@Injectable()
export class NotificationOutbox {
  constructor(private readonly config: HelixgateConfig) {}

  async enqueue(manager: EntityManager, event: NotificationEvent): Promise<EnqueueResult> {
    if (!isNotificationEventType(event.type))
      throw new Error(`unknown notification event ${String(event.type)}`);
    const facts = safeFacts(event);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notification_event (type, request_id, dataset_id, payload, dedup_key)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [
        event.type,
        facts.requestId && isUuid(facts.requestId) ? facts.requestId : null,
        facts.datasetId ?? null,
        JSON.stringify(facts),
        event.dedupKey ?? null,
      ],
    );
    if (!inserted.length) return { eventId: null, deliveries: 0 };
    const eventId = String(inserted[0].id);
    let deliveries = 0;
    if (this.config.vars.HELIXGATE_SMTP_URL) {
      for (const { address, recipient } of await this.emailTargets(manager, event.type, event.recipients)) {
        deliveries += await this.addDelivery(manager, eventId, 'email', address, recipient);
      }
    }
    if (this.config.vars.HELIXGATE_WEBHOOK_SECRET) {
      for (const url of webhookUrls(this.config)) {
        deliveries += await this.addDelivery(manager, eventId, 'webhook', url, null);
      }
    }
    return { eventId, deliveries };
  }

  /** The stewards of a dataset, as recipients (read in the caller's transaction). */
  async stewardsOf(manager: EntityManager, datasetId: string): Promise<NotificationRecipient[]> {
    return manager.query(`SELECT issuer, subject FROM dataset_steward WHERE dataset_id = $1`, [datasetId]);
  }

  private async emailTargets(
    manager: EntityManager,
    type: string,
    recipients: NotificationRecipient[],
  ): Promise<{ address: string; recipient: string }[]> {
    const unique = new Map(recipients.map((r) => [`${r.issuer}#${r.subject}`, r]));
    if (!unique.size) return [];
    const rows: { issuer: string; subject: string; email: string }[] = await manager.query(
      `SELECT issuer, subject, email FROM notification_preference
        WHERE (issuer, subject) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          AND email IS NOT NULL AND email_enabled AND (events IS NULL OR $3 = ANY(events))`,
      [[...unique.values()].map((r) => r.issuer), [...unique.values()].map((r) => r.subject), type],
    );
    return rows.map((r) => ({ address: r.email, recipient: `${r.issuer}#${r.subject}` }));
  }

  private async addDelivery(
    manager: EntityManager,
    eventId: string,
    channel: 'email' | 'webhook',
    target: string,
    recipient: string | null,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification_delivery (event_id, channel, target, recipient)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
      [eventId, channel, target, recipient],
    );
    return rows.length;
  }
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
