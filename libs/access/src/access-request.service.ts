import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@helixgate/audit';
import { DomainError, pageSizeOf, type Caller } from '@helixgate/common';
import { ConsentService, type ConsentMatch, type ResearchPurposeInputShape } from '@helixgate/consent';
import { NodeKeyService } from '@helixgate/identity';
import { DatasetService } from '@helixgate/variants';
import { DataSource, type EntityManager } from 'typeorm';
import { AbilityFactory } from './ability.factory';
import type { SqlPredicate } from './sql-conditions';
import { AccessDomainEvents } from './access-events';
import {
  AccessRequestEntity,
  AccessRequestEventEntity,
  type EventVisibility,
  type RequestState,
  type ResearcherStatusRecord,
} from './access-request.entity';
import { AccessRequestRepository, type AccessRequestFilter } from './access-request.repository';
import { CommitteeGate } from './committee-gate.service';
import { EntitlementService } from './entitlement.service';

export interface SubmitAccessRequest {
  datasetId: string;
  projectTitle: string;
  justification: string;
  ethicsRef?: string | null;
  purpose: ResearchPurposeInputShape;
}

/** The longest grant a steward may give in one approval. */
export const MAX_GRANT_DAYS = 3 * 365;

type Transition = 'approve' | 'reject' | 'return' | 'resubmit' | 'withdraw' | 'revoke';

/** The audit action of each access-workflow event (docs/audit.md lists what each records). */
export const ACCESS_AUDIT_ACTIONS = {
  submit: 'access.submit',
  approve: 'access.approve',
  reject: 'access.reject',
  return: 'access.return',
  resubmit: 'access.resubmit',
  withdraw: 'access.withdraw',
  revoke: 'access.revoke',
  block: 'access.block',
  expire: 'access.expire',
} as const;

/** The actor of events no person caused (a grant reaching its end date). */
export const SYSTEM_ACTOR = 'system';

/** Which states each transition leaves from, and where it goes. */
const TRANSITIONS: Record<Transition, { from: RequestState[]; to: RequestState }> = {
  approve: { from: ['SUBMITTED'], to: 'APPROVED' },
  reject: { from: ['SUBMITTED'], to: 'REJECTED' },
  return: { from: ['SUBMITTED'], to: 'RETURNED' },
  resubmit: { from: ['RETURNED'], to: 'SUBMITTED' },
  withdraw: { from: ['SUBMITTED', 'RETURNED', 'APPROVED'], to: 'WITHDRAWN' },
  revoke: { from: ['APPROVED'], to: 'REVOKED' },
};

/** A request with its effective status: an APPROVED grant whose end has passed reads EXPIRED. */
export function effectiveStatus(
  r: Pick<AccessRequestEntity, 'state' | 'expiresAt'>,
  now = new Date(),
): RequestState | 'EXPIRED' {
  return r.state === 'APPROVED' && r.expiresAt && r.expiresAt <= now ? 'EXPIRED' : r.state;
}

/**
 * The data-access workflow (modelled on REMS and DUOS): a researcher submits a request with a coded research
 * purpose; it is matched against the dataset's DUO consent; the dataset's steward approves (with an end date),
 * rejects, or returns it for changes; the researcher may resubmit or withdraw; the steward may revoke an
 * approved grant and block the researcher. Every transition is kept in the request's event history, and an
 * approval issues a ControlledAccessGrants visa signed by this node.
 */
