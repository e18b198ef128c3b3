import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { NotificationOutbox } from '@helixgate/notifications';
import { DataSource } from 'typeorm';
import { actorOf, effectiveStatus, AccessRequestService } from './access-request.service';
import type { AccessRequestEntity } from './access-request.entity';
import { AccessRequestRepository } from './access-request.repository';

export const CLOSE_OUT_KINDS = ['FINAL_REPORT', 'DELETION_ATTESTATION'] as const;
export type CloseOutKind = (typeof CLOSE_OUT_KINDS)[number];

export interface CloseOutRecord {
  kind: CloseOutKind;
  statement: string;
  recordedBy: string;
  recordedAt: Date;
}

/** HELIXGATE_GRANT_REMINDER_DAYS as distinct positive days, nearest first. */
export function reminderDays(config: HelixgateConfig): number[] {
  return [
    ...new Set(
      config.vars.HELIXGATE_GRANT_REMINDER_DAYS.split(',')
        .map((d) => Number(d.trim()))
        .filter((d) => Number.isInteger(d) && d > 0),
    ),
  ].sort((a, b) => a - b);
}

/**
 * What happens to a grant after approval, besides its end (AccessRequestService.recordExpiries):
 * reminders before it ends, a renewal request linked to it, and the project close-out.
 */
