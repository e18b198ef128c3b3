import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The workflow's domain events, by the audit action each is also recorded under. */
export type AccessDomainEventType =
  | 'access.submit'
  | 'access.approve'
  | 'access.reject'
  | 'access.return'
  | 'access.resubmit'
  | 'access.withdraw'
  | 'access.revoke'
  | 'access.block'
  | 'access.expire'
  | 'access.review_request'
  | 'access.review_reassign'
  | 'access.vote'
  | 'access.vote_change'
  | 'access.remark'
  | 'access.handler'
  | 'access.researcher_attest';

export interface AccessDomainEvent {
  type: AccessDomainEventType;
  datasetId: string;
  accessRequestId: string;
  /** issuer#subject of who acted (`system` for an expiry). */
  actor: string;
  /** issuer#subject of the applicant. */
  researcher: string;
  /** issuer#subject of people the event is addressed to beyond the applicant (reviewers asked, the handler). */
  recipients: string[];
  /** Whether the applicant may be told (false: votes, internal remarks, review assignments). */
  applicantVisible: boolean;
  /** No genetic data, no tokens: states, vote choice, remark text. */
  detail: Record<string, unknown>;
}

export type AccessDomainEventListener = (tx: EntityManager, event: AccessDomainEvent) => Promise<void>;

/**
 * In-transaction hook on the access workflow's domain events: every listener runs inside the transaction that
 * makes the change (after its audit event is written), so a row a listener inserts — a notification outbox
 * entry — exists exactly when the change was committed. A listener that throws rolls the change back.
 * Listeners must use `tx` only (on the embedded database another connection would wait for this one).
 */
@Injectable()
export class AccessDomainEvents {
  private readonly listeners: AccessDomainEventListener[] = [];

  subscribe(listener: AccessDomainEventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  async emit(tx: EntityManager, event: AccessDomainEvent): Promise<void> {
    for (const l of this.listeners) await l(tx, event);
  }
}