@Injectable()
export class AccessRequestService {
  /** The most rows the unpaged `accessRequests` answers (deprecated: accessRequestPage pages them). */
  static readonly LIST_CAP = 500;
  private readonly logger = new Logger('Access');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly abilities: AbilityFactory,
    private readonly consent: ConsentService,
    private readonly datasets: DatasetService,
    private readonly nodeKeys: NodeKeyService,
    private readonly entitlements: EntitlementService,
    private readonly audit: AuditService,
    private readonly gate: CommitteeGate,
    private readonly domainEvents: AccessDomainEvents,
    private readonly requests: AccessRequestRepository,
  ) {}

  /**
   * `renewalOf`: the researcher's approved request this one renews (GrantLifecycleService.requestRenewal):
   * that grant, still active, does not count as an open one, and the new request is linked to it.
   */
  async submit(
    caller: Caller,
    input: SubmitAccessRequest,
    opts: { renewalOf?: string } = {},
  ): Promise<AccessRequestEntity> {
    await this.abilities.assert(caller, 'create', 'AccessRequest', undefined, 'access requests');
    const dataset = await this.datasets.findById(input.datasetId);
    // The request's own event names the dataset asked for (refused or not) when it exists.
    if (dataset) this.audit.annotate({ datasetIds: [dataset.id] });
    if (
      !dataset ||
      !(await this.abilities.can(caller, 'read', 'Dataset', {
        id: dataset.id,
        securityLevel: dataset.securityLevel,
      }))
    ) {
      throw new DomainError('UNKNOWN_DATASET', `dataset "${input.datasetId}" not found or no access`);
    }
    const fields = this.validateText(input);
    const purposeInput = withEthicsRef(input.purpose, fields.ethicsRef);
    const purpose = this.consent.validatePurpose(purposeInput);
    const match = await this.matchConsent(dataset.id, purposeInput);
    return this.dataSource.transaction(async (tx) => {
      await this.assertNotBlocked(tx, caller, dataset.id);
      const open = await this.requests.countOpen(tx, dataset.id, caller, opts.renewalOf ?? null);
      if (open > 0) {
        throw new DomainError(
          'CONFLICT',
          `you already have an open request or an active grant for dataset ${dataset.id}`,
        );
      }
      // Who handles it until a steward says otherwise: the dataset's first steward.
      const stewards: { issuer: string; subject: string }[] = await tx.query(
        'SELECT issuer, subject FROM dataset_steward WHERE dataset_id = $1 ORDER BY assigned_at, subject LIMIT 1',
        [dataset.id],
      );
      const request = tx.getRepository(AccessRequestEntity).create({
        id: randomUUID(),
        datasetId: dataset.id,
        researcherIssuer: caller.issuer!,
        researcherSubject: caller.subject!,
        institution: caller.institution,
        ...fields,
        purpose,
        duoMatch: match,
        state: 'SUBMITTED',
        decidedBy: null,
        decisionNote: null,
        expiresAt: null,
        visaJti: null,
        handler: stewards.length ? `${stewards[0].issuer}#${stewards[0].subject}` : null,
        researcherStatus: researcherStatusOf(caller),
        researcherAttestedBy: null,
        researcherAttestedAt: null,
        researcherAttestationNote: null,
      });
      await this.requests.insert(tx, request, opts.renewalOf);
      await this.event(
        tx,
        request.id,
        caller,
        'submit',
        null,
        'SUBMITTED',
        `DUO match: ${match.outcome}${opts.renewalOf ? `; renews ${opts.renewalOf}` : ''}`,
      );
      await this.recordDecision(tx, caller, 'submit', request, null, 'SUBMITTED', {
        consentMatch: match.outcome,
        ...(opts.renewalOf ? { renewalOf: opts.renewalOf } : {}),
      });
      return request;
    });
  }

  approve(caller: Caller, id: string, expiresAt: Date, note?: string): Promise<AccessRequestEntity> {
    return this.namingRequest(id, () => this.approveStep(caller, id, expiresAt, note));
  }

  private async approveStep(
    caller: Caller,
    id: string,
    expiresAt: Date,
    note?: string,
  ): Promise<AccessRequestEntity> {
    const now = Date.now();
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now) {
      throw new DomainError('BAD_REQUEST', 'an approval needs an expiry in the future');
    }
    if (expiresAt.getTime() > now + MAX_GRANT_DAYS * 86_400_000) {
      throw new DomainError(
        'BAD_REQUEST',
        `a grant may last at most ${MAX_GRANT_DAYS} days; approve again when it ends`,
      );
    }
    return this.transition(caller, id, 'approve', note ?? null, async (tx, r) => {
      // The consent in force now, not the one the request was filed against (the steward may have changed it
      // since): matched again under a share lock on the consent row, so that a consent change waits for this
      // approval (or this approval for it). The request keeps the match its decision was checked against.
      await tx.query('SELECT 1 FROM dataset_consent WHERE dataset_id = $1 FOR SHARE', [r.datasetId]);
      const match = await this.matchConsent(r.datasetId, r.purpose, tx);
      r.duoMatch = match;
      this.audit.annotate({ detail: { consentMatch: match.outcome } });
      if (match.outcome === 'DENY') {
        const why = match.reasons
          .filter((x) => x.verdict === 'DENY')
          .map((x) => `${x.code}: ${x.reason}`)
          .join('; ');
        throw new DomainError(
          'FORBIDDEN',
          `the research purpose is not compatible with the consent of dataset ${r.datasetId}: ${why}`,
        );
      }
      // The committee's rules (quorum, chair, researcher status), under the row lock: nothing changes when refused.
      await this.gate.assertApprovable(tx, caller, r);
      r.expiresAt = expiresAt;
      r.visaJti = r.id;
      // access.approve records the match the approval was checked against
      return { consentMatch: match.outcome };
    });
  }

  reject(caller: Caller, id: string, reason: string): Promise<AccessRequestEntity> {
    return this.namingRequest(id, () => {
      if (!reason?.trim()) throw new DomainError('BAD_REQUEST', 'a rejection needs a reason');
      return this.transition(caller, id, 'reject', reason.trim());
    });
  }

  returnForChanges(caller: Caller, id: string, note: string): Promise<AccessRequestEntity> {
    return this.namingRequest(id, () => {
      if (!note?.trim())
        throw new DomainError('BAD_REQUEST', 'returning a request needs a note saying what to change');
      return this.transition(caller, id, 'return', note.trim());
    });
  }

  resubmit(
    caller: Caller,
    id: string,
    changes: Partial<Omit<SubmitAccessRequest, 'datasetId'>>,
  ): Promise<AccessRequestEntity> {
    return this.namingRequest(id, () => this.resubmitStep(caller, id, changes));
  }

  private async resubmitStep(
    caller: Caller,
    id: string,
    changes: Partial<Omit<SubmitAccessRequest, 'datasetId'>>,
  ): Promise<AccessRequestEntity> {
    // Everything that reads other tables happens before the transaction (one pooled connection on the
    // embedded database); the transition re-checks ability and state under the row lock.
    const current = await this.get(caller, id);
    const fields = this.validateText({
      projectTitle: changes.projectTitle ?? current.projectTitle,
      justification: changes.justification ?? current.justification,
      ethicsRef: changes.ethicsRef === undefined ? current.ethicsRef : changes.ethicsRef,
    });
    // The purpose (changed or not) is matched again: the ethics reference may have changed.
    const purposeInput = withEthicsRef(changes.purpose ?? current.purpose, fields.ethicsRef);
    const purpose = this.consent.validatePurpose(purposeInput);
    const duoMatch = await this.matchConsent(current.datasetId, purposeInput);
    return this.transition(caller, id, 'resubmit', null, async (tx, r) => {
      await this.assertNotBlocked(tx, caller, r.datasetId);
      Object.assign(r, fields, { purpose, duoMatch, researcherStatus: researcherStatusOf(caller) });
      // Votes on the returned version do not carry over to the resubmitted one.
      const votesSetAside = await this.gate.setVotesAsideForResubmission(tx, r.id);
      return votesSetAside ? { votesSetAside } : {};
    });
  }

  withdraw(caller: Caller, id: string): Promise<AccessRequestEntity> {
    return this.namingRequest(id, () => this.transition(caller, id, 'withdraw', null));
  }

  /** Revokes an approved grant at once; with `block`, the researcher cannot request this dataset again. */
  revoke(caller: Caller, id: string, reason: string, block = false): Promise<AccessRequestEntity> {
    return this.namingRequest(id, () => this.revokeStep(caller, id, reason, block));
  }

  private revokeStep(
    caller: Caller,
    id: string,
    reason: string,
    block: boolean,
  ): Promise<AccessRequestEntity> {
    if (!reason?.trim()) throw new DomainError('BAD_REQUEST', 'a revocation needs a reason');
    return this.transition(caller, id, 'revoke', reason.trim(), async (tx, r) => {
      if (block) {
        await tx.query(
          `INSERT INTO access_block (dataset_id, researcher_issuer, researcher_subject, reason, blocked_by)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [r.datasetId, r.researcherIssuer, r.researcherSubject, reason.trim(), actorOf(caller)],
        );
        // (inside the revocation: the grant goes from APPROVED to REVOKED with it)
        await this.recordDecision(tx, caller, 'block', r, r.state, 'REVOKED', { reason: reason.trim() });
      }
    });
  }

  /**
   * A request's purpose matched against the dataset's consent in force now: what `AccessRequest.duoMatch`
   * shows for an open request (SUBMITTED, RETURNED), and what an approval checks again (in its transaction).
   */
  currentMatch(datasetId: string, purpose: ResearchPurposeInputShape): Promise<ConsentMatch> {
    return this.matchConsent(datasetId, purpose);
  }

  /**
   * Runs a workflow step on request `id` so that, when it is refused or fails, the request's audit event names
   * the request's dataset and the request (`accessRequestId`) — also when it failed before the request was read
   * (a blank reason, an expiry in the past, a vote without a rationale). Only the trail learns them: the caller
   * gets the step's own error. An id that names no request names nothing.
   */
  async namingRequest<T>(id: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      // After the step's transaction has ended (the embedded database has one connection).
      const r = isUuid(id) ? await this.requests.findById(id).catch(() => null) : null;
      if (r) this.audit.annotate({ datasetIds: [r.datasetId], detail: { accessRequestId: r.id } });
      throw err;
    }
  }

  /** A request the caller may read (NOT_FOUND "or no access" otherwise). */
  async get(caller: Caller, id: string): Promise<AccessRequestEntity> {
    const r = await this.requests.findById(isUuid(id) ? id : randomUUID());
    if (r) this.audit.annotate({ datasetIds: [r.datasetId], detail: { accessRequestId: r.id } });
    if (!r || !(await this.abilities.can(caller, 'read', 'AccessRequest', fieldsOf(r)))) {
      throw new DomainError('NOT_FOUND', `access request ${id} not found or no access`);
    }
    return r;
  }

  /**
   * Requests the caller may read, filtered in SQL by the caller's ability (no fetch-then-filter), newest
   * first: at most LIST_CAP of them; a longer list is refused with LIST_TOO_LONG (naming accessRequestPage)
   * rather than cut short, so that nobody reads the 500th request as the last one.
   */
  async list(
    caller: Caller,
    filter: { datasetId?: string; states?: readonly string[]; mine?: boolean } = {},
  ): Promise<AccessRequestEntity[]> {
    const [where, f] = await this.listFilter(caller, filter);
    const rows = await this.requests.findVisible(where, f, AccessRequestService.LIST_CAP + 1);
    if (rows.length > AccessRequestService.LIST_CAP) {
      throw new DomainError(
        'LIST_TOO_LONG',
        `more than ${AccessRequestService.LIST_CAP} access requests match: page through them with accessRequestPage`,
        { max: AccessRequestService.LIST_CAP },
      );
    }
    // Who looked at the requests of which dataset: the request's event names them.
    this.audit.annotate({ datasetIds: [...new Set(rows.map((r) => r.datasetId))] });
    return rows;
  }

  /**
   * One page of the requests the caller may see, newest first, keyset-paged on (created_at to the millisecond,
   * id): the cursor names the page's last request, so rows added meanwhile neither repeat nor shift a page.
   * `first` from 1 to 200 (default 50) through pageSizeOf; a malformed cursor is a BAD_REQUEST.
   */
  async listPage(
    caller: Caller,
    filter: { datasetId?: string; states?: readonly string[]; mine?: boolean },
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<{ requests: AccessRequestEntity[]; hasNextPage: boolean; endCursor: string | null }> {
    const size = pageSizeOf(first, 50, 200);
    const [where, f] = await this.listFilter(caller, filter);
    const rows = await this.requests.findVisiblePage(
      where,
      f,
      after ? decodeRequestCursor(after) : null,
      size + 1,
    );
    const page = rows.slice(0, size);
    const hasNextPage = rows.length > size;
    this.audit.annotate({ datasetIds: [...new Set(page.map((r) => r.datasetId))] });
    const last = page[page.length - 1];
    return { requests: page, hasNextPage, endCursor: hasNextPage && last ? encodeRequestCursor(last) : null };
  }

  /** The caller's ability as SQL on alias `r`, and the list filter with `mine` as the caller's identity. */
  private async listFilter(
    caller: Caller,
    filter: { datasetId?: string; states?: readonly string[]; mine?: boolean },
  ): Promise<[SqlPredicate, AccessRequestFilter]> {
    const where = await this.abilities.sqlFilter(caller, 'read', 'AccessRequest', 'r');
    return [
      where,
      {
        datasetId: filter.datasetId,
        states: filter.states,
        researcher: filter.mine ? { issuer: caller.issuer ?? '', subject: caller.subject ?? '' } : undefined,
      },
    ];
  }

  /**
   * The request's timeline, oldest first: every transition, review assignment, vote and remark. Entries
   * marked INTERNAL (votes, internal remarks, review assignments) are left out unless the caller may read the
   * committee's side of the request (`readInternal`: its stewards and committee).
   */
  async history(caller: Caller, id: string): Promise<AccessRequestEventEntity[]> {
    const r = await this.get(caller, id);
    const internal = await this.abilities.can(caller, 'readInternal', 'AccessRequest', fieldsOf(r));
    return this.dataSource.getRepository(AccessRequestEventEntity).find({
      where: internal ? { requestId: id } : { requestId: id, visibility: 'APPLICANT' },
      order: { id: 'ASC' },
    });
  }

  /**
   * The ControlledAccessGrants visa for an approved, unexpired, unrevoked request of the caller's, signed by
   * this node: `sub` = the researcher, `exp` = the grant's end, `jti` = the request id (revocation refuses it).
   */
  async grantVisa(caller: Caller, id: string): Promise<string> {
    const r = await this.get(caller, id);
    if (r.researcherSubject !== caller.subject || r.researcherIssuer !== caller.issuer) {
      throw new DomainError('FORBIDDEN', 'only the researcher a grant was given to can obtain its visa');
    }
    if (effectiveStatus(r) !== 'APPROVED')
      throw new DomainError(
        'FORBIDDEN',
        `access request ${id} is not an active grant (${effectiveStatus(r)})`,
      );
    return this.signVisa(r);
  }

  /** Visas for all of the caller's active grants (the GA4GH-style permissions endpoint). */
  async activeVisas(caller: Caller): Promise<string[]> {
    if (!caller.subject) throw new DomainError('UNAUTHENTICATED', 'sign in to see your permissions');
    const rows = await this.requests.findActiveGrantsOf(caller.issuer, caller.subject);
    // The event of the call (GET /permissions, myPermissions) names each visa handed out, as grantVisa does:
    // its dataset and its grant id (the visa's jti).
    this.audit.annotate({
      datasetIds: [...new Set(rows.map((r) => r.datasetId))],
      detail: { grantIds: rows.map((r) => r.visaJti ?? r.id) },
    });
    return Promise.all(rows.map((r) => this.signVisa(r)));
  }

  private signVisa(r: AccessRequestEntity): Promise<string> {
    return this.nodeKeys.sign(
      {
        ga4gh_visa_v1: {
          type: 'ControlledAccessGrants',
          asserted: Math.floor((r.updatedAt ?? new Date()).getTime() / 1000),
          value: this.entitlements.datasetVisaValue(r.datasetId),
          source: this.nodeKeys.issuer,
          by: 'dac',
        },
      },
      {
        subject: r.researcherSubject,
        expiresIn: Math.floor(r.expiresAt!.getTime() / 1000),
        typ: 'JWT',
        jti: r.id,
      },
    );
  }

  private async transition(
    caller: Caller,
    id: string,
    action: Transition,
    note: string | null,
    /** Changes the request under its row lock; may return detail for the step's audit event. */
    apply?: (tx: EntityManager, r: AccessRequestEntity) => Promise<Record<string, unknown> | void>,
  ): Promise<AccessRequestEntity> {
    // Build the ability before the transaction: on the embedded database the pool has one connection, and a
    // query outside the transaction while it is open would wait for it forever.
    await this.abilities.forCaller(caller);
    // A grant found expired here must have its expiry recorded first (the refusal below says EXPIRED).
    await this.recordExpiries();
    return this.dataSource.transaction(async (tx) => {
      const found = isUuid(id) ? await this.requests.lockById(tx, id) : null;
      // The request's own event (allowed or refused) names the dataset and the access request.
      if (found)
        this.audit.annotate({ datasetIds: [found.datasetId], detail: { accessRequestId: found.id } });
      const r = await this.readableOrNotFound(caller, id, found);
      await this.abilities.assert(
        caller,
        action,
        'AccessRequest',
        fieldsOf(r),
        `access request ${id} of dataset ${r.datasetId}`,
      );
      if (action === 'approve' || action === 'reject' || action === 'return')
        assertNotApplicant(caller, r, action);
      const rule = TRANSITIONS[action];
      const status = effectiveStatus(r);
      if (!rule.from.includes(r.state) || status === 'EXPIRED') {
        throw new DomainError(
          'CONFLICT',
          `cannot ${action} access request ${id}: it is ${status} (allowed from ${rule.from.join(', ')})`,
        );
      }
      const applied = (apply ? await apply(tx, r) : undefined) ?? {};
      const from = r.state;
      r.state = rule.to;
      if (['approve', 'reject', 'return', 'revoke'].includes(action)) {
        r.decidedBy = actorOf(caller);
        r.decisionNote = note;
      }
      await this.requests.save(tx, r);
      await this.event(tx, r.id, caller, action, from, rule.to, note);
      await this.recordDecision(tx, caller, action, r, from, rule.to, {
        ...(note ? { reason: note } : {}),
        ...applied,
      });
      return r;
    });
  }

  /**
   * Refuses a workflow step on a request the caller may not read with NOT_FOUND "not found or no access" (the
   * caller does not learn that it exists); when it does exist, the trail records the attempt as a refusal
   * (`deny`, naming the dataset and the request): a compliance officer or another dataset's steward trying to
   * decide on it is privilege misuse to count, not an error. An id that names no request stays an error.
   */
  async readableOrNotFound(
    caller: Caller,
    id: string,
    r: AccessRequestEntity | null,
  ): Promise<AccessRequestEntity> {
    if (r && (await this.abilities.can(caller, 'read', 'AccessRequest', fieldsOf(r)))) return r;
    if (r) this.audit.annotate({ refusal: true });
    throw new DomainError('NOT_FOUND', `access request ${id} not found or no access`);
  }

  /**
   * The domain event of a workflow step, written in the step's transaction: it exists exactly when the
   * change was committed. It names the dataset, the request (= grant) id, the researcher, the states before
   * and after and the grant's end.
   */
  private async recordDecision(
    tx: EntityManager,
    caller: Caller,
    step: Exclude<keyof typeof ACCESS_AUDIT_ACTIONS, 'expire'>,
    r: AccessRequestEntity,
    fromState: RequestState | null,
    toState: RequestState,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.recordFor(
      caller,
      {
        action: ACCESS_AUDIT_ACTIONS[step],
        resource: `access_request:${r.id}`,
        datasetIds: [r.datasetId],
        outcome: 'allow',
        detail: {
          accessRequestId: r.id,
          ...(r.visaJti ? { grantId: r.visaJti } : {}),
          researcher: `${r.researcherIssuer}#${r.researcherSubject}`,
          fromState,
          toState,
          expiresAt: r.expiresAt ? r.expiresAt.toISOString() : null,
          ...extra,
        },
      },
      tx,
    );
    await this.domainEvents.emit(tx, {
      type: ACCESS_AUDIT_ACTIONS[step],
      datasetId: r.datasetId,
      accessRequestId: r.id,
      actor: actorOf(caller),
      researcher: `${r.researcherIssuer}#${r.researcherSubject}`,
      recipients: r.handler ? [r.handler] : [],
      applicantVisible: true,
      detail: { fromState, toState, expiresAt: r.expiresAt ? r.expiresAt.toISOString() : null, ...extra },
    });
  }

  /**
   * Records the end of every approved grant whose end date has passed and that no sweep has recorded yet:
   * one `access.expire` event (actor `system`) and one history entry per grant, in one transaction that also
   * marks the grant (`expiry_recorded_at`). The marking UPDATE locks the rows, and a concurrent sweep
   * re-reads them after this one commits and finds them marked: each expiry is recorded exactly once.
   * Called by the periodic sweep (AccessExpirySweeper), before the audit trail is read, and before any
   * workflow step; returns how many expiries it recorded.
   */
  async recordExpiries(): Promise<number> {
    const sweepId = randomUUID();
    return this.dataSource.transaction(async (tx) => {
      const rows = await this.requests.markExpiredGrants(tx);
      for (const r of rows) {
        await tx.query(
          `INSERT INTO access_request_event (request_id, actor, action, from_state, to_state, note)
           VALUES ($1, $2, 'expire', 'APPROVED', 'EXPIRED', $3)`,
          [r.id, SYSTEM_ACTOR, `the grant ended on ${r.expires_at.toISOString()}`],
        );
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            action: ACCESS_AUDIT_ACTIONS.expire,
            resource: `access_request:${r.id}`,
            datasetIds: [r.dataset_id],
            outcome: 'allow',
            requestId: sweepId,
            detail: {
              accessRequestId: r.id,
              grantId: r.visa_jti ?? r.id,
              researcher: `${r.researcher_issuer}#${r.researcher_subject}`,
              fromState: 'APPROVED',
              toState: 'EXPIRED',
              expiresAt: r.expires_at.toISOString(),
            },
          },
          tx,
        );
        await this.domainEvents.emit(tx, {
          type: ACCESS_AUDIT_ACTIONS.expire,
          datasetId: r.dataset_id,
          accessRequestId: r.id,
          actor: SYSTEM_ACTOR,
          researcher: `${r.researcher_issuer}#${r.researcher_subject}`,
          recipients: [],
          applicantVisible: true,
          detail: { fromState: 'APPROVED', toState: 'EXPIRED', expiresAt: r.expires_at.toISOString() },
        });
      }
      if (rows.length) this.logger.log({ expired: rows.length }, `recorded ${rows.length} expired grant(s)`);
      return rows.length;
    });
  }

  private async event(
    tx: EntityManager,
    requestId: string,
    caller: Caller,
    action: string,
    from: string | null,
    to: string,
    note: string | null,
  ) {
    await writeRequestEvent(tx, { requestId, actor: actorOf(caller), action, from, to, note });
  }

  private async assertNotBlocked(tx: EntityManager, caller: Caller, datasetId: string) {
    const rows: unknown[] = await tx.query(
      'SELECT 1 FROM access_block WHERE dataset_id = $1 AND researcher_issuer = $2 AND researcher_subject = $3',
      [datasetId, caller.issuer, caller.subject],
    );
    if (rows.length > 0)
      throw new DomainError(
        'FORBIDDEN',
        `the steward of dataset ${datasetId} has blocked your access requests to it`,
      );
  }

  /**
   * The request's purpose matched against the dataset's consent as stored now (through `manager` inside a
   * transaction); the workflow's own reads (`currentMatch`) and the approval use it.
   */
  private async matchConsent(
    datasetId: string,
    purpose: ResearchPurposeInputShape,
    manager?: EntityManager,
  ): Promise<ConsentMatch> {
    const stored = await this.consent.getConsent(datasetId, manager);
    if (!stored) {
      return {
        outcome: 'NEEDS_REVIEW',
        reasons: [
          {
            code: 'CONSENT',
            verdict: 'NEEDS_REVIEW',
            reason: `dataset ${datasetId} has no recorded DUO consent: the steward must judge`,
          },
        ],
      };
    }
    return this.consent.match(stored, purpose);
  }

  private validateText(input: { projectTitle: string; justification: string; ethicsRef?: string | null }) {
    const projectTitle = input.projectTitle?.trim();
    const justification = input.justification?.trim();
    if (!projectTitle) throw new DomainError('BAD_REQUEST', 'projectTitle must not be empty');
    if (projectTitle.length > 300)
      throw new DomainError('BAD_REQUEST', 'projectTitle is longer than 300 characters');
    if (!justification || justification.length < 20)
      throw new DomainError(
        'BAD_REQUEST',
        'justification must say, in at least 20 characters, why the data is needed',
      );
    if (justification.length > 10_000)
      throw new DomainError('BAD_REQUEST', 'justification is longer than 10,000 characters');
    return { projectTitle, justification, ethicsRef: input.ethicsRef?.trim() || null };
  }
}

