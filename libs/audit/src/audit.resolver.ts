import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, DomainError, type Caller } from '@helixgate/common';
import type { StoredAuditEvent } from './audit-export';
import { AuditService } from './audit.service';
import {
  AuditAlertModel,
  AuditEventFilterInput,
  AuditEventModel,
  AuditEventPageModel,
  AuditIntegrityModel,
  AuditOutcomeEnum,
  AuditProblemEnum,
  ParticipantAccessModel,
  ParticipantAccessPageModel,
} from './models/audit.models';

const INDIVIDUAL_ID =
  "The participant's index in the dataset (0, 1, 2, …), as audit events name participants";
const SAMPLE_ID =
  'Instead of individualId: the sample id a data subject knows; the node finds the current participant with it';

function toModel(e: StoredAuditEvent): AuditEventModel {
  return {
    ...e,
    seq: String(e.seq),
    at: new Date(e.at),
    outcome: e.outcome as AuditOutcomeEnum,
    detail: JSON.stringify(e.detail),
    details: e.detail,
  };
}

/** An audit sequence number given as a GraphQL ID: digits only (seq is a bigint; 15 digits stay exact). */
function seqArgument(name: string, value: string | null | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value))
    throw new DomainError('BAD_REQUEST', `${name} must be an audit event's seq: a non-negative integer`);
  return Number(value);
}

/** Compliance queries. Each one checks `assertAuditPermission` (policies/roles.yaml) and is itself audited. */
@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventPageModel, {
    description: 'Search the audit trail, newest first (keyset pagination on seq)',
  })
  async auditEvents(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => AuditEventFilterInput, nullable: true }) filter?: AuditEventFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => ID, nullable: true }) after?: string,
  ): Promise<AuditEventPageModel> {
    const page = await this.audit.search(caller, { ...(filter ?? {}) }, first, after ?? undefined);
    return {
      events: page.events.map(toModel),
      pageInfo: { hasNextPage: page.endCursor !== null, endCursor: page.endCursor },
      endCursor: page.endCursor,
    };
  }

  @Query(() => AuditIntegrityModel, { description: 'Verify the hash chain and its signed checkpoints' })
  async auditIntegrity(
    @CurrentCaller() caller: Caller,
    @Args('fromSeq', { type: () => ID, nullable: true }) fromSeq?: string,
    @Args('toSeq', { type: () => ID, nullable: true }) toSeq?: string,
  ): Promise<AuditIntegrityModel> {
    const r = await this.audit.verify(caller, {
      from: seqArgument('fromSeq', fromSeq),
      to: seqArgument('toSeq', toSeq),
    });
    return {
      ok: r.ok,
      message: r.message,
      firstBadSeq: r.firstBadSeq === null ? null : String(r.firstBadSeq),
      problem: r.problem as AuditProblemEnum | null,
      suspectFromSeq: r.suspectFromSeq === null ? null : String(r.suspectFromSeq),
      lastSeq: r.lastSeq === null ? null : String(r.lastSeq),
      eventsChecked: r.eventsChecked,
      checkpointsVerified: r.checkpointsVerified,
      rowsPerSecond: r.rowsPerSecond,
    };
  }

  @Query(() => [AuditAlertModel], {
    description: 'Actors whose request volume in the window exceeds the baseline',
  })
  async auditAlerts(@CurrentCaller() caller: Caller): Promise<AuditAlertModel[]> {
    return (await this.audit.alerts(caller)).map((a) => ({
      ...a,
      firstAt: new Date(a.firstAt),
      lastAt: new Date(a.lastAt),
    }));
  }

  @Query(() => [ParticipantAccessModel], {
    description: 'Decryptions of a dataset (optionally of one individual): who, when, for what purpose',
    deprecationReason: 'Use participantAccessPage (cursor-paged, pageInfo { hasNextPage endCursor })',
  })
  async participantAccessHistory(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('individualId', { type: () => ID, nullable: true, description: INDIVIDUAL_ID })
    individualId?: string,
    @Args('sampleId', { type: () => String, nullable: true, description: SAMPLE_ID }) sampleId?: string,
  ): Promise<ParticipantAccessModel[]> {
    const rows = await this.audit.participantAccessHistory(
      caller,
      datasetId,
      individualId ?? undefined,
      sampleId ?? undefined,
    );
    return rows.map((r) => ({ ...r, seq: String(r.seq), at: new Date(r.at) }));
  }

  @Query(() => ParticipantAccessPageModel, {
    description:
      'participantAccessHistory a page at a time, newest first (keyset on seq): first from 1 to 500 (default 50), after = pageInfo.endCursor',
  })
  async participantAccessPage(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('individualId', { type: () => ID, nullable: true, description: INDIVIDUAL_ID })
    individualId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => ID, nullable: true }) after?: string,
    @Args('sampleId', { type: () => String, nullable: true, description: SAMPLE_ID }) sampleId?: string,
  ): Promise<ParticipantAccessPageModel> {
    const page = await this.audit.participantAccessPage(
      caller,
      datasetId,
      individualId ?? undefined,
      { first, after },
      sampleId ?? undefined,
    );
    return {
      accesses: page.accesses.map((r) => ({ ...r, seq: String(r.seq), at: new Date(r.at) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}
