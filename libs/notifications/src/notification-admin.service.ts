import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { DataSource } from 'typeorm';
import {
  isNotificationEventType,
  NOTIFICATION_EVENT_TYPES,
  type NotificationEventType,
} from './notification-events';
import { returnedRows } from '@helixgate/db';

export const DELIVERY_STATUSES = ['PENDING', 'SENDING', 'SENT', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryView {
  id: string;
  eventId: string;
  type: string;
  requestId: string | null;
  datasetId: string | null;
  channel: 'email' | 'webhook';
  target: string;
  recipient: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export interface NotificationPreferences {
  email: string | null;
  emailEnabled: boolean;
  /** The event types e-mailed; every type when the user never chose. */
  events: NotificationEventType[];
}

const EMAIL =
  /^[^\s@<>(),;:"[\]]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$|^[^\s@<>(),;:"[\]]{1,64}@localhost$/;

/** The operator's view of the outbox (dead-letter list, retry) and each user's preferences. */
@Injectable()
export class NotificationAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Deliveries, newest first (admin only). */
  async list(
    caller: Caller,
    filter: { status?: string; requestId?: string; limit?: number } = {},
  ): Promise<DeliveryView[]> {
    this.assertOperator(caller);
    if (filter.status && !(DELIVERY_STATUSES as readonly string[]).includes(filter.status)) {
      throw new DomainError('BAD_REQUEST', `status must be one of ${DELIVERY_STATUSES.join(', ')}`);
    }
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.id, d.event_id, e.type, e.request_id, e.dataset_id, d.channel, d.target, d.recipient,
              d.status, d.attempts, d.next_attempt_at, d.last_error, d.sent_at, d.created_at
         FROM notification_delivery d JOIN notification_event e ON e.id = d.event_id
        WHERE ($1::text IS NULL OR d.status = $1) AND ($2::uuid IS NULL OR e.request_id = $2)
        ORDER BY d.id DESC LIMIT ${limit}`,
      [filter.status ?? null, filter.requestId && isUuid(filter.requestId) ? filter.requestId : null],
    );
    return rows.map(toView);
  }

  /**
   * Puts dead (or pending) deliveries back in the queue with a fresh attempt count, due now (admin only,
   * audited `notifications.retry`). `ids` empty = every DEAD delivery. Returns the ids requeued.
   */
  async retry(caller: Caller, ids: string[]): Promise<string[]> {
    this.assertOperator(caller);
    if (ids.some((id) => !/^\d{1,18}$/.test(id)))
      throw new DomainError('BAD_REQUEST', 'delivery ids are numbers');
    return this.dataSource.transaction(async (tx) => {
      const raw: unknown = await tx.query(
        ids.length
          ? `UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(),
                    claimed_until = NULL, claimed_by = NULL
              WHERE id = ANY($1::bigint[]) AND status IN ('DEAD', 'PENDING') RETURNING id`
          : `UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(),
                    claimed_until = NULL, claimed_by = NULL
              WHERE status = 'DEAD' RETURNING id`,
        ids.length ? [ids] : [],
      );
      const rows = returnedRows<{ id: string }>(raw);
      const done = rows.map((r) => String(r.id));
      const missing = ids.filter((id) => !done.includes(id));
      if (missing.length) {
        throw new DomainError(
          'NOT_FOUND',
          `no dead or pending delivery ${missing.join(', ')} (sent ones are not sent again)`,
        );
      }
      await this.audit.recordFor(
        caller,
        {
          action: 'notifications.retry',
          resource: 'notification_delivery',
          outcome: 'allow',
          detail: { deliveryIds: done },
        },
        tx,
      );
      return done;
    });
  }

  async preferences(caller: Caller): Promise<NotificationPreferences> {
    const { issuer, subject } = this.person(caller);
    const rows: { email: string | null; email_enabled: boolean; events: string[] | null }[] =
      await this.dataSource.query(
        `SELECT email, email_enabled, events FROM notification_preference WHERE issuer = $1 AND subject = $2`,
        [issuer, subject],
      );
    const r = rows[0];
    return {
      email: r?.email ?? null,
      emailEnabled: r?.email_enabled ?? true,
      events: (r?.events ?? [...NOTIFICATION_EVENT_TYPES]).filter(isNotificationEventType),
    };
  }

  /** Sets the caller's preferences (audited `notifications.preferences`, without the address). */
  async setPreferences(
    caller: Caller,
    input: { email?: string | null; emailEnabled?: boolean; events?: string[] | null },
  ): Promise<NotificationPreferences> {
    const { issuer, subject } = this.person(caller);
    const current = await this.preferences(caller);
    const email = input.email === undefined ? current.email : input.email?.trim() || null;
    if (email && (email.length > 320 || !EMAIL.test(email))) {
      throw new DomainError('BAD_REQUEST', 'email must be a plain address such as name@example.org');
    }
    const events = input.events === undefined || input.events === null ? current.events : input.events;
    const unknown = events.filter((t) => !isNotificationEventType(t));
    if (unknown.length) {
      throw new DomainError(
        'BAD_REQUEST',
        `unknown notification event(s) ${unknown.join(', ')}; known: ${NOTIFICATION_EVENT_TYPES.join(', ')}`,
      );
    }
    const emailEnabled = input.emailEnabled ?? current.emailEnabled;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO notification_preference (issuer, subject, email, email_enabled, events, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (issuer, subject) DO UPDATE
           SET email = EXCLUDED.email, email_enabled = EXCLUDED.email_enabled, events = EXCLUDED.events,
               updated_at = now()`,
        [issuer, subject, email, emailEnabled, [...new Set(events)]],
      );
      await this.audit.recordFor(
        caller,
        {
          action: 'notifications.preferences',
          resource: 'notification_preference',
          outcome: 'allow',
          detail: { emailSet: email !== null, emailEnabled, events: [...new Set(events)] },
        },
        tx,
      );
    });
    return this.preferences(caller);
  }

  private person(caller: Caller): { issuer: string; subject: string } {
    if (!caller.subject || !caller.issuer) {
      throw new DomainError('UNAUTHENTICATED', 'sign in to manage your notifications');
    }
    return { issuer: caller.issuer, subject: caller.subject };
  }

  /** The outbox (addresses, URLs, errors) is for the node's operators: the admin role. */
  private assertOperator(caller: Caller): void {
    if (!caller.subject) throw new DomainError('UNAUTHENTICATED', 'sign in as an administrator');
    if (!caller.roles.includes('admin')) {
      throw new DomainError('FORBIDDEN', 'only an administrator may see or retry notification deliveries');
    }
  }
}

function toView(r: Record<string, unknown>): DeliveryView {
  return {
    id: String(r.id),
    eventId: String(r.event_id),
    type: r.type as string,
    requestId: (r.request_id as string | null) ?? null,
    datasetId: (r.dataset_id as string | null) ?? null,
    channel: r.channel as 'email' | 'webhook',
    target: r.target as string,
    recipient: (r.recipient as string | null) ?? null,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at as Date,
    lastError: (r.last_error as string | null) ?? null,
    sentAt: (r.sent_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
