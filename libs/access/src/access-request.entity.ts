import type { ConsentMatch, ResearchPurposeInputShape } from '@helixgate/consent';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const REQUEST_STATES = [
  'SUBMITTED',
  'RETURNED',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
  'REVOKED',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** A trusted ResearcherStatus (bona fide) visa the applicant presented, as recorded on the request. */
export interface ResearcherStatusRecord {
  visa: { source: string; by: string | null; issuer: string; asserted: number } | null;
}

/** APPLICANT: the researcher sees the entry; INTERNAL: only the committee and the dataset's stewards do. */
export const EVENT_VISIBILITIES = ['APPLICANT', 'INTERNAL'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

@Entity('access_request')
export class AccessRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'dataset_id' })
  datasetId: string;

  @Column('text', { name: 'researcher_issuer' })
  researcherIssuer: string;

  @Column('text', { name: 'researcher_subject' })
  researcherSubject: string;

  @Column('text', { nullable: true })
  institution: string | null;

  @Column('text', { name: 'project_title' })
  projectTitle: string;

  @Column('text')
  justification: string;

  @Column('text', { name: 'ethics_ref', nullable: true })
  ethicsRef: string | null;

  /**
   * The research purpose as ConsentService.validatePurpose normalised it when (re)submitted. Typed as the input
   * shape: a row written before a purpose field existed lacks it, and every reuse validates the purpose again.
   */
  @Column('jsonb')
  purpose: ResearchPurposeInputShape;

  /** The purpose matched against the dataset's DUO consent when (re)submitted. */
  @Column('jsonb', { name: 'duo_match' })
  duoMatch: ConsentMatch;

  @Column('text')
  state: RequestState;

  @Column('text', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('text', { name: 'decision_note', nullable: true })
  decisionNote: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('text', { name: 'visa_jti', nullable: true })
  visaJti: string | null;

  /** Who handles the request (issuer#subject): a steward of the dataset, or a chair of its committee. */
  @Column('text', { nullable: true })
  handler: string | null;

  /** The applicant's ResearcherStatus visa as presented when submitting (null: none). */
  @Column('jsonb', { name: 'researcher_status', nullable: true })
  researcherStatus: ResearcherStatusRecord | null;

  @Column('text', { name: 'researcher_attested_by', nullable: true })
  researcherAttestedBy: string | null;

  @Column('timestamptz', { name: 'researcher_attested_at', nullable: true })
  researcherAttestedAt: Date | null;

  @Column('text', { name: 'researcher_attestation_note', nullable: true })
  researcherAttestationNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('access_request_event')
export class AccessRequestEventEntity {
  @PrimaryColumn('bigint', { generated: false })
  id: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  actor: string;

  @Column('text')
  action: string;

  @Column('text', { name: 'from_state', nullable: true })
  fromState: string | null;

  @Column('text', { name: 'to_state' })
  toState: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text')
  visibility: EventVisibility;

  /** The person the entry is about (reviewer asked, new handler), issuer#subject. */
  @Column('text', { nullable: true })
  about: string | null;
}