/** The request's ethics reference is part of the purpose the consent is matched against (IRB modifier). */
function withEthicsRef(
  purpose: ResearchPurposeInputShape,
  ethicsRef: string | null,
): ResearchPurposeInputShape {
  return ethicsRef && !purpose.ethicsApprovalRef ? { ...purpose, ethicsApprovalRef: ethicsRef } : purpose;
}

/** One entry of a request's timeline (access_request_event), written in the caller's transaction. */
export async function writeRequestEvent(
  tx: EntityManager,
  e: {
    requestId: string;
    actor: string;
    action: string;
    from: string | null;
    to: string;
    note: string | null;
    visibility?: EventVisibility;
    about?: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO access_request_event (request_id, actor, action, from_state, to_state, note, visibility, about)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.requestId, e.actor, e.action, e.from, e.to, e.note, e.visibility ?? 'APPLICANT', e.about ?? null],
  );
}

/** The ResearcherStatus visa the caller presents (validated and trusted), as recorded on their request. */
export function researcherStatusOf(caller: Caller): ResearcherStatusRecord {
  const v = caller.visas.find((x) => x.type === 'ResearcherStatus');
  return { visa: v ? { source: v.source, by: v.by ?? null, issuer: v.iss, asserted: v.asserted } : null };
}

/**
 * Refuses the applicant of a request a step that decides it (approve, reject, return), weighs in on the
 * decision (a committee vote) or vouches for them (attesting their researcher status), whatever roles they also
 * hold on the dataset (steward, committee member or chair): FORBIDDEN, audited as a refusal.
 */