@Injectable()
export class GrantLifecycleService {
  private readonly logger = new Logger('Access');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: AccessRequestService,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly config: HelixgateConfig,
    private readonly requestRows: AccessRequestRepository,
  ) {}

  /**
   * Queues the reminders that are due: for each configured day d (nearest first), every active grant ending
   * within d days that has had no reminder for d or a nearer day gets one (`grant.expiring`, to the
   * researcher). A `grant_reminder` row per (grant, day), inserted in the same transaction as the outbox
   * entry, makes each reminder happen once, whatever process sweeps; a grant approved with 5 days left gets
   * only the 7-day reminder, not the 30-day one as well. Returns how many were queued.
   */
  async sendReminders(): Promise<number> {
    const days = reminderDays(this.config);
    if (!days.length) return 0;
    return this.dataSource.transaction(async (tx) => {
      let queued = 0;
      for (const d of days) {
        const rows = await this.requestRows.claimDueReminders(tx, d);
        for (const r of rows) {
          await this.outbox.enqueue(tx, {
            type: 'grant.expiring',
            requestId: r.id,
            datasetId: r.dataset_id,
            state: 'APPROVED',
            expiresAt: r.expires_at.toISOString(),
            daysLeft: Math.max(1, Math.ceil((r.expires_at.getTime() - Date.now()) / 86_400_000)),
            recipients: [{ issuer: r.researcher_issuer, subject: r.researcher_subject }],
            dedupKey: `grant.expiring:${r.id}:${d}`,
          });
          await tx.query(
            `INSERT INTO access_request_event (request_id, actor, action, from_state, to_state, note)
             VALUES ($1, 'system', 'remind', 'APPROVED', 'APPROVED', $2)`,
            [r.id, `reminder: the grant ends on ${r.expires_at.toISOString()} (${d}-day reminder)`],
          );
          queued++;
        }
      }
      if (queued) this.logger.log({ reminders: queued }, `queued ${queued} grant reminder(s)`);
      return queued;
    });
  }

  /** The reminder days already sent for a grant. */
  async remindersSent(requestId: string): Promise<number[]> {
    const rows: { days: number }[] = await this.dataSource.query(
      'SELECT days FROM grant_reminder WHERE request_id = $1 ORDER BY days DESC',
      [requestId],
    );
    return rows.map((r) => Number(r.days));
  }

  /**
   * A renewal: a new request for the same dataset, project and purpose (the justification may be updated),
   * linked to the grant it renews, which keeps its history and stays in force until its own end. Only the
   * researcher of an approved grant (active or ended) may ask; one open request at a time.
   */
  async requestRenewal(caller: Caller, id: string, justification?: string): Promise<AccessRequestEntity> {
    const original = await this.requests.get(caller, id);
    this.assertResearcher(caller, original, 'renew');
    const status = effectiveStatus(original);
    if (status !== 'APPROVED' && status !== 'EXPIRED') {
      throw new DomainError('CONFLICT', `access request ${id} is ${status}: only a grant can be renewed`);
    }
    return this.requests.submit(
      caller,
      {
        datasetId: original.datasetId,
        projectTitle: original.projectTitle,
        justification: justification?.trim() || original.justification,
        ethicsRef: original.ethicsRef,
        purpose: original.purpose,
      },
      { renewalOf: original.id },
    );
  }

  /** The request a renewal renews, and the renewals of a request (oldest first). */
  renewalOf(requestId: string): Promise<string | null> {
    return this.requestRows.findRenewalOf(requestId);
  }

  renewals(requestId: string): Promise<string[]> {
    return this.requestRows.findRenewals(requestId);
  }

  /**
   * The project close-out: the researcher records a final report or an attestation that every copy of the
   * data obtained under the grant is deleted, once, after the grant has ended (expired, revoked, or given up
   * by withdrawing it). Recorded in the request's history, audited (`access.closeout`) and told to the
   * dataset's stewards (`closeout.recorded`), all in one transaction.
   */
  closeOut(caller: Caller, id: string, kind: string, statement: string): Promise<CloseOutRecord> {
    // refused or failed, its audit event names the dataset and the request
    return this.requests.namingRequest(id, () => this.closeOutStep(caller, id, kind, statement));
  }

  private async closeOutStep(
    caller: Caller,
    id: string,
    kind: string,
    statement: string,
  ): Promise<CloseOutRecord> {
    if (!(CLOSE_OUT_KINDS as readonly string[]).includes(kind)) {
      throw new DomainError('BAD_REQUEST', `kind must be one of ${CLOSE_OUT_KINDS.join(', ')}`);
    }
    const text = statement?.trim() ?? '';
    if (text.length < 20) {
      throw new DomainError('BAD_REQUEST', 'a close-out needs a statement of at least 20 characters');
    }
    if (text.length > 20_000)
      throw new DomainError('BAD_REQUEST', 'the statement is longer than 20,000 characters');
    await this.requests.recordExpiries();
    const r = await this.requests.get(caller, id);
    this.assertResearcher(caller, r, 'close out');
    const status = effectiveStatus(r);
    const ended =
      status === 'EXPIRED' || status === 'REVOKED' || (status === 'WITHDRAWN' && r.visaJti !== null);
    if (!ended) {
      throw new DomainError(
        'CONFLICT',
        `access request ${id} is ${status}: a close-out is recorded once the grant has ended (expired, revoked, or withdrawn)`,
      );
    }
    return this.dataSource.transaction(async (tx) => {
      const inserted: { recorded_at: Date }[] = await tx.query(
        `INSERT INTO access_closeout (request_id, kind, statement, recorded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING recorded_at`,
        [r.id, kind, text, actorOf(caller)],
      );
      if (!inserted.length) {
        throw new DomainError('CONFLICT', `access request ${id} is already closed out`);
      }
      await tx.query(
        `INSERT INTO access_request_event (request_id, actor, action, from_state, to_state, note)
         VALUES ($1, $2, 'close_out', $3, $3, $4)`,
        [r.id, actorOf(caller), status, `close-out recorded: ${kind}`],
      );
      await this.audit.recordFor(
        caller,
        {
          action: 'access.closeout',
          resource: `access_request:${r.id}`,
          datasetIds: [r.datasetId],
          outcome: 'allow',
          detail: {
            accessRequestId: r.id,
            grantId: r.visaJti ?? r.id,
            researcher: `${r.researcherIssuer}#${r.researcherSubject}`,
            fromState: status,
            toState: status,
            closeOutKind: kind,
          },
        },
        tx,
      );
      await this.outbox.enqueue(tx, {
        type: 'closeout.recorded',
        requestId: r.id,
        datasetId: r.datasetId,
        state: status,
        closeOutKind: kind,
        recipients: await this.outbox.stewardsOf(tx, r.datasetId),
      });
      return {
        kind: kind as CloseOutKind,
        statement: text,
        recordedBy: actorOf(caller),
        recordedAt: inserted[0].recorded_at,
      };
    });
  }

  async closeOutOf(requestId: string): Promise<CloseOutRecord | null> {
    const rows: { kind: CloseOutKind; statement: string; recorded_by: string; recorded_at: Date }[] =
      await this.dataSource.query(
        'SELECT kind, statement, recorded_by, recorded_at FROM access_closeout WHERE request_id = $1',
        [requestId],
      );
    const c = rows[0];
    return c
      ? { kind: c.kind, statement: c.statement, recordedBy: c.recorded_by, recordedAt: c.recorded_at }
      : null;
  }

  private assertResearcher(caller: Caller, r: AccessRequestEntity, what: string): void {
    if (r.researcherIssuer !== caller.issuer || r.researcherSubject !== caller.subject) {
      throw new DomainError('FORBIDDEN', `only the researcher a grant was given to can ${what} it`);
    }
  }
}
