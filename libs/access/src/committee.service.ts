import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { NodeKeyService, UsersService } from '@helixgate/identity';
import { DatasetService } from '@helixgate/variants';
import { DataSource, type EntityManager } from 'typeorm';
import { AbilityFactory } from './ability.factory';
import { AccessDomainEvents, type AccessDomainEventType } from './access-events';
import type { AccessRequestEntity, EventVisibility } from './access-request.entity';
import { AccessRequestRepository } from './access-request.repository';
import {
  AccessRequestService,
  actorOf,
  assertNotApplicant,
  fieldsOf,
  isUuid,
  writeRequestEvent,
} from './access-request.service';
import { CommitteeGate, type QuorumState, type ResearcherStatusState } from './committee-gate.service';
import type { Action } from './role-policy';
import { returnedRows } from '@helixgate/db';

export const VOTE_CHOICES = ['APPROVE', 'REJECT', 'ABSTAIN'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export type ReviewRole = 'REVIEWER' | 'CHAIR';

export interface CommitteeMemberRow {
  datasetId: string;
  member: string;
  chair: boolean;
  addedBy: string;
  addedAt: Date;
}

export interface ReviewAssignmentRow {
  id: string;
  requestId: string;
  reviewer: string;
  role: ReviewRole;
  requestedBy: string;
  requestedAt: Date;
  removedBy: string | null;
  removedAt: Date | null;
  replacedBy: string | null;
}

export interface VoteRow {
  id: string;
  requestId: string;
  reviewer: string;
  vote: VoteChoice;
  rationale: string;
  at: Date;
  supersededAt: Date | null;
}

export interface RemarkRow {
  id: string;
  requestId: string;
  author: string;
  visibility: EventVisibility;
  body: string;
  at: Date;
}

export interface ReviewState {
  assignments: ReviewAssignmentRow[];
  /** Every vote ever cast, oldest first; `supersededAt` null = the reviewer's current vote. */
  votes: VoteRow[];
  quorum: QuorumState;
}

/** Audit actions of the committee workflow (docs/audit.md). */
export const COMMITTEE_AUDIT_ACTIONS = {
  memberAdd: 'committee.member_add',
  memberRemove: 'committee.member_remove',
  reviewRequest: 'access.review_request',
  reviewReassign: 'access.review_reassign',
  vote: 'access.vote',
  voteChange: 'access.vote_change',
  remark: 'access.remark',
  handler: 'access.handler',
  attest: 'access.researcher_attest',
} as const;

const MAX_TEXT = 10_000;

/**
 * Data access committees (REMS/DUOS-style review): members and chairs per dataset; the handler (a steward)
 * asks named members for their review and a chair for the decision; each reviewer votes APPROVE / REJECT /
 * ABSTAIN with a rationale (one current vote, changeable until the decision, every change kept); remarks for
 * the applicant or internal to the committee; reassignment; a local attestation of researcher status.
 * The decision itself stays in AccessRequestService (approve is gated by CommitteeGate). Every step writes a
 * timeline entry, an audit event and an AccessDomainEvent in its own transaction.
 */
@Injectable()
export class CommitteeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly abilities: AbilityFactory,
    private readonly requests: AccessRequestService,
    private readonly datasets: DatasetService,
    private readonly gate: CommitteeGate,
    private readonly audit: AuditService,
    private readonly domainEvents: AccessDomainEvents,
    private readonly users: UsersService,
    private readonly nodeKeys: NodeKeyService,
    private readonly requestRows: AccessRequestRepository,
  ) {}

  /**
   * Someone named in a call: `issuer#subject`, a local user id (in the caller's issuer), or a local username
   * (read before any transaction: the embedded database has one connection).
   */
  async personRef(caller: Caller, s: string): Promise<string> {
    const v = (s ?? '').trim();
    if (v.includes('#') || isUuid(v)) return joinRef(...splitRef(v, caller));
    if (!/^[A-Za-z0-9._@-]{1,100}$/.test(v))
      throw new DomainError(
        'BAD_REQUEST',
        `"${s}" names no one (expected a username, a user id or issuer#subject)`,
      );
    const u = await this.users.getByUsername(v).catch(() => null);
    if (!u) throw new DomainError('BAD_REQUEST', `no user named "${v}" on this node`);
    return u.externalIssuer && u.externalSubject
      ? joinRef(u.externalIssuer, u.externalSubject)
      : joinRef(this.nodeKeys.issuer, u.id);
  }

  // ---- membership -------------------------------------------------------------------------------------

  async addMember(caller: Caller, datasetId: string, member: string, chair: boolean): Promise<void> {
    await this.assertManage(caller, datasetId);
    member = await this.personRef(caller, member);
    const [issuer, subject] = splitRef(member, caller);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO dac_member (dataset_id, issuer, subject, is_chair, added_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dataset_id, issuer, subject) DO UPDATE SET is_chair = EXCLUDED.is_chair`,
        [datasetId, issuer, subject, chair, actorOf(caller)],
      );
      await this.audit.recordFor(
        caller,
        {
          action: COMMITTEE_AUDIT_ACTIONS.memberAdd,
          resource: `dataset:${datasetId}`,
          datasetIds: [datasetId],
          outcome: 'allow',
          detail: { member, chair },
        },
        tx,
      );
    });
  }

  async removeMember(caller: Caller, datasetId: string, member: string): Promise<boolean> {
    await this.assertManage(caller, datasetId);
    member = await this.personRef(caller, member);
    const [issuer, subject] = splitRef(member, caller);
    return this.dataSource.transaction(async (tx) => {
      const raw: unknown = await tx.query(
        'DELETE FROM dac_member WHERE dataset_id = $1 AND issuer = $2 AND subject = $3 RETURNING 1',
        [datasetId, issuer, subject],
      );
      const rows = returnedRows(raw);
      if (rows.length === 0)
        throw new DomainError('NOT_FOUND', `${member} is not on the committee of dataset ${datasetId}`);
      await this.audit.recordFor(
        caller,
        {
          action: COMMITTEE_AUDIT_ACTIONS.memberRemove,
          resource: `dataset:${datasetId}`,
          datasetIds: [datasetId],
          outcome: 'allow',
          detail: { member },
        },
        tx,
      );
      return true;
    });
  }

  /** The committee of a dataset: for those who manage it and for its members. */
  async members(caller: Caller, datasetId: string): Promise<CommitteeMemberRow[]> {
    const { memberOf } = await this.abilities.forCaller(caller);
    if (!memberOf.includes(datasetId)) await this.assertManage(caller, datasetId);
    const rows: {
      dataset_id: string;
      issuer: string;
      subject: string;
      is_chair: boolean;
      added_by: string;
      added_at: Date;
    }[] = await this.dataSource.query(
      'SELECT * FROM dac_member WHERE dataset_id = $1 ORDER BY is_chair DESC, added_at, subject',
      [datasetId],
    );
    return rows.map((r) => ({
      datasetId: r.dataset_id,
      member: `${r.issuer}#${r.subject}`,
      chair: r.is_chair,
      addedBy: r.added_by,
      addedAt: r.added_at,
    }));
  }

  // ---- review assignments -----------------------------------------------------------------------------

  /** The handler asks named committee members for a review and (optionally) a chair for the decision. */
  requestReview(
    caller: Caller,
    id: string,
    reviewers: string[],
    chair?: string | null,
  ): Promise<AccessRequestEntity> {
    return this.requests.namingRequest(id, () => this.requestReviewStep(caller, id, reviewers, chair));
  }

  private async requestReviewStep(
    caller: Caller,
    id: string,
    reviewers: string[],
    chair?: string | null,
  ): Promise<AccessRequestEntity> {
    const wanted: { ref: string; role: ReviewRole }[] = [];
    for (const s of reviewers) wanted.push({ ref: await this.personRef(caller, s), role: 'REVIEWER' });
    if (chair) wanted.push({ ref: await this.personRef(caller, chair), role: 'CHAIR' });
    if (wanted.length === 0) throw new DomainError('BAD_REQUEST', 'name at least one reviewer or a chair');
    return this.inRequest(caller, id, 'requestReview', ['SUBMITTED'], async (tx, r) => {
      for (const w of wanted) {
        await this.assertMember(tx, r.datasetId, w.ref, w.role === 'CHAIR');
        const raw: unknown = await tx.query(
          `INSERT INTO access_review (request_id, reviewer, role, requested_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (request_id, reviewer) WHERE removed_at IS NULL DO NOTHING RETURNING id`,
          [r.id, w.ref, w.role, actorOf(caller)],
        );
        const inserted = returnedRows(raw);
        if (inserted.length === 0) continue; // already asked: nothing new to record
        await this.step(tx, caller, r, 'access.review_request', {
          timelineAction: w.role === 'CHAIR' ? 'decision_requested' : 'review_requested',
          visibility: 'INTERNAL',
          about: w.ref,
          recipients: [w.ref],
          detail: { reviewer: w.ref, role: w.role },
        });
      }
      if (!r.handler) await this.setHandlerIn(tx, caller, r, actorOf(caller));
    });
  }

  /** Moves a review (or the decision) from one member to another; the old assignment and its votes are kept. */
  reassignReview(
    caller: Caller,
    id: string,
    from: string,
    to: string,
    note?: string | null,
  ): Promise<AccessRequestEntity> {
    return this.requests.namingRequest(id, () => this.reassignStep(caller, id, from, to, note));
  }

  private async reassignStep(
    caller: Caller,
    id: string,
    from: string,
    to: string,
    note?: string | null,
  ): Promise<AccessRequestEntity> {
    const fromRef = await this.personRef(caller, from);
    const toRef = await this.personRef(caller, to);
    if (fromRef === toRef) throw new DomainError('BAD_REQUEST', 'reassign to someone else');
    return this.inRequest(caller, id, 'requestReview', ['SUBMITTED'], async (tx, r) => {
      const old: { id: string; role: ReviewRole }[] = await tx.query(
        'SELECT id, role FROM access_review WHERE request_id = $1 AND reviewer = $2 AND removed_at IS NULL',
        [r.id, fromRef],
      );
      if (old.length === 0)
        throw new DomainError('NOT_FOUND', `${from} has no open review on access request ${r.id}`);
      await this.assertMember(tx, r.datasetId, toRef, old[0].role === 'CHAIR');
      const taken: unknown[] = await tx.query(
        'SELECT 1 FROM access_review WHERE request_id = $1 AND reviewer = $2 AND removed_at IS NULL',
        [r.id, toRef],
      );
      if (taken.length) throw new DomainError('CONFLICT', `${to} is already asked on access request ${r.id}`);
      await tx.query(
        'UPDATE access_review SET removed_at = now(), removed_by = $2, replaced_by = $3 WHERE id = $1',
        [old[0].id, actorOf(caller), toRef],
      );
      await tx.query(
        'INSERT INTO access_review (request_id, reviewer, role, requested_by) VALUES ($1, $2, $3, $4)',
        [r.id, toRef, old[0].role, actorOf(caller)],
      );
      await this.step(tx, caller, r, 'access.review_reassign', {
        timelineAction: 'review_reassigned',
        visibility: 'INTERNAL',
        about: toRef,
        note: note?.trim() || `from ${fromRef}`,
        recipients: [toRef, fromRef],
        detail: {
          from: fromRef,
          to: toRef,
          role: old[0].role,
          ...(note?.trim() ? { note: note.trim() } : {}),
        },
      });
    });
  }

  // ---- votes ------------------------------------------------------------------------------------------

  /** A reviewer's first vote; a second one is refused (ALREADY_VOTED): change it with `changeVote`. */
  castVote(caller: Caller, id: string, vote: VoteChoice, rationale: string): Promise<AccessRequestEntity> {
    return this.requests.namingRequest(id, () => this.vote(caller, id, vote, rationale, false));
  }

  /** Replaces the reviewer's current vote (until the decision); the previous one is kept, superseded. */
  changeVote(caller: Caller, id: string, vote: VoteChoice, rationale: string): Promise<AccessRequestEntity> {
    return this.requests.namingRequest(id, () => this.vote(caller, id, vote, rationale, true));
  }

  private vote(
    caller: Caller,
    id: string,
    vote: VoteChoice,
    rationale: string,
    change: boolean,
  ): Promise<AccessRequestEntity> {
    if (!(VOTE_CHOICES as readonly string[]).includes(vote))
      throw new DomainError('BAD_REQUEST', `a vote is one of ${VOTE_CHOICES.join(', ')}`);
    const text = checkText(rationale, 'a vote needs a written rationale', 10);
    return this.inRequest(caller, id, 'vote', ['SUBMITTED'], async (tx, r) => {
      const me = actorOf(caller);
      const asked: unknown[] = await tx.query(
        'SELECT 1 FROM access_review WHERE request_id = $1 AND reviewer = $2 AND removed_at IS NULL',
        [r.id, me],
      );
      if (asked.length === 0)
        throw new DomainError(
          'FORBIDDEN',
          `you were not asked to review access request ${r.id}: only reviewers the handler asked may vote`,
        );
      const current: { id: string; vote: string }[] = await tx.query(
        'SELECT id, vote FROM access_vote WHERE request_id = $1 AND reviewer = $2 AND superseded_at IS NULL',
        [r.id, me],
      );
      if (!change && current.length)
        throw new DomainError(
          'ALREADY_VOTED',
          `you already voted ${current[0].vote} on access request ${r.id}; change your vote instead`,
        );
      if (change && current.length === 0)
        throw new DomainError('CONFLICT', `you have no vote on access request ${r.id} to change`);
      if (current.length)
        await tx.query('UPDATE access_vote SET superseded_at = now() WHERE id = $1', [current[0].id]);
      await tx.query(
        'INSERT INTO access_vote (request_id, reviewer, vote, rationale) VALUES ($1, $2, $3, $4)',
        [r.id, me, vote, text],
      );
      await this.step(tx, caller, r, change ? 'access.vote_change' : 'access.vote', {
        timelineAction: change ? 'vote_changed' : 'vote',
        visibility: 'INTERNAL',
        note: `${vote}: ${text}`,
        recipients: r.handler ? [r.handler] : [],
        detail: { vote, rationale: text, ...(change ? { previous: current[0].vote } : {}) },
      });
    });
  }

  // ---- remarks, handler, researcher status -------------------------------------------------------------

  addRemark(
    caller: Caller,
    id: string,
    body: string,
    visibility: EventVisibility,
  ): Promise<AccessRequestEntity> {
    return this.requests.namingRequest(id, () => this.remarkStep(caller, id, body, visibility));
  }

  private remarkStep(
    caller: Caller,
    id: string,
    body: string,
    visibility: EventVisibility,
  ): Promise<AccessRequestEntity> {
    const text = checkText(body, 'a remark needs text', 1);
    return this.inRequest(caller, id, 'remark', null, async (tx, r) => {
      if (
        visibility === 'INTERNAL' &&
        !(await this.abilities.can(caller, 'readInternal', 'AccessRequest', fieldsOf(r)))
      )
        throw new DomainError('FORBIDDEN', 'only the committee and the stewards may write internal remarks');
      await tx.query(
        'INSERT INTO access_remark (request_id, author, visibility, body) VALUES ($1, $2, $3, $4)',
        [r.id, actorOf(caller), visibility, text],
      );
      await this.step(tx, caller, r, 'access.remark', {
        timelineAction: 'remark',
        visibility,
        note: text,
        recipients: r.handler ? [r.handler] : [],
        detail: { visibility, remark: text },
      });
    });
  }

  /** "Who handles this": a steward of the dataset or a chair of its committee. */
  setHandler(caller: Caller, id: string, handler: string): Promise<AccessRequestEntity> {
    return this.requests.namingRequest(id, () => this.setHandlerStep(caller, id, handler));
  }

  private async setHandlerStep(caller: Caller, id: string, handler: string): Promise<AccessRequestEntity> {
    const ref = await this.personRef(caller, handler);
    return this.inRequest(caller, id, 'assignHandler', null, async (tx, r) => {
      const ok: unknown[] = await tx.query(
        `SELECT 1 FROM dataset_steward WHERE dataset_id = $1 AND issuer || '#' || subject = $2
         UNION ALL SELECT 1 FROM dac_member WHERE dataset_id = $1 AND issuer || '#' || subject = $2 AND is_chair`,
        [r.datasetId, ref],
      );
      if (ok.length === 0)
        throw new DomainError(
          'BAD_REQUEST',
          `${handler} is neither a steward of dataset ${r.datasetId} nor a chair of its committee`,
        );
      await this.setHandlerIn(tx, caller, r, ref);
    });
  }

  /** A steward or chair attests the applicant's status as a bona fide researcher (DUOS's library card). */
  attestResearcher(caller: Caller, id: string, note: string): Promise<AccessRequestEntity> {
    return this.requests.namingRequest(id, () => this.attestStep(caller, id, note));
  }

  private attestStep(caller: Caller, id: string, note: string): Promise<AccessRequestEntity> {
    const text = checkText(note, 'an attestation needs a note saying on what basis', 5);
    return this.inRequest(caller, id, 'attestResearcher', ['SUBMITTED', 'RETURNED'], async (tx, r) => {
      r.researcherAttestedBy = actorOf(caller);
      r.researcherAttestedAt = new Date();
      r.researcherAttestationNote = text;
      await this.requestRows.setResearcherAttestation(tx, r.id, r.researcherAttestedBy, text);
      await this.step(tx, caller, r, 'access.researcher_attest', {
        timelineAction: 'researcher_attested',
        visibility: 'APPLICANT',
        note: text,
        recipients: [],
        detail: { note: text },
      });
    });
  }

  // ---- reads ------------------------------------------------------------------------------------------

  /** The committee's side of a request (assignments, every vote, the quorum), or null for who may not see it. */
  async reviewState(caller: Caller, r: AccessRequestEntity): Promise<ReviewState | null> {
    if (!(await this.abilities.can(caller, 'readInternal', 'AccessRequest', fieldsOf(r)))) return null;
    const m = this.dataSource.manager;
    const assignments: Record<string, unknown>[] = await m.query(
      'SELECT * FROM access_review WHERE request_id = $1 ORDER BY id',
      [r.id],
    );
    const votes: Record<string, unknown>[] = await m.query(
      'SELECT * FROM access_vote WHERE request_id = $1 ORDER BY id',
      [r.id],
    );
    return {
      assignments: assignments.map(toAssignment),
      votes: votes.map((v) => ({
        id: String(v.id),
        requestId: v.request_id as string,
        reviewer: v.reviewer as string,
        vote: v.vote as VoteChoice,
        rationale: v.rationale as string,
        at: v.at as Date,
        supersededAt: (v.superseded_at as Date | null) ?? null,
      })),
      quorum: await this.gate.quorum(m, r),
    };
  }

  researcherStatus(r: AccessRequestEntity): ResearcherStatusState {
    return this.gate.researcherStatus(r);
  }

  /** Remarks the caller may read: all for the committee and stewards, the applicant's for the applicant. */
  async remarks(caller: Caller, r: AccessRequestEntity): Promise<RemarkRow[]> {
    const internal = await this.abilities.can(caller, 'readInternal', 'AccessRequest', fieldsOf(r));
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM access_remark WHERE request_id = $1 ${internal ? '' : "AND visibility = 'APPLICANT'"} ORDER BY id`,
      [r.id],
    );
    return rows.map((x) => ({
      id: String(x.id),
      requestId: x.request_id as string,
      author: x.author as string,
      visibility: x.visibility as EventVisibility,
      body: x.body as string,
      at: x.at as Date,
    }));
  }

  /** "Reviews asked of me": open assignments of the caller, with the request and the caller's current vote. */
  async askedOfMe(
    caller: Caller,
    pendingOnly: boolean,
  ): Promise<{ assignment: ReviewAssignmentRow; request: AccessRequestEntity; myVote: VoteRow | null }[]> {
    if (!caller.subject) throw new DomainError('UNAUTHENTICATED', 'sign in to see the reviews asked of you');
    const me = actorOf(caller);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT a.* FROM access_review a JOIN access_request r ON r.id = a.request_id
        WHERE a.reviewer = $1 AND a.removed_at IS NULL ${pendingOnly ? "AND r.state = 'SUBMITTED'" : ''}
        ORDER BY a.requested_at DESC LIMIT 500`,
      [me],
    );
    const out: { assignment: ReviewAssignmentRow; request: AccessRequestEntity; myVote: VoteRow | null }[] =
      [];
    for (const row of rows) {
      const a = toAssignment(row);
      const r = await this.requestRows.findById(a.requestId);
      // Someone no longer on the committee no longer sees the request.
      if (!r || !(await this.abilities.can(caller, 'read', 'AccessRequest', fieldsOf(r)))) continue;
      const v: Record<string, unknown>[] = await this.dataSource.query(
        'SELECT * FROM access_vote WHERE request_id = $1 AND reviewer = $2 AND superseded_at IS NULL',
        [r.id, me],
      );
      out.push({
        assignment: a,
        request: r,
        myVote: v.length
          ? {
              id: String(v[0].id),
              requestId: r.id,
              reviewer: me,
              vote: v[0].vote as VoteChoice,
              rationale: v[0].rationale as string,
              at: v[0].at as Date,
              supersededAt: null,
            }
          : null,
      });
    }
    this.audit.annotate({ datasetIds: [...new Set(out.map((x) => x.request.datasetId))] });
    return out;
  }

  // ---- internals --------------------------------------------------------------------------------------

  private async assertManage(caller: Caller, datasetId: string): Promise<void> {
    const d = await this.datasets.findById(datasetId);
    if (d) this.audit.annotate({ datasetIds: [d.id] });
    if (
      !d ||
      !(await this.abilities.can(caller, 'read', 'Dataset', { id: d.id, securityLevel: d.securityLevel }))
    )
      throw new DomainError('UNKNOWN_DATASET', `dataset "${datasetId}" not found or no access`);
    await this.abilities.assert(
      caller,
      'manageCommittee',
      'Dataset',
      { id: d.id, securityLevel: d.securityLevel },
      `the data access committee of dataset ${d.id}`,
    );
  }

  private async assertMember(
    tx: EntityManager,
    datasetId: string,
    ref: string,
    chair: boolean,
  ): Promise<void> {
    const rows: { is_chair: boolean }[] = await tx.query(
      `SELECT is_chair FROM dac_member WHERE dataset_id = $1 AND issuer || '#' || subject = $2`,
      [datasetId, ref],
    );
    if (rows.length === 0)
      throw new DomainError(
        'BAD_REQUEST',
        `${ref} is not a member of the data access committee of dataset ${datasetId}`,
      );
    if (chair && !rows[0].is_chair)
      throw new DomainError(
        'BAD_REQUEST',
        `${ref} is not a chair of the data access committee of dataset ${datasetId}`,
      );
  }

  private async setHandlerIn(tx: EntityManager, caller: Caller, r: AccessRequestEntity, ref: string) {
    if (r.handler === ref) return;
    const previous = r.handler;
    r.handler = ref;
    await this.requestRows.setHandler(tx, r.id, ref);
    await this.step(tx, caller, r, 'access.handler', {
      timelineAction: 'handler',
      visibility: 'APPLICANT',
      about: ref,
      recipients: [ref],
      detail: { handler: ref, previous },
    });
  }

  /**
   * Loads the request under a row lock (so votes, assignments and the decision serialise), checks that the
   * caller may read it (NOT_FOUND otherwise) and may `action` it (FORBIDDEN), and its state.
   */
  private async inRequest(
    caller: Caller,
    id: string,
    action: Action,
    states: string[] | null,
    fn: (tx: EntityManager, r: AccessRequestEntity) => Promise<void>,
  ): Promise<AccessRequestEntity> {
    await this.abilities.forCaller(caller);
    await this.requests.recordExpiries();
    return this.dataSource.transaction(async (tx) => {
      const found = isUuid(id) ? await this.requestRows.lockById(tx, id) : null;
      if (found)
        this.audit.annotate({ datasetIds: [found.datasetId], detail: { accessRequestId: found.id } });
      // NOT_FOUND to the caller; a request that exists is recorded as a refusal (deny)
      const r = await this.requests.readableOrNotFound(caller, id, found);
      await this.abilities.assert(
        caller,
        action,
        'AccessRequest',
        fieldsOf(r),
        `access request ${id} of dataset ${r.datasetId}`,
      );
      // Votes and the attestation of researcher status weigh in on the decision: not on one's own request.
      if (action === 'vote') assertNotApplicant(caller, r, 'vote on');
      if (action === 'attestResearcher') assertNotApplicant(caller, r, 'attest the researcher status on');
      if (states && !states.includes(r.state))
        throw new DomainError(
          'CONFLICT',
          `cannot ${action} on access request ${id}: it is ${r.state} (allowed while ${states.join(', ')})`,
        );
      await fn(tx, r);
      return r;
    });
  }

  /** Timeline entry + audit event + domain event of one committee step, in the step's transaction. */
  private async step(
    tx: EntityManager,
    caller: Caller,
    r: AccessRequestEntity,
    type: AccessDomainEventType,
    e: {
      timelineAction: string;
      visibility: EventVisibility;
      note?: string | null;
      about?: string | null;
      recipients: string[];
      detail: Record<string, unknown>;
    },
  ): Promise<void> {
    await writeRequestEvent(tx, {
      requestId: r.id,
      actor: actorOf(caller),
      action: e.timelineAction,
      from: r.state,
      to: r.state,
      note: e.note ?? null,
      visibility: e.visibility,
      about: e.about ?? null,
    });
    await this.audit.recordFor(
      caller,
      {
        action: type,
        resource: `access_request:${r.id}`,
        datasetIds: [r.datasetId],
        outcome: 'allow',
        detail: {
          accessRequestId: r.id,
          researcher: `${r.researcherIssuer}#${r.researcherSubject}`,
          state: r.state,
          visibility: e.visibility,
          ...e.detail,
        },
      },
      tx,
    );
    await this.domainEvents.emit(tx, {
      type,
      datasetId: r.datasetId,
      accessRequestId: r.id,
      actor: actorOf(caller),
      researcher: `${r.researcherIssuer}#${r.researcherSubject}`,
      recipients: e.recipients,
      applicantVisible: e.visibility === 'APPLICANT',
      detail: e.detail,
    });
  }
}