export function assertNotApplicant(caller: Caller, r: AccessRequestEntity, step: string): void {
  if (r.researcherIssuer === caller.issuer && r.researcherSubject === caller.subject) {
    throw new DomainError(
      'FORBIDDEN',
      `you may not ${step} access request ${r.id}: it is your own, and a request is decided by someone other than its applicant`,
    );
  }
}

export function actorOf(caller: Caller): string {
  return caller.subject ? `${caller.issuer ?? ''}#${caller.subject}` : 'anonymous';
}

export function fieldsOf(r: AccessRequestEntity): Record<string, unknown> {
  return {
    id: r.id,
    datasetId: r.datasetId,
    researcherSubject: r.researcherSubject,
    researcherIssuer: r.researcherIssuer,
    state: r.state,
  };
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** An accessRequestPage cursor: the last request's creation time (to the millisecond) and id, base64url JSON. */
function encodeRequestCursor(r: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ at: r.createdAt.toISOString(), id: r.id })).toString('base64url');
}

function decodeRequestCursor(cursor: string): { at: string; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    if (
      typeof c.at === 'string' &&
      !Number.isNaN(Date.parse(c.at)) &&
      typeof c.id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(c.id)
    )
      return { at: c.at, id: c.id };
  } catch {
    // fall through: refused below
  }
  throw new DomainError('BAD_REQUEST', 'after is not a cursor this list gave (use pageInfo.endCursor)', {
    field: 'after',
  });
}
