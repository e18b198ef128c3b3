import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  NotificationOutbox,
  type NotificationEventType,
  type NotificationRecipient,
} from '@helixgate/notifications';
import type { EntityManager } from 'typeorm';
import { AccessDomainEvents, type AccessDomainEvent, type AccessDomainEventType } from './access-events';

type Audience = 'stewards' | 'researcher' | 'recipients';

/** Which notifications each workflow event queues, and for whom (block rides with its revocation). */
const NOTIFY: Partial<Record<AccessDomainEventType, { type: NotificationEventType; to: Audience[] }[]>> = {
  'access.submit': [{ type: 'request.submitted', to: ['stewards', 'recipients'] }],
  'access.resubmit': [{ type: 'request.submitted', to: ['stewards', 'recipients'] }],
  'access.return': [{ type: 'request.returned', to: ['researcher'] }],
  'access.approve': [{ type: 'request.approved', to: ['researcher'] }],
  'access.reject': [{ type: 'request.rejected', to: ['researcher'] }],
  'access.withdraw': [{ type: 'request.withdrawn', to: ['stewards', 'recipients'] }],
  'access.revoke': [
    { type: 'grant.revoked', to: ['researcher'] },
    { type: 'closeout.due', to: ['researcher'] },
  ],
  'access.expire': [
    { type: 'grant.expired', to: ['researcher'] },
    { type: 'closeout.due', to: ['researcher'] },
  ],
  'access.review_request': [{ type: 'review.requested', to: ['recipients'] }],
  'access.review_reassign': [{ type: 'review.requested', to: ['recipients'] }],
  'access.vote': [{ type: 'vote.cast', to: ['recipients'] }],
  'access.vote_change': [{ type: 'vote.cast', to: ['recipients'] }],
};

/** `issuer#subject` → a recipient (an issuer URL has no `#`). */
export function recipientOf(ref: string): NotificationRecipient | null {
  const i = ref.indexOf('#');
  return i > 0 && i < ref.length - 1 ? { issuer: ref.slice(0, i), subject: ref.slice(i + 1) } : null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Turns the access workflow's domain events into notifications, in the event's own transaction (the outbox
 * commits with the change, or not at all). Only ids, states, dates and a vote's choice go in: never the
 * justification, a note, a rationale or a visa.
 */
@Injectable()
export class AccessNotifications implements OnModuleInit {
  constructor(
    private readonly events: AccessDomainEvents,
    private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((tx, e) => this.onEvent(tx, e));
  }

  async onEvent(tx: EntityManager, e: AccessDomainEvent): Promise<void> {
    for (const { type, to } of NOTIFY[e.type] ?? []) {
      const recipients: NotificationRecipient[] = [];
      if (to.includes('stewards')) recipients.push(...(await this.outbox.stewardsOf(tx, e.datasetId)));
      if (to.includes('researcher'))
        recipients.push(...[recipientOf(e.researcher)].filter((r) => r !== null));
      if (to.includes('recipients')) {
        recipients.push(
          ...e.recipients.map(recipientOf).filter((r): r is NotificationRecipient => r !== null),
        );
      }
      await this.outbox.enqueue(tx, {
        type,
        requestId: e.accessRequestId,
        datasetId: e.datasetId,
        state: str(e.detail.toState) ?? str(e.detail.state),
        expiresAt: str(e.detail.expiresAt),
        renewalOf: str(e.detail.renewalOf),
        closeOutKind: str(e.detail.closeOutKind),
        vote: str(e.detail.vote),
        recipients,
        // a grant ends once: however many sweeps see it, its notifications are queued once
        dedupKey: e.type === 'access.expire' ? `${type}:${e.accessRequestId}` : undefined,
      });
    }
  }
}