function toAssignment(a: Record<string, unknown>): ReviewAssignmentRow {
  return {
    id: String(a.id),
    requestId: a.request_id as string,
    reviewer: a.reviewer as string,
    role: a.role as ReviewRole,
    requestedBy: a.requested_by as string,
    requestedAt: a.requested_at as Date,
    removedBy: (a.removed_by as string | null) ?? null,
    removedAt: (a.removed_at as Date | null) ?? null,
    replacedBy: (a.replaced_by as string | null) ?? null,
  };
}

/** `issuer#subject`, or a bare subject (a local user id) taken in the caller's issuer. */
function splitRef(s: string, caller?: Caller): [string, string] {
  const v = (s ?? '').trim();
  const i = v.lastIndexOf('#');
  const [issuer, subject] = i >= 0 ? [v.slice(0, i), v.slice(i + 1)] : [caller?.issuer ?? '', v];
  if (!issuer || !subject)
    throw new DomainError('BAD_REQUEST', `"${s}" names no one (expected issuer#subject or a user id)`);
  return [issuer, subject];
}

function joinRef(issuer: string, subject: string): string {
  return `${issuer}#${subject}`;
}

function checkText(s: string, empty: string, min: number): string {
  const t = (s ?? '').trim();
  if (t.length < min)
    throw new DomainError('BAD_REQUEST', min > 1 ? `${empty} (at least ${min} characters)` : empty);
  if (t.length > MAX_TEXT) throw new DomainError('BAD_REQUEST', `text longer than ${MAX_TEXT} characters`);
  return t;
}
