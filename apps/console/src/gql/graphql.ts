/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format. */
  DateTime: { input: string; output: string; }
  /** A JSON value (object, list, string, number, boolean or null), as itself rather than in a string */
  JSON: { input: unknown; output: unknown; }
};

/** A project's close-out, recorded by the researcher after the grant ended */
export type AccessCloseOut = {
  __typename?: 'AccessCloseOut';
  /** FINAL_REPORT or DELETION_ATTESTATION */
  kind: Scalars['String']['output'];
  recordedAt: Scalars['DateTime']['output'];
  /** issuer#subject of who recorded it */
  recordedBy: Scalars['String']['output'];
  /** The final report, or the attestation that every data copy is deleted */
  statement: Scalars['String']['output'];
};

export type AccessRemark = {
  __typename?: 'AccessRemark';
  at: Scalars['DateTime']['output'];
  author: Person;
  body: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  visibility: RemarkVisibility;
};

export type AccessRequest = {
  __typename?: 'AccessRequest';
  /** The researcher, by name and institution */
  applicant: Person;
  /** The close-out, once recorded */
  closeOut: Maybe<AccessCloseOut>;
  createdAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  decidedBy: Maybe<Scalars['String']['output']>;
  /** The steward who decided, by name */
  decider: Maybe<Person>;
  decisionNote: Maybe<Scalars['String']['output']>;
  /** How the purpose matches the dataset's DUO consent: while the request is open (SUBMITTED, RETURNED), the consent in force now, which an approval is checked against; once decided, the match stored with the decision */
  duoMatch: ConsentMatch;
  ethicsRef: Maybe<Scalars['String']['output']>;
  /** End of the grant (approved requests) */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Who handles this request, by name */
  handler: Maybe<Person>;
  /** issuer#subject of who handles the request */
  handlerRef: Maybe<Scalars['String']['output']>;
  /** The request's timeline, oldest first: transitions, review assignments, votes, remarks (INTERNAL entries only for the committee and stewards) */
  history: Array<AccessRequestEvent>;
  id: Scalars['ID']['output'];
  institution: Maybe<Scalars['String']['output']>;
  justification: Scalars['String']['output'];
  projectTitle: Scalars['String']['output'];
  /**
   * The coded research purpose, as JSON in a string
   * @deprecated Use researchPurpose (the same object as JSON, not in a string)
   */
  purpose: Scalars['String']['output'];
  /** Remarks, oldest first (INTERNAL ones only for the committee and stewards) */
  remarks: Array<AccessRemark>;
  /** Reminder days already sent before the grant ends */
  remindersSent: Array<Scalars['Int']['output']>;
  /** The request (grant) this one renews */
  renewalOf: Maybe<Scalars['ID']['output']>;
  /** Renewal requests made of this one, oldest first */
  renewals: Array<Scalars['ID']['output']>;
  /** The coded research purpose (the fields of ResearchPurposeInput), a JSON object */
  researchPurpose: Scalars['JSON']['output'];
  /** issuer#subject of the researcher */
  researcher: Scalars['String']['output'];
  /** The applicant's bona fide status and what approval needs */
  researcherStatus: ResearcherStatus;
  /** Reviews asked, every vote with its rationale, the quorum: null for who is not on the committee side */
  review: Maybe<AccessReview>;
  status: AccessRequestStatus;
  updatedAt: Scalars['DateTime']['output'];
};

export type AccessRequestEvent = {
  __typename?: 'AccessRequestEvent';
  /** Who the entry is about (reviewer asked, handler) */
  aboutPerson: Maybe<Person>;
  action: Scalars['String']['output'];
  /** issuer#subject of who acted */
  actor: Scalars['String']['output'];
  /** Who acted, by name and institution */
  actorPerson: Person;
  at: Scalars['DateTime']['output'];
  fromState: Maybe<AccessRequestStatus>;
  note: Maybe<Scalars['String']['output']>;
  toState: AccessRequestStatus;
  /** APPLICANT or INTERNAL (votes, internal remarks, review assignments) */
  visibility: Scalars['String']['output'];
};

/** A page of access requests, newest first */
export type AccessRequestPage = {
  __typename?: 'AccessRequestPage';
  /** Whether an older page follows, and the cursor to ask after */
  pageInfo: PageInfo;
  requests: Array<AccessRequest>;
};

/** APPROVED is an active grant; EXPIRED is an approval whose end date has passed */
export type AccessRequestStatus =
  | 'APPROVED'
  | 'EXPIRED'
  | 'REJECTED'
  | 'RETURNED'
  | 'REVOKED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

/** The committee's side of a request (committee and stewards only) */
export type AccessReview = {
  __typename?: 'AccessReview';
  assignments: Array<ReviewAssignment>;
  quorum: QuorumState;
  /** Every vote ever cast, changes included, oldest first */
  voteHistory: Array<ReviewVote>;
  /** Each reviewer's current vote */
  votes: Array<ReviewVote>;
};

export type AddUserInput = {
  /** The name the console shows ("Alice Smith") */
  displayName?: InputMaybe<Scalars['String']['input']>;
  institution?: InputMaybe<Scalars['String']['input']>;
  roles: Array<Role>;
  /** Lowercase letters, digits, . _ - (at most 64) */
  username: Scalars['String']['input'];
};

/** The quota of priced (rarer) alleles and the share of the participants’ budgets your questions may draw in the current window (docs/privacy.md rules 5 and 6); past either, PRIVACY_QUOTA_EXCEEDED until the window ends */
export type AlleleQuota = {
  __typename?: 'AlleleQuota';
  /** 0: no quota */
  allelesCap: Scalars['Int']['output'];
  allelesUsed: Scalars['Int']['output'];
  /** 0: no share */
  shareCapNats: Scalars['Float']['output'];
  /** Nats of the share drawn in this window */
  shareUsedNats: Scalars['Float']['output'];
  /** When the current window ends (quota and share refill) */
  windowEndsAt: Scalars['DateTime']['output'];
  windowSeconds: Scalars['Int']['output'];
};

/** Whose allowance it is: the caller's account (with its LinkedIdentities), every account of the caller's institution (policy collusion: institution), or all anonymous callers together */
export type AllowanceHolder =
  | 'ACCOUNT'
  | 'ANONYMOUS'
  | 'INSTITUTION';

/** Reference genome assembly */
export type AssemblyId =
  | 'GRCh37'
  | 'GRCh38';

/** Aggregates of the audit trail over a time range (compliance) */
export type AuditActivity = {
  __typename?: 'AuditActivity';
  bucket: AuditBucket;
  /** Only buckets with events, oldest first */
  buckets: Array<AuditActivityBucket>;
  from: Scalars['DateTime']['output'];
  /** Refused requests by reason */
  refusals: Array<AuditReasonCount>;
  to: Scalars['DateTime']['output'];
  /** The ten most active actors */
  topActors: Array<AuditActorCount>;
};

/** Events in one hour or day, by outcome */
export type AuditActivityBucket = {
  __typename?: 'AuditActivityBucket';
  allow: Scalars['Int']['output'];
  /** Decryptions of genotypes or sample ids (record-level answers) */
  decryptions: Scalars['Int']['output'];
  deny: Scalars['Int']['output'];
  error: Scalars['Int']['output'];
  /** Start of the bucket (UTC) */
  start: Scalars['DateTime']['output'];
};

export type AuditActorCount = {
  __typename?: 'AuditActorCount';
  /** Token subject, or anonymous */
  actor: Scalars['String']['output'];
  /** The actor by name and institution, when they are a user of this node (null otherwise) */
  actorPerson: Maybe<Person>;
  /** Of which refused */
  denied: Scalars['Int']['output'];
  events: Scalars['Int']['output'];
  institution: Maybe<Scalars['String']['output']>;
};

export type AuditAlert = {
  __typename?: 'AuditAlert';
  actor: Scalars['String']['output'];
  baseline: Scalars['Int']['output'];
  count: Scalars['Int']['output'];
  firstAt: Scalars['DateTime']['output'];
  lastAt: Scalars['DateTime']['output'];
  windowSeconds: Scalars['Int']['output'];
};

/** Width of an activity bucket */
export type AuditBucket =
  | 'DAY'
  | 'HOUR';

export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** e.g. "graphql:query beacon", "rest:GET /api/g_variants", "cli:ingest", "access.approve", "decrypt", "audit.search" (docs/audit.md lists them all) */
  action: Scalars['String']['output'];
  /** Subject of the verified token, or 'anonymous' */
  actor: Scalars['String']['output'];
  /** The actor by name and institution, when they are a user of this node (null otherwise) */
  actorPerson: Maybe<Person>;
  at: Scalars['DateTime']['output'];
  datasetIds: Array<Scalars['String']['output']>;
  /**
   * Whitelisted detail as a JSON object string (never genotypes, tokens or keys)
   * @deprecated Use details (the same object as JSON, not in a string)
   */
  detail: Scalars['String']['output'];
  /** Whitelisted detail, a JSON object (never genotypes, tokens or keys) */
  details: Scalars['JSON']['output'];
  /** Granularity returned (boolean, count, record) */
  granularity: Maybe<Scalars['String']['output']>;
  hash: Scalars['String']['output'];
  institution: Maybe<Scalars['String']['output']>;
  outcome: AuditOutcome;
  prevHash: Scalars['String']['output'];
  /** Reason code of a refusal or error */
  reason: Maybe<Scalars['String']['output']>;
  /** This node's id of the request (the client's own id, if it sent one, is detail.clientRequestId) */
  requestId: Maybe<Scalars['String']['output']>;
  resource: Maybe<Scalars['String']['output']>;
  roles: Array<Scalars['String']['output']>;
  /** Position in the hash chain (seq) */
  seq: Scalars['ID']['output'];
};

export type AuditEventFilter = {
  action?: InputMaybe<Scalars['String']['input']>;
  /** A user name (e.g. alice) or the actor's subject as events record it (a local user's id) */
  actor?: InputMaybe<Scalars['String']['input']>;
  /** The request id the client or the asking peer node sent (detail.clientRequestId) */
  clientRequestId?: InputMaybe<Scalars['String']['input']>;
  datasetId?: InputMaybe<Scalars['String']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
  /** This node's request id (the x-request-id response header) */
  requestId?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AuditEventPage = {
  __typename?: 'AuditEventPage';
  /**
   * Pass as `after` for the next (older) page
   * @deprecated Use pageInfo { hasNextPage endCursor }
   */
  endCursor: Maybe<Scalars['String']['output']>;
  events: Array<AuditEvent>;
  /** Whether an older page follows, and the cursor to ask after */
  pageInfo: PageInfo;
};

export type AuditIntegrity = {
  __typename?: 'AuditIntegrity';
  checkpointsVerified: Scalars['Int']['output'];
  eventsChecked: Scalars['Int']['output'];
  /** The first bad event */
  firstBadSeq: Maybe<Scalars['String']['output']>;
  lastSeq: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
  problem: Maybe<AuditProblem>;
  rowsPerSecond: Scalars['Int']['output'];
  /** For a rewritten chain: the bad event is at or after this seq */
  suspectFromSeq: Maybe<Scalars['String']['output']>;
};

/** What was decided for the request */
export type AuditOutcome =
  | 'ALLOW'
  | 'DENY'
  | 'ERROR';

/** Why verification failed */
export type AuditProblem =
  | 'CHANGED'
  | 'INSERTED'
  | 'MISSING'
  | 'REORDERED'
  | 'REWRITTEN'
  | 'TRUNCATED';

export type AuditReasonCount = {
  __typename?: 'AuditReasonCount';
  count: Scalars['Int']['output'];
  /** The refusal code (FORBIDDEN, RATE_LIMITED, …) */
  reason: Scalars['String']['output'];
};

/** An individual carrying the allele (record-level answers only) */
export type BeaconCarrier = {
  __typename?: 'BeaconCarrier';
  /** The call for this allele as the split VCF shows it: 0|1, 1/1, 1 (haploid), 1/. */
  genotype: Scalars['String']['output'];
  /** Identifier of the individual in the source VCF */
  sampleId: Scalars['String']['output'];
};

export type BeaconFilterInput = {
  /** A term id (CURIE): NCIT:C16576 (female), HANCESTRO:0005, MONDO:0007254, HP:0001250, ... */
  id: Scalars['String']['input'];
  /** Also match the descendants of the term in its ontology (default true) */
  includeDescendantTerms?: InputMaybe<Scalars['Boolean']['input']>;
  /** Entry type the filter applies to: individual */
  scope?: InputMaybe<Scalars['String']['input']>;
  /** exact (default), high, medium or low: match the terms under the ancestor 0, 1, 2 or 3 is_a steps up */
  similarity?: InputMaybe<Scalars['String']['input']>;
};

/** BOOLEAN: exists only; COUNT: counts; RECORD: which individuals carry the allele, with their genotypes (grant holders only) */
export type BeaconGranularity =
  | 'BOOLEAN'
  | 'COUNT'
  | 'RECORD';

export type BeaconMeta = {
  __typename?: 'BeaconMeta';
  /** The Beacon API version, as the REST face gives it */
  apiVersion: Scalars['String']['output'];
  /** This beacon: the reverse-DNS form of HELIXGATE_NODE_ID, as the REST face, /api/info and service-info give it */
  beaconId: Scalars['String']['output'];
  /** Correlation id of this request (also in the x-request-id header and the logs) */
  requestId: Scalars['String']['output'];
  requestedGranularity: BeaconGranularity;
  /** The lowest granularity any dataset answered with */
  returnedGranularity: BeaconGranularity;
};

export type BeaconQueryInput = {
  /** A, C, G, T; N matches any one base */
  alternateBases?: InputMaybe<Scalars['String']['input']>;
  /** GRCh37 or GRCh38 (also hg19/hg38 and patch names such as GRCh38.p14). Required, except with geneId (default GRCh38) */
  assemblyId?: InputMaybe<Scalars['String']['input']>;
  /** Datasets to ask; default: every dataset visible to you on this assembly */
  datasetIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** 0-based exclusive end; makes this a range query (at most HELIXGATE_MAX_RANGE_BP wide) */
  end?: InputMaybe<Scalars['Int']['input']>;
  /** Bracket query: the variant ends within [end, endMax] (0-based, exclusive end) */
  endMax?: InputMaybe<Scalars['Int']['input']>;
  /** Beacon v2 filters, ANDed: only variants carried by individuals matching every filter (and counted in that cohort) */
  filters?: InputMaybe<Array<BeaconFilterInput>>;
  /** Gene query: an HGNC symbol (case-insensitive), alias (HER2) or NCBI Gene id, answered as the range query over the gene span on GRCh38; replaces start, end and the bases */
  geneId?: InputMaybe<Scalars['String']['input']>;
  /** A, C, G, T; N matches any one base */
  referenceBases?: InputMaybe<Scalars['String']['input']>;
  /** Chromosome: `20`, `chr20` or RefSeq `NC_000020.11`. Required, except with geneId (where it chooses among the chromosomes of a gene on X and Y) */
  referenceName?: InputMaybe<Scalars['String']['input']>;
  requestedGranularity?: BeaconGranularity;
  /** 0-based position (Beacon v2); VCF POS - 1. Required, except with geneId */
  start?: InputMaybe<Scalars['Int']['input']>;
  /** Bracket query: the variant begins within [start, startMax] (0-based); needs end and endMax */
  startMax?: InputMaybe<Scalars['Int']['input']>;
  /** Range, bracket and gene queries: the variant is at most this many bases long */
  variantMaxLength?: InputMaybe<Scalars['Int']['input']>;
  /** Range, bracket and gene queries: the variant is at least this many bases long (SNP 1, MNP its length, an indel the bases inserted or deleted, an SV END - POS) */
  variantMinLength?: InputMaybe<Scalars['Int']['input']>;
  /** Range, bracket and gene queries: SNP, MNP, DEL (sequence deletions and <DEL>), INS, INDEL (every sequence indel), DUP, INV, CNV, BND, an SV subtype (DUP:TANDEM: symbolic only), or an SO/EFO term (SO:0000159, EFO:0030067, ...) */
  variantType?: InputMaybe<Scalars['String']['input']>;
};

export type BeaconResponse = {
  __typename?: 'BeaconResponse';
  /** The variant exists in at least one dataset answering this query */
  exists: Scalars['Boolean']['output'];
  meta: BeaconMeta;
  /** Sum of the counts of datasets answering at COUNT granularity; null when none did */
  numTotalResults: Maybe<Scalars['Int']['output']>;
  /** One entry per dataset queried */
  resultSets: Array<BeaconResultSet>;
  /** Beacon warnings, e.g. a filter that is no filtering term of this beacon (it matches nothing) */
  warnings: Array<Scalars['String']['output']>;
};

/** The answer of one dataset */
export type BeaconResultSet = {
  __typename?: 'BeaconResultSet';
  /** AC of the allele, computed from genotypes; only when exactly one variant row matched */
  alleleCount: Maybe<Scalars['Int']['output']>;
  /** alleleCount / alleleNumber, when both are given */
  alleleFrequency: Maybe<Scalars['Float']['output']>;
  /** AN (called alleles) at the site; only when exactly one variant row matched */
  alleleNumber: Maybe<Scalars['Int']['output']>;
  /** With filters: fewer individuals of this dataset match them than the count floor, so it answers nothing about them */
  cohortBelowFloor: Maybe<Scalars['Boolean']['output']>;
  /** Matching variant rows (one per ALT allele); COUNT granularity only */
  count: Maybe<Scalars['Int']['output']>;
  /** The floor or rounding unit the counts were adjusted to */
  countAdjustedTo: Maybe<Scalars['Int']['output']>;
  /**
   * Beacon v2 countPrecision of the counts: exact, imprecise (a small count reported as the floor) or rounded
   * @deprecated Use precision (the CountPrecision enum)
   */
  countPrecision: Maybe<Scalars['String']['output']>;
  datasetId: Scalars['ID']['output'];
  /** At least one variant row matched */
  exists: Scalars['Boolean']['output'];
  /** Granularity actually returned for this dataset */
  granularity: BeaconGranularity;
  /** Hemizygous (haploid) carriers; for a range query a per-variant SUM, not distinct individuals. */
  hemiCarriers: Maybe<Scalars['Int']['output']>;
  /** Heterozygous carriers of the matching allele. For a range query (or an N wildcard matching several alleles) this is the SUM over the matching variants, not a count of distinct individuals. */
  hetCarriers: Maybe<Scalars['Int']['output']>;
  /** Homozygous-alt carriers; for a range query a per-variant SUM, not distinct individuals. */
  homAltCarriers: Maybe<Scalars['Int']['output']>;
  /** How the carrier and allele counts were released (Beacon v2 countPrecision): EXACT, IMPRECISE (a small count reported as the floor countAdjustedTo) or ROUNDED (to multiples of countAdjustedTo); null when no count was released */
  precision: Maybe<CountPrecision>;
  /** RECORD granularity only: the matching variants with their carriers (at most 100) */
  records: Maybe<Array<BeaconVariantRecord>>;
  /** RECORD granularity: more variants matched than were returned */
  recordsTruncated: Scalars['Boolean']['output'];
  /**
   * How count (the matching variants) was released: exact, or imprecise when the privacy guard may have left alleles out of it (decided from the reference panel and the query, never from the data)
   * @deprecated Use resultsPrecision (the CountPrecision enum)
   */
  resultsCountPrecision: Maybe<Scalars['String']['output']>;
  /** How count (the matching variants) was released: EXACT, or IMPRECISE when the privacy guard may have left alleles out of it (decided from the reference panel and the query, never from the data) */
  resultsPrecision: Maybe<CountPrecision>;
};

export type BeaconVariantRecord = {
  __typename?: 'BeaconVariantRecord';
  alleleCount: Scalars['Int']['output'];
  alleleNumber: Scalars['Int']['output'];
  alt: Scalars['String']['output'];
  carriers: Array<BeaconCarrier>;
  chrom: Scalars['String']['output'];
  /** VCF POS (1-based) */
  pos: Scalars['Int']['output'];
  ref: Scalars['String']['output'];
  variantType: Scalars['String']['output'];
};

/** Who this request runs as */
export type Caller = {
  __typename?: 'Caller';
  institution: Maybe<Scalars['String']['output']>;
  issuer: Maybe<Scalars['String']['output']>;
  /** Correlation id of this request */
  requestId: Scalars['String']['output'];
  roles: Array<Role>;
  /** Token subject; null when anonymous */
  subject: Maybe<Scalars['String']['output']>;
  visas: Array<Visa>;
};

export type CommitteeMember = {
  __typename?: 'CommitteeMember';
  addedAt: Scalars['DateTime']['output'];
  chair: Scalars['Boolean']['output'];
  datasetId: Scalars['ID']['output'];
  /** issuer#subject */
  member: Scalars['String']['output'];
  person: Person;
};

/** A research purpose matched against a DUO consent */
export type ConsentMatch = {
  __typename?: 'ConsentMatch';
  /** DENY if any code denies, else NEEDS_REVIEW if any, else APPROVE */
  outcome: MatchVerdict;
  reasons: Array<ConsentMatchReason>;
};

export type ConsentMatchReason = {
  __typename?: 'ConsentMatchReason';
  /** The DUO shorthand this reason is about, or PURPOSE for the research purpose itself */
  code: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  verdict: MatchVerdict;
};

/** A DUO modifier with the parameter its code takes, if any */
export type ConsentModifier = {
  __typename?: 'ConsentModifier';
  code: DuoModifier;
  /** TS: months use is approved for */
  months: Maybe<Scalars['Int']['output']>;
  /** MOR: no publication before this date (YYYY-MM-DD) */
  moratoriumUntil: Maybe<Scalars['String']['output']>;
  /** COL/US/PS/IS/RS: investigators, users, project, ... */
  note: Maybe<Scalars['String']['output']>;
  /** GS: the region use is limited to */
  region: Maybe<Scalars['String']['output']>;
  /** RS: a research type the matcher checks */
  researchType: Maybe<RsResearchType>;
};

/** A DUO modifier; set only the parameter its code takes */
export type ConsentModifierInput = {
  code: DuoModifier;
  /** TS: months (1-1200) */
  months?: InputMaybe<Scalars['Int']['input']>;
  /** MOR: date YYYY-MM-DD */
  moratoriumUntil?: InputMaybe<Scalars['String']['input']>;
  /** COL/US/PS/IS/RS: free text */
  note?: InputMaybe<Scalars['String']['input']>;
  /** GS: region */
  region?: InputMaybe<Scalars['String']['input']>;
  /** RS only: a research type the matcher checks */
  researchType?: InputMaybe<RsResearchType>;
};

/** The count budget (docs/privacy.md rule 7): every noisy allele count you are told from the dataset is charged its evidence, for good (it never refills). Past it, count questions are refused with PRIVACY_COUNT_BUDGET_SPENT; yes/no (BOOLEAN) questions are not charged. */
export type CountBudget = {
  __typename?: 'CountBudget';
  /** The budget (counts.budget), nats per dataset, for good */
  capNats: Scalars['Float']['output'];
  /** What a count costs at allele frequencies 50%, 20% and 5%, and how many are left */
  estimates: Array<CountCostEstimate>;
  /** Share of the budget left, 0 to 1 */
  fractionLeft: Scalars['Float']['output'];
  /** Nats left */
  leftNats: Scalars['Float']['output'];
  /** Nats spent */
  spentNats: Scalars['Float']['output'];
};

/** What one noisy count of an autosomal allele of this reference-panel frequency costs in this dataset, and how many such counts the count budget left still buys (alleles on MT, X or Y cost half as much). A small panel prices an allele at the lower end of its frequency interval, so a real allele may cost a little more. */
export type CountCostEstimate = {
  __typename?: 'CountCostEstimate';
  alleleFrequency: Scalars['Float']['output'];
  /** Counts of such alleles the budget left buys */
  countsLeft: Maybe<Scalars['Int']['output']>;
  /** Nats of the count budget one count costs; null: at this dataset size such an allele is answered yes/no only (no count is released, nothing is charged) */
  natsPerCount: Maybe<Scalars['Float']['output']>;
};

/** Beacon v2 countPrecision: EXACT; IMPRECISE (a small count reported as the floor, or a count the privacy guard may have reduced); ROUNDED (to a multiple of countAdjustedTo) */
export type CountPrecision =
  | 'EXACT'
  | 'IMPRECISE'
  | 'ROUNDED';

export type CreateDatasetInput = {
  assembly: AssemblyId;
  description?: InputMaybe<Scalars['String']['input']>;
  /** Lowercase identifier: letters, digits, dot, dash, underscore (max 63) */
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  securityLevel: SecurityLevel;
};

export type Dataset = {
  __typename?: 'Dataset';
  assembly: AssemblyId;
  /** DUO consent (null when none is recorded) */
  consent: Maybe<DatasetConsent>;
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Individuals in the dataset (withdrawn ones excluded) */
  individualCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  securityLevel: SecurityLevel;
  /** Variant rows (one per ALT allele) */
  variantCount: Scalars['Int']['output'];
};

/** A dataset's consent as DUO codes */
export type DatasetConsent = {
  __typename?: 'DatasetConsent';
  datasetId: Scalars['ID']['output'];
  /** Disease ids, MONDO or cross-references such as DOID:162 (DS only) */
  diseases: Array<Scalars['String']['output']>;
  modifiers: Array<ConsentModifier>;
  permission: DuoPermission;
  updatedAt: Scalars['DateTime']['output'];
};

/** A dataset's consent: one DUO permission plus modifiers */
export type DatasetConsentInput = {
  /** Disease ids (DS only, at least one): MONDO, or cross-references MONDO maps such as DOID:162 */
  diseases?: InputMaybe<Array<Scalars['String']['input']>>;
  modifiers?: InputMaybe<Array<ConsentModifierInput>>;
  permission: DuoPermission;
};

/** One VCF load into a dataset that committed (its ingest history) */
export type DatasetIngest = {
  __typename?: 'DatasetIngest';
  /** Variant rows written (one per ALT allele) */
  altRows: Scalars['Int']['output'];
  /** VEP CSQ / SnpEff ANN annotations stored */
  annotations: Scalars['Int']['output'];
  datasetId: Scalars['ID']['output'];
  /** The file name as loaded (no directory) */
  file: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  individuals: Scalars['Int']['output'];
  ingestedAt: Scalars['DateTime']['output'];
  /** Who loaded it (null: not recorded) */
  loadedBy: Maybe<Person>;
  /** VCF data lines read */
  records: Scalars['Int']['output'];
  /** The load replaced the dataset's individuals and variants */
  replace: Scalars['Boolean']['output'];
  seconds: Scalars['Float']['output'];
  /** SHA-256 (hex) of the file as given, when recorded */
  sha256: Maybe<Scalars['String']['output']>;
  /** Records with ALT "." (no variant), skipped */
  skipped: Scalars['Int']['output'];
};

/** A page of the datasets visible to the caller, by id */
export type DatasetPage = {
  __typename?: 'DatasetPage';
  datasets: Array<Dataset>;
  /** Whether another page follows, and the cursor (a dataset id) to ask after */
  pageInfo: PageInfo;
};

/** A MONDO disease term this node can match (CC BY 4.0) */
export type DiseaseTerm = {
  __typename?: 'DiseaseTerm';
  /** MONDO CURIE, e.g. MONDO:0007254 */
  id: Scalars['String']['output'];
  label: Scalars['String']['output'];
  /** Nearest ancestors within the shipped subset (is_a) */
  parents: Array<Scalars['String']['output']>;
};

/** DUO data use modifier */
export type DuoModifier =
  | 'CC'
  | 'COL'
  | 'GS'
  | 'GSO'
  | 'IRB'
  | 'IS'
  | 'MOR'
  | 'NCU'
  | 'NMDS'
  | 'NPOA'
  | 'NPU'
  | 'NPUNCU'
  | 'PS'
  | 'PUB'
  | 'RS'
  | 'RTN'
  | 'TS'
  | 'US';

/** DUO data use permission */
export type DuoPermission =
  | 'DS'
  | 'GRU'
  | 'HMB'
  | 'NRES'
  | 'POA';

/** A GA4GH Data Use Ontology term (CC BY 4.0) */
export type DuoTerm = {
  __typename?: 'DuoTerm';
  description: Scalars['String']['output'];
  /** DUO CURIE, e.g. DUO:0000007 */
  id: Scalars['String']['output'];
  kind: DuoTermKind;
  label: Scalars['String']['output'];
  /** DUO shorthand, e.g. DS; null for grouping classes */
  shorthand: Maybe<Scalars['String']['output']>;
};

/** PERMISSION: what use is allowed; MODIFIER: an added condition; CLASS: a grouping term */
export type DuoTermKind =
  | 'CLASS'
  | 'MODIFIER'
  | 'PERMISSION';

/** The most a dataset may tell the caller (security level, visas, grants) */
export type EntitledGranularity =
  | 'BOOLEAN'
  | 'COUNT'
  | 'NONE'
  | 'RECORD';

/** The one gender a study is limited to */
export type GenderFocus =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER';

/** APPROVE: the purpose fits; NEEDS_REVIEW: a steward must judge; DENY: the consent excludes it */
export type MatchVerdict =
  | 'APPROVE'
  | 'DENY'
  | 'NEEDS_REVIEW';

export type Mutation = {
  __typename?: 'Mutation';
  /** Remark on a request: APPLICANT (the researcher sees it) or INTERNAL (committee and stewards) */
  addAccessRemark: AccessRequest;
  /** Steward or admin: put a user (a username, a user id or issuer#subject) on a dataset's committee */
  addCommitteeMember: Scalars['Boolean']['output'];
  /** Admin: add a local user and make their one-time invitation (they set their password with it) */
  addUser: UserInvitation;
  /** Steward: approve until `expiresAt`; issues a ControlledAccessGrants visa */
  approveAccessRequest: AccessRequest;
  /** Steward: who handles the request (a steward of the dataset or a chair of its committee) */
  assignAccessHandler: AccessRequest;
  /** Admin: make a user (issuer + subject) a steward of a dataset */
  assignSteward: Scalars['Boolean']['output'];
  /** Steward or chair: attest the applicant's status as a bona fide researcher, saying on what basis */
  attestResearcherStatus: AccessRequest;
  /** Reviewer: vote with a written rationale (once; change it with changeReviewVote) */
  castReviewVote: AccessRequest;
  /** Reviewer: change my vote until the decision (the previous vote is kept) */
  changeReviewVote: AccessRequest;
  /** Researcher: record the close-out of an ended grant: FINAL_REPORT or DELETION_ATTESTATION, with its text */
  closeOutAccessGrant: AccessCloseOut;
  /** Admin: register a dataset */
  createDataset: Dataset;
  /** Stops asking and answering a peer (admin) */
  disablePeer: Peer;
  /** Admin: grant a role to a local user (audited; effective on the user's next request) */
  grantRole: UserAccount;
  /** Researcher: the signed ControlledAccessGrants visa of an active grant */
  grantVisa: Scalars['String']['output'];
  /** Admin: a new invitation for a local user (the previous link stops working) */
  inviteUser: UserInvitation;
  /** Handler: move a review from one member to another */
  reassignAccessReview: AccessRequest;
  /** Registers a peer or replaces its definition, active (admin) */
  registerPeer: Peer;
  /** Steward: reject with a reason */
  rejectAccessRequest: AccessRequest;
  /** Steward or admin: take a user off a dataset's committee */
  removeCommitteeMember: Scalars['Boolean']['output'];
  /** Researcher: ask to renew a grant (active or ended): a new request, same dataset, project and purpose, linked to it */
  requestAccessRenewal: AccessRequest;
  /** Handler (steward): ask named committee members (usernames, user ids or issuer#subject) for a review and a chair for the decision */
  requestAccessReview: AccessRequest;
  /** Researcher: resubmit a returned request, with changes */
  resubmitAccessRequest: AccessRequest;
  /** Queues dead deliveries again with a fresh attempt count (administrators); no ids = all dead */
  retryNotificationDeliveries: Array<Scalars['ID']['output']>;
  /** Steward: return to the researcher for changes */
  returnAccessRequest: AccessRequest;
  /** Steward: revoke an active grant at once; `block` refuses future requests */
  revokeAccessGrant: AccessRequest;
  /** Admin: remove a role from a local user (audited; not their last role, not your own admin role) */
  revokeRole: UserAccount;
  /** Steward (or admin): set a dataset's DUO consent */
  setDatasetConsent: DatasetConsent;
  /** Sets the caller's e-mail address, e-mail on/off and the event types e-mailed */
  setNotificationPreferences: NotificationPreferences;
  /** Researcher: ask for access to a dataset with a coded research purpose */
  submitAccessRequest: AccessRequest;
  /** Admin: remove a steward (issuer + subject) from a dataset */
  unassignSteward: Scalars['Boolean']['output'];
  /** Researcher: withdraw a request or give up a grant */
  withdrawAccessRequest: AccessRequest;
  /** Steward (or admin): withdraw a participant. Their data is re-sealed away and the old keys destroyed (crypto-shredding); from now on no answer counts them. */
  withdrawParticipant: Withdrawal;
};


export type MutationAddAccessRemarkArgs = {
  body: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  visibility?: RemarkVisibility;
};


export type MutationAddCommitteeMemberArgs = {
  chair?: InputMaybe<Scalars['Boolean']['input']>;
  datasetId: Scalars['ID']['input'];
  member: Scalars['String']['input'];
};


export type MutationAddUserArgs = {
  input: AddUserInput;
};


export type MutationApproveAccessRequestArgs = {
  expiresAt: Scalars['DateTime']['input'];
  id: Scalars['ID']['input'];
  note: InputMaybe<Scalars['String']['input']>;
};


export type MutationAssignAccessHandlerArgs = {
  handler: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


export type MutationAssignStewardArgs = {
  datasetId: Scalars['ID']['input'];
  issuer: InputMaybe<Scalars['String']['input']>;
  subject: Scalars['String']['input'];
};


export type MutationAttestResearcherStatusArgs = {
  id: Scalars['ID']['input'];
  note: Scalars['String']['input'];
};


export type MutationCastReviewVoteArgs = {
  id: Scalars['ID']['input'];
  rationale: Scalars['String']['input'];
  vote: VoteChoice;
};


export type MutationChangeReviewVoteArgs = {
  id: Scalars['ID']['input'];
  rationale: Scalars['String']['input'];
  vote: VoteChoice;
};


export type MutationCloseOutAccessGrantArgs = {
  id: Scalars['ID']['input'];
  kind: Scalars['String']['input'];
  statement: Scalars['String']['input'];
};


export type MutationCreateDatasetArgs = {
  input: CreateDatasetInput;
};


export type MutationDisablePeerArgs = {
  id: Scalars['ID']['input'];
};


export type MutationGrantRoleArgs = {
  role: Role;
  username: Scalars['String']['input'];
};


export type MutationGrantVisaArgs = {
  id: Scalars['ID']['input'];
};


export type MutationInviteUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationReassignAccessReviewArgs = {
  from: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  note: InputMaybe<Scalars['String']['input']>;
  to: Scalars['String']['input'];
};


export type MutationRegisterPeerArgs = {
  input: RegisterPeerInput;
};


export type MutationRejectAccessRequestArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRemoveCommitteeMemberArgs = {
  datasetId: Scalars['ID']['input'];
  member: Scalars['String']['input'];
};


export type MutationRequestAccessRenewalArgs = {
  id: Scalars['ID']['input'];
  justification: InputMaybe<Scalars['String']['input']>;
};


export type MutationRequestAccessReviewArgs = {
  chair: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  reviewers: Array<Scalars['String']['input']>;
};


export type MutationResubmitAccessRequestArgs = {
  id: Scalars['ID']['input'];
  input: ResubmitAccessRequestInput;
};


export type MutationRetryNotificationDeliveriesArgs = {
  ids: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationReturnAccessRequestArgs = {
  id: Scalars['ID']['input'];
  note: Scalars['String']['input'];
};


export type MutationRevokeAccessGrantArgs = {
  block?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRevokeRoleArgs = {
  role: Role;
  username: Scalars['String']['input'];
};


export type MutationSetDatasetConsentArgs = {
  consent: DatasetConsentInput;
  datasetId: Scalars['ID']['input'];
};


export type MutationSetNotificationPreferencesArgs = {
  input: NotificationPreferencesInput;
};


export type MutationSubmitAccessRequestArgs = {
  input: SubmitAccessRequestInput;
};


export type MutationUnassignStewardArgs = {
  datasetId: Scalars['ID']['input'];
  issuer: InputMaybe<Scalars['String']['input']>;
  subject: Scalars['String']['input'];
};


export type MutationWithdrawAccessRequestArgs = {
  id: Scalars['ID']['input'];
};


export type MutationWithdrawParticipantArgs = {
  datasetId: Scalars['ID']['input'];
  sampleId: Scalars['String']['input'];
};

/** This node and every active peer, asked at once */
export type NetworkBeaconResponse = {
  __typename?: 'NetworkBeaconResponse';
  /** Nodes whose counts are in numTotalResults */
  countedNodes: Array<Scalars['String']['output']>;
  /** Some node that answered ok has the variant */
  exists: Scalars['Boolean']['output'];
  /** This node first, then the peers */
  nodes: Array<NetworkNodeResult>;
  /** Sum over the ok nodes that returned counts */
  numTotalResults: Maybe<Scalars['Int']['output']>;
  /** Correlation id, the same on every node asked */
  requestId: Scalars['String']['output'];
  /** Every answering node's Beacon warnings, each prefixed with its node id (`node-b: filter X is not a filtering term ...`) */
  warnings: Array<Scalars['String']['output']>;
};

/** One node's part of a federated answer */
export type NetworkNodeResult = {
  __typename?: 'NetworkNodeResult';
  /** What numTotalResults counts: variants (this node, Helixgate peers), or for a plain Beacon v2 peer what it is registered as counting (individuals, unknown); only variants are summed */
  countKind: Scalars['String']['output'];
  exists: Maybe<Scalars['Boolean']['output']>;
  /** The peer is registered over plain HTTP (--insecure): see warning */
  insecureTransport: Scalars['Boolean']['output'];
  /** local (this node), helixgate or beacon-v2 */
  kind: Scalars['String']['output'];
  latencyMs: Scalars['Float']['output'];
  /** Why the node is not ok */
  message: Maybe<Scalars['String']['output']>;
  nodeId: Scalars['ID']['output'];
  numTotalResults: Maybe<Scalars['Int']['output']>;
  resultSets: Array<BeaconResultSet>;
  returnedGranularity: Maybe<BeaconGranularity>;
  status: NodeAnswerStatus;
  /** A warning to read with this node's answer */
  warning: Maybe<Scalars['String']['output']>;
  /** The Beacon warnings this node returned with its answer (an unknown filter term there, a cohort below its count floor, ...) */
  warnings: Array<Scalars['String']['output']>;
};

/** OK: answered; DENIED: refused the request (401/403); TIMEOUT: no answer by the deadline; ERROR: unreachable or failed; INVALID_RESPONSE: an oversized or malformed answer, not merged; UNVERIFIED_ANSWER: an answer not signed for this request by a key pinned for that peer (unsigned, another key, another request, altered or stale), not merged */
export type NodeAnswerStatus =
  | 'DENIED'
  | 'ERROR'
  | 'INVALID_RESPONSE'
  | 'OK'
  | 'TIMEOUT'
  | 'UNVERIFIED_ANSWER';

/** The node's X.509 certificate (binds its signing keys) */
export type NodeCertificate = {
  __typename?: 'NodeCertificate';
  /** Names the current signing key (after a key rotation it must be renewed) */
  coversSigningKey: Scalars['Boolean']['output'];
  /** Whole days until notAfter (negative: expired) */
  daysLeft: Scalars['Int']['output'];
  issuer: Scalars['String']['output'];
  notAfter: Scalars['DateTime']['output'];
  notBefore: Scalars['DateTime']['output'];
  /** Issued by itself (no institution CA) */
  selfSigned: Scalars['Boolean']['output'];
  serialNumber: Scalars['String']['output'];
  /** SHA-256 fingerprint of the certificate's DER (hex, what peers pin) */
  sha256: Scalars['String']['output'];
  subject: Scalars['String']['output'];
};

/** What this node is to its peers */
export type NodeIdentity = {
  __typename?: 'NodeIdentity';
  baseUrl: Scalars['String']['output'];
  /** Null when none was created or imported (helixgate node init) */
  certificate: Maybe<NodeCertificate>;
  /** The issuer of the tokens and requests this node signs */
  issuer: Scalars['String']['output'];
  jwksUri: Scalars['String']['output'];
  /** Every published signing key id, oldest first */
  keyThumbprints: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  nodeId: Scalars['String']['output'];
  /** RFC 7638 thumbprint (kid) of the key that signs now */
  signingKeyId: Scalars['String']['output'];
};

/** One e-mail or webhook POST of a notification event */
export type NotificationDelivery = {
  __typename?: 'NotificationDelivery';
  attempts: Scalars['Int']['output'];
  /** email or webhook */
  channel: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  datasetId: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  nextAttemptAt: Scalars['DateTime']['output'];
  /** issuer#subject of the person e-mailed */
  recipient: Maybe<Scalars['String']['output']>;
  requestId: Maybe<Scalars['ID']['output']>;
  sentAt: Maybe<Scalars['DateTime']['output']>;
  /** PENDING, SENDING, SENT or DEAD (dead-lettered after the last attempt) */
  status: Scalars['String']['output'];
  /** The e-mail address or webhook URL */
  target: Scalars['String']['output'];
  /** request.submitted, grant.expiring, … */
  type: Scalars['String']['output'];
};

/** The caller's notification preferences */
export type NotificationPreferences = {
  __typename?: 'NotificationPreferences';
  /** Where e-mails go; none are sent without it */
  email: Maybe<Scalars['String']['output']>;
  /** E-mail on or off */
  emailEnabled: Scalars['Boolean']['output'];
  /** The event types e-mailed (see notificationEventTypes) */
  events: Array<Scalars['String']['output']>;
};

export type NotificationPreferencesInput = {
  /** An address, or null to remove it */
  email?: InputMaybe<Scalars['String']['input']>;
  emailEnabled?: InputMaybe<Scalars['Boolean']['input']>;
  events?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` for the next page (null on the last) */
  endCursor: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one */
  hasNextPage: Scalars['Boolean']['output'];
};

export type ParticipantAccess = {
  __typename?: 'ParticipantAccess';
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  individualCount: Maybe<Scalars['Int']['output']>;
  institution: Maybe<Scalars['String']['output']>;
  /** The grant's research purpose */
  purpose: Maybe<Scalars['String']['output']>;
  requestId: Maybe<Scalars['String']['output']>;
  seq: Scalars['ID']['output'];
};

/** A page of decryptions, newest first */
export type ParticipantAccessPage = {
  __typename?: 'ParticipantAccessPage';
  accesses: Array<ParticipantAccess>;
  /** Whether an older page follows, and the cursor (a seq) to ask after */
  pageInfo: PageInfo;
};

/** A registered peer node */
export type Peer = {
  __typename?: 'Peer';
  baseUrl: Scalars['String']['output'];
  certificateSha256: Maybe<Scalars['String']['output']>;
  /** beacon-v2 peers: what its numTotalResults counts */
  counts: Maybe<Scalars['String']['output']>;
  /** The peer's node id (the audience of requests to it) */
  id: Scalars['ID']['output'];
  /** Its key set is pinned inline rather than fetched */
  inlineJwks: Scalars['Boolean']['output'];
  /** Registered over plain HTTP (--insecure): its answers carry a warning */
  insecure: Scalars['Boolean']['output'];
  issuer: Maybe<Scalars['String']['output']>;
  /** Pinned RFC 7638 thumbprints of its signing keys */
  keyThumbprints: Array<Scalars['String']['output']>;
  /** helixgate or beacon-v2 */
  kind: Scalars['String']['output'];
  /** beacon-v2 peers: how it names chromosomes */
  referenceNames: Maybe<Scalars['String']['output']>;
  /** file (policies/peers.yaml) or api */
  source: Scalars['String']['output'];
  /** ACTIVE (asked) or DISABLED (registered, not asked) */
  state: PeerState;
  /**
   * active or disabled
   * @deprecated Use state (the PeerState enum)
   */
  status: Scalars['String']['output'];
  timeoutMs: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

/** A registered peer and how it answered a probe just now */
export type PeerLiveStatus = {
  __typename?: 'PeerLiveStatus';
  checkedAt: Scalars['DateTime']['output'];
  /** Round trip of the probe (null when not asked) */
  latencyMs: Maybe<Scalars['Float']['output']>;
  /** What the probe found, or why the peer is not ok */
  message: Maybe<Scalars['String']['output']>;
  peer: Peer;
  status: PeerProbeStatus;
};

/** A peer's live status: OK (a Helixgate peer answered a signed hello, signed with a key pinned for it; a Beacon v2 peer answered GET /info); DENIED (401/403: this node is not trusted there); TIMEOUT; ERROR (unreachable or failed); INVALID_RESPONSE; UNVERIFIED_ANSWER (the answer was not signed by a key pinned for that peer); DISABLED (not asked) */
export type PeerProbeStatus =
  | 'DENIED'
  | 'DISABLED'
  | 'ERROR'
  | 'INVALID_RESPONSE'
  | 'OK'
  | 'TIMEOUT'
  | 'UNVERIFIED_ANSWER';

/** ACTIVE: asked; DISABLED: registered but not asked */
export type PeerState =
  | 'ACTIVE'
  | 'DISABLED';

/** Someone who acts on this node, as the console shows them */
export type Person = {
  __typename?: 'Person';
  institution: Maybe<Scalars['String']['output']>;
  issuer: Scalars['String']['output'];
  /** Their name (the username, or the subject when the node has never seen them) */
  name: Scalars['String']['output'];
  subject: Scalars['String']['output'];
  /** Local username, when they have an account here */
  username: Maybe<Scalars['String']['output']>;
};

/** Your own privacy allowance in one dataset: what the privacy guard has charged you and what is left. Read from your own questions and the policy, never from the dataset's data. */
export type PrivacyAllowance = {
  __typename?: 'PrivacyAllowance';
  /** null: the policy sets no count budget */
  countBudget: Maybe<CountBudget>;
  datasetId: Scalars['ID']['output'];
  granularity: EntitledGranularity;
  /** Whether your answers from this dataset go through the privacy guard (false with a grant, or for a dataset without the risk budget): when false, nothing below is charged */
  guarded: Scalars['Boolean']['output'];
  holder: AllowanceHolder;
  quota: AlleleQuota;
};

/** What kind of research (OTHER: described in otherPurpose, always read by a steward) */
export type PurposeCategory =
  | 'DISEASE_SPECIFIC'
  | 'GENERAL_RESEARCH'
  | 'HEALTH_MEDICAL_BIOMEDICAL'
  | 'METHODS_DEVELOPMENT'
  | 'OTHER'
  | 'POPULATION_ORIGINS_ANCESTRY';

export type Query = {
  __typename?: 'Query';
  accessRequest: AccessRequest;
  /** accessRequests a page at a time, newest first (keyset on creation time and id): first from 1 to 200 (default 50), after = pageInfo.endCursor */
  accessRequestPage: AccessRequestPage;
  /**
   * Access requests the caller may see: their own (researcher), those of datasets they steward (steward); more than 500 is refused with LIST_TOO_LONG
   * @deprecated Use accessRequestPage (cursor-paged, pageInfo { hasNextPage endCursor }); accessRequests refuses more than 500 rows
   */
  accessRequests: Array<AccessRequest>;
  /** Events per hour or day by outcome, decryptions, top actors and refusals over [from, to) */
  auditActivity: AuditActivity;
  /** Actors whose request volume in the window exceeds the baseline */
  auditAlerts: Array<AuditAlert>;
  /** Search the audit trail, newest first (keyset pagination on seq) */
  auditEvents: AuditEventPage;
  /** Verify the hash chain and its signed checkpoints */
  auditIntegrity: AuditIntegrity;
  /** Beacon v2 variant query over the datasets the caller may query, each answering at the granularity the caller is entitled to */
  beacon: BeaconResponse;
  /** The data access committee of a dataset (its stewards, admins and members may see it) */
  dataAccessCommittee: Array<CommitteeMember>;
  /** One dataset; "not found or no access" when the caller may not see it */
  dataset: Dataset;
  /** A dataset's ingest history: every VCF load that committed, newest first (at most 200), for whoever may ingest into it (its stewards, administrators; FORBIDDEN otherwise) */
  datasetIngestHistory: Array<DatasetIngest>;
  /** Datasets visible to the caller, a page at a time by id: first from 1 to 200 (default 50), after = pageInfo.endCursor */
  datasetPage: DatasetPage;
  /**
   * Datasets visible to the caller, all at once
   * @deprecated Use datasetPage (cursor-paged by id, pageInfo { hasNextPage endCursor })
   */
  datasets: Array<Dataset>;
  /** MONDO disease terms for purpose pickers (public reference data): those matching `search` by id or label, and those named in `ids` */
  diseaseTerms: Array<DiseaseTerm>;
  /** The DUO terms this node understands (public reference data) */
  duoTerms: Array<DuoTerm>;
  /** Dry run: how a research purpose matches a dataset's consent (nothing is filed) */
  matchResearchPurpose: ConsentMatch;
  /** The verified identity of the caller (needs a bearer token) */
  me: Caller;
  /** The caller's notification preferences */
  myNotificationPreferences: NotificationPreferences;
  /** GA4GH-style permissions: ControlledAccessGrants visas (JWTs) for the caller's active grants */
  myPermissions: Array<Scalars['String']['output']>;
  /** Your own privacy allowance in a dataset: count budget spent and left (docs/privacy.md rule 7), quota and share of the current window; "not found or no access" when you may not see the dataset */
  myPrivacyAllowance: PrivacyAllowance;
  /** Your own privacy allowance in several datasets (at most 100), or in every dataset you may see when datasetIds is omitted; refused (UNKNOWN_DATASET) if any named dataset is not visible to you */
  myPrivacyAllowances: Array<PrivacyAllowance>;
  /** The beacon query asked of this node and every active peer at once (each applies its own rules to your passport); per-node answers with a status, and the aggregate */
  networkBeacon: NetworkBeaconResponse;
  /** This node's identity: node id, certificate (subject, fingerprint, expiry), signing key (admin) */
  nodeIdentity: NodeIdentity;
  /** Notification deliveries, newest first (administrators); status DEAD = the dead-letter list */
  notificationDeliveries: Array<NotificationDelivery>;
  /** Every notification event type, in the order the console lists them */
  notificationEventTypes: Array<Scalars['String']['output']>;
  /**
   * Decryptions of a dataset (optionally of one individual): who, when, for what purpose
   * @deprecated Use participantAccessPage (cursor-paged, pageInfo { hasNextPage endCursor })
   */
  participantAccessHistory: Array<ParticipantAccess>;
  /** participantAccessHistory a page at a time, newest first (keyset on seq): first from 1 to 500 (default 50), after = pageInfo.endCursor */
  participantAccessPage: ParticipantAccessPage;
  /** Every registered peer with its live status: each active peer is probed now, all at once, within its deadline (admin) */
  peerStatus: Array<PeerLiveStatus>;
  /** Registered peers (admin) */
  peers: Array<Peer>;
  /** Committee member: the reviews and decisions asked of me */
  reviewsAskedOfMe: Array<ReviewAskedOfMe>;
  /** Who stewards which dataset, by name and institution: every assignment (admin), or one dataset's for its own stewards (FORBIDDEN otherwise) */
  stewardAssignments: Array<StewardAssignment>;
  /** Admin: the node's users, their roles and stewardships */
  users: Array<UserAccount>;
};


export type QueryAccessRequestArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAccessRequestPageArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  datasetId: InputMaybe<Scalars['ID']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
  mine?: InputMaybe<Scalars['Boolean']['input']>;
  status: InputMaybe<Array<AccessRequestStatus>>;
};


export type QueryAccessRequestsArgs = {
  datasetId: InputMaybe<Scalars['ID']['input']>;
  mine?: InputMaybe<Scalars['Boolean']['input']>;
  states: InputMaybe<Array<Scalars['String']['input']>>;
  status: InputMaybe<Array<AccessRequestStatus>>;
};


export type QueryAuditActivityArgs = {
  bucket?: AuditBucket;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryAuditEventsArgs = {
  after: InputMaybe<Scalars['ID']['input']>;
  filter: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAuditIntegrityArgs = {
  fromSeq: InputMaybe<Scalars['ID']['input']>;
  toSeq: InputMaybe<Scalars['ID']['input']>;
};


export type QueryBeaconArgs = {
  query: BeaconQueryInput;
};


export type QueryDataAccessCommitteeArgs = {
  datasetId: Scalars['ID']['input'];
};


export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetIngestHistoryArgs = {
  datasetId: Scalars['ID']['input'];
};


export type QueryDatasetPageArgs = {
  after: InputMaybe<Scalars['ID']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDiseaseTermsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  ids: InputMaybe<Array<Scalars['String']['input']>>;
  search: InputMaybe<Scalars['String']['input']>;
};


export type QueryMatchResearchPurposeArgs = {
  datasetId: Scalars['ID']['input'];
  purpose: ResearchPurposeInput;
};


export type QueryMyPrivacyAllowanceArgs = {
  datasetId: Scalars['ID']['input'];
};


export type QueryMyPrivacyAllowancesArgs = {
  datasetIds: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type QueryNetworkBeaconArgs = {
  query: BeaconQueryInput;
};


export type QueryNotificationDeliveriesArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  requestId: InputMaybe<Scalars['ID']['input']>;
  status: InputMaybe<Scalars['String']['input']>;
};


export type QueryParticipantAccessHistoryArgs = {
  datasetId: Scalars['ID']['input'];
  individualId: InputMaybe<Scalars['ID']['input']>;
  sampleId: InputMaybe<Scalars['String']['input']>;
};


export type QueryParticipantAccessPageArgs = {
  after: InputMaybe<Scalars['ID']['input']>;
  datasetId: Scalars['ID']['input'];
  first: InputMaybe<Scalars['Int']['input']>;
  individualId: InputMaybe<Scalars['ID']['input']>;
  sampleId: InputMaybe<Scalars['String']['input']>;
};


export type QueryReviewsAskedOfMeArgs = {
  pending?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryStewardAssignmentsArgs = {
  datasetId: InputMaybe<Scalars['ID']['input']>;
};

/** The dataset's rules from policies/committees.yaml */
export type QuorumPolicy = {
  __typename?: 'QuorumPolicy';
  chairRequired: Scalars['Boolean']['output'];
  /** optional | required */
  committee: Scalars['String']['output'];
  maxRejections: Scalars['Int']['output'];
  minApprovals: Scalars['Int']['output'];
  /** none | visa | attestation | visa-or-attestation */
  researcherStatus: Scalars['String']['output'];
};

export type QuorumState = {
  __typename?: 'QuorumState';
  abstentions: Scalars['Int']['output'];
  /** Whether the quorum governs this dataset's approvals (a committee exists or is required) */
  applies: Scalars['Boolean']['output'];
  approvals: Scalars['Int']['output'];
  members: Scalars['Int']['output'];
  /** The votes allow an approval (a chair may still be required to decide) */
  met: Scalars['Boolean']['output'];
  /** What an approval still lacks, in words */
  missing: Array<Scalars['String']['output']>;
  policy: QuorumPolicy;
  rejections: Scalars['Int']['output'];
};

export type RegisterPeerInput = {
  /** Helixgate: its base URL; beacon-v2: its Beacon API root */
  baseUrl: Scalars['String']['input'];
  /** Pinned SHA-256 fingerprint of its node certificate */
  certificateSha256?: InputMaybe<Scalars['String']['input']>;
  /** beacon-v2 peers: what its numTotalResults counts (variants, individuals, unknown); only variants are summed with the other nodes; default unknown */
  counts?: InputMaybe<Scalars['String']['input']>;
  /** The peer's node id (its HELIXGATE_NODE_ID) */
  id: Scalars['String']['input'];
  /** Accept a plain http:// base URL knowingly: the exchange is not protected in transit, answers carry a warning */
  insecure?: Scalars['Boolean']['input'];
  /** Helixgate peers: the issuer its requests are signed as */
  issuer?: InputMaybe<Scalars['String']['input']>;
  /** Its public key set as JSON, pinned inline */
  jwks?: InputMaybe<Scalars['String']['input']>;
  /** Pinned RFC 7638 SHA-256 thumbprints of its signing keys */
  keyThumbprints?: InputMaybe<Array<Scalars['String']['input']>>;
  /** helixgate or beacon-v2 */
  kind?: Scalars['String']['input'];
  /** beacon-v2 peers: how it names chromosomes (ucsc chr22, ensembl 22, refseq NC_000022.11); default as asked */
  referenceNames?: InputMaybe<Scalars['String']['input']>;
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

/** APPLICANT: the researcher sees it; INTERNAL: only the committee and the stewards */
export type RemarkVisibility =
  | 'APPLICANT'
  | 'INTERNAL';

/** A research purpose, coded for matching against DUO consent */
export type ResearchPurposeInput = {
  category: PurposeCategory;
  /** The use includes clinical care */
  clinicalCare?: InputMaybe<Scalars['Boolean']['input']>;
  /** Agrees to collaborate with the primary investigators */
  collaborationWithPrimaryInvestigators?: InputMaybe<Scalars['Boolean']['input']>;
  /** The use is commercial */
  commercial: Scalars['Boolean']['input'];
  /** Uses the data as controls (e.g. a case-control comparison group) */
  controls?: InputMaybe<Scalars['Boolean']['input']>;
  /** Disease ids (DISEASE_SPECIFIC only): MONDO, or cross-references MONDO maps such as DOID:162 */
  diseases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Ethics (IRB/ERB) approval reference */
  ethicsApprovalRef?: InputMaybe<Scalars['String']['input']>;
  /** The requesting organisation is for-profit */
  forProfitOrganization: Scalars['Boolean']['input'];
  /** The study is limited to one gender */
  genderFocus?: InputMaybe<GenderFocus>;
  /** Genetic studies only (not phenotype research alone) */
  geneticStudiesOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** Country or region where the data will be used */
  geographicArea?: InputMaybe<Scalars['String']['input']>;
  /** Studies illegal behaviour (violence, abuse, ...) */
  illegalBehavior?: InputMaybe<Scalars['Boolean']['input']>;
  /** The study also develops methods, software or algorithms */
  methodsDevelopment?: InputMaybe<Scalars['Boolean']['input']>;
  /** Correlates ethnicity, race or gender with genetic or phenotypic variables beyond health research */
  notHealth?: InputMaybe<Scalars['Boolean']['input']>;
  /** Other aspects in free text (required for OTHER); a steward reads it */
  otherPurpose?: InputMaybe<Scalars['String']['input']>;
  /** The study is limited to a pediatric population (under 18) */
  pediatric?: InputMaybe<Scalars['Boolean']['input']>;
  /** The study also researches population origins or ancestry (a combined purpose) */
  populationOriginsAncestry?: InputMaybe<Scalars['Boolean']['input']>;
  /** Studies variation in the general population (e.g. variant calling) */
  populationVariation?: InputMaybe<Scalars['Boolean']['input']>;
  /** Studies psychological traits, intelligence or attention */
  psychologicalTraits?: InputMaybe<Scalars['Boolean']['input']>;
  /** Derived or enriched data will be returned */
  returnDerivedData?: InputMaybe<Scalars['Boolean']['input']>;
  /** Studies sexual preferences or sexually transmitted diseases */
  sexualDiseases?: InputMaybe<Scalars['Boolean']['input']>;
  /** Studies stigmatising illnesses */
  stigmatizedDiseases?: InputMaybe<Scalars['Boolean']['input']>;
  /** Targets a vulnerable population (children, prisoners, ...) */
  vulnerablePopulations?: InputMaybe<Scalars['Boolean']['input']>;
  /** Results will be made available to the scientific community */
  willPublish?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Bona fide status of the applicant and what the dataset requires */
export type ResearcherStatus = {
  __typename?: 'ResearcherStatus';
  attestationNote: Maybe<Scalars['String']['output']>;
  attestedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who attested it locally */
  attestedBy: Maybe<Person>;
  /** What an approval lacks */
  missing: Maybe<Scalars['String']['output']>;
  /** none | visa | attestation | visa-or-attestation */
  required: Scalars['String']['output'];
  satisfied: Scalars['Boolean']['output'];
  /** A trusted ResearcherStatus visa was presented with the request */
  visa: Scalars['Boolean']['output'];
  visaSource: Maybe<Scalars['String']['output']>;
};

export type ResubmitAccessRequestInput = {
  ethicsRef?: InputMaybe<Scalars['String']['input']>;
  justification?: InputMaybe<Scalars['String']['input']>;
  projectTitle?: InputMaybe<Scalars['String']['input']>;
  purpose?: InputMaybe<ResearchPurposeInput>;
};

/** A review or decision asked of the caller */
export type ReviewAskedOfMe = {
  __typename?: 'ReviewAskedOfMe';
  myVote: Maybe<ReviewVote>;
  request: AccessRequest;
  requestedAt: Scalars['DateTime']['output'];
  requestedBy: Person;
  role: ReviewRole;
};

/** A review (or the decision) the handler asked of a member */
export type ReviewAssignment = {
  __typename?: 'ReviewAssignment';
  /** False once reassigned: its votes no longer count */
  active: Scalars['Boolean']['output'];
  /** Who the review was reassigned to */
  replacedBy: Maybe<Person>;
  requestedAt: Scalars['DateTime']['output'];
  requestedBy: Person;
  /** issuer#subject of the reviewer */
  reviewer: Scalars['String']['output'];
  reviewerPerson: Person;
  role: ReviewRole;
};

/** REVIEWER: asked for a vote; CHAIR: asked for the decision */
export type ReviewRole =
  | 'CHAIR'
  | 'REVIEWER';

export type ReviewVote = {
  __typename?: 'ReviewVote';
  at: Scalars['DateTime']['output'];
  /** False for a vote its reviewer changed later (kept in the record) */
  current: Scalars['Boolean']['output'];
  rationale: Scalars['String']['output'];
  /** issuer#subject of the reviewer */
  reviewer: Scalars['String']['output'];
  reviewerPerson: Person;
  vote: VoteChoice;
};

/** Helixgate roles */
export type Role =
  | 'ADMIN'
  | 'COMPLIANCE'
  | 'DAC_CHAIR'
  | 'DAC_MEMBER'
  | 'RESEARCHER'
  | 'STEWARD';

/** RS: the research type use is limited to (PEDIATRIC: RS-PD; FEMALE/MALE: RS-G; CONTROLS: use as controls) */
export type RsResearchType =
  | 'CONTROLS'
  | 'FEMALE'
  | 'MALE'
  | 'PEDIATRIC';

/** PUBLIC: boolean answers for anyone; REGISTERED: counts for bona fide researchers; CONTROLLED: records with a grant */
export type SecurityLevel =
  | 'CONTROLLED'
  | 'PUBLIC'
  | 'REGISTERED';

/** A steward of a dataset, by name and institution */
export type StewardAssignment = {
  __typename?: 'StewardAssignment';
  assignedAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  steward: Person;
};

export type SubmitAccessRequestInput = {
  datasetId: Scalars['ID']['input'];
  /** Ethics (IRB/ERB) approval reference */
  ethicsRef?: InputMaybe<Scalars['String']['input']>;
  /** Why the data is needed (at least 20 characters) */
  justification: Scalars['String']['input'];
  projectTitle: Scalars['String']['input'];
  purpose: ResearchPurposeInput;
};

/** A user of this node as its administrators see them (no password, no invitation token) */
export type UserAccount = {
  __typename?: 'UserAccount';
  createdAt: Scalars['DateTime']['output'];
  disabledAt: Maybe<Scalars['DateTime']['output']>;
  /** Signs in with an institutional OpenID Connect provider, which sets their name, institution and roles at each sign-in */
  external: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  institution: Maybe<Scalars['String']['output']>;
  /** An unused invitation link is valid until then */
  invitationExpiresAt: Maybe<Scalars['DateTime']['output']>;
  /** The issuer of their identity: this node, or their institutional provider */
  issuer: Scalars['String']['output'];
  /** Their name as the console shows it (the username when none is recorded) */
  name: Scalars['String']['output'];
  /** A console password is set */
  passwordSet: Scalars['Boolean']['output'];
  roles: Array<Role>;
  /** Datasets they steward */
  stewardOf: Array<Scalars['ID']['output']>;
  /** Their subject at that issuer (what stewardships and the audit trail name) */
  subject: Scalars['String']['output'];
  username: Scalars['String']['output'];
};

/** A one-time invitation: the token goes in the link `<console>/invitation#<token>`, shown once and never stored in clear or audited */
export type UserInvitation = {
  __typename?: 'UserInvitation';
  expiresAt: Scalars['DateTime']['output'];
  token: Scalars['String']['output'];
  user: UserAccount;
};

/** A GA4GH visa that passed signature, trust, expiry and conditions checks */
export type Visa = {
  __typename?: 'Visa';
  /**
   * When the source asserted it (seconds since epoch)
   * @deprecated Use assertedAt (a DateTime)
   */
  asserted: Scalars['Float']['output'];
  /** When the source asserted it */
  assertedAt: Scalars['DateTime']['output'];
  by: Maybe<Scalars['String']['output']>;
  /**
   * Visa expiry (seconds since epoch)
   * @deprecated Use expiresAt (a DateTime)
   */
  exp: Scalars['Float']['output'];
  /** When the visa expires */
  expiresAt: Scalars['DateTime']['output'];
  /** Issuer of the visa */
  issuer: Scalars['String']['output'];
  source: Scalars['String']['output'];
  type: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** A committee reviewer's vote */
export type VoteChoice =
  | 'ABSTAIN'
  | 'APPROVE'
  | 'REJECT';

/** The outcome of a participant withdrawal (no identifier of the participant) */
export type Withdrawal = {
  __typename?: 'Withdrawal';
  /** True when earlier backups are unrecoverable too (the old master key was retired) */
  backupsShredded: Scalars['Boolean']['output'];
  datasetId: Scalars['ID']['output'];
  /** Data-key versions destroyed (crypto-shredding) */
  destroyedKeyVersions: Array<Scalars['Int']['output']>;
  newKeyVersion: Scalars['Int']['output'];
  seconds: Scalars['Float']['output'];
  /** Variant rows only the participant carried, deleted */
  variantsDeleted: Scalars['Int']['output'];
  /** Variant rows re-sealed without the participant */
  variantsRewritten: Scalars['Int']['output'];
};

export type DatasetOptionsQueryVariables = Exact<{
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['ID']['input']>;
}>;


export type DatasetOptionsQuery = { __typename?: 'Query', datasetPage: { __typename?: 'DatasetPage', datasets: Array<{ __typename?: 'Dataset', id: string, name: string, securityLevel: SecurityLevel, assembly: AssemblyId }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type DiseaseTermsQueryVariables = Exact<{
  search: InputMaybe<Scalars['String']['input']>;
  ids: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
}>;


export type DiseaseTermsQuery = { __typename?: 'Query', diseaseTerms: Array<{ __typename?: 'DiseaseTerm', id: string, label: string }> };

export type DuoConsentFragment = { __typename?: 'DatasetConsent', permission: DuoPermission, diseases: Array<string>, modifiers: Array<{ __typename?: 'ConsentModifier', code: DuoModifier, months: number | null, moratoriumUntil: string | null, note: string | null, region: string | null }> };

export type AllowanceFieldsFragment = { __typename?: 'PrivacyAllowance', datasetId: string, granularity: EntitledGranularity, guarded: boolean, holder: AllowanceHolder, countBudget: { __typename?: 'CountBudget', spentNats: number, capNats: number, leftNats: number, fractionLeft: number, estimates: Array<{ __typename?: 'CountCostEstimate', alleleFrequency: number, natsPerCount: number | null, countsLeft: number | null }> } | null, quota: { __typename?: 'AlleleQuota', allelesUsed: number, allelesCap: number, shareUsedNats: number, shareCapNats: number, windowSeconds: number, windowEndsAt: string } };

export type MyPrivacyAllowancesQueryVariables = Exact<{
  datasetIds: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type MyPrivacyAllowancesQuery = { __typename?: 'Query', myPrivacyAllowances: Array<{ __typename?: 'PrivacyAllowance', datasetId: string, granularity: EntitledGranularity, guarded: boolean, holder: AllowanceHolder, countBudget: { __typename?: 'CountBudget', spentNats: number, capNats: number, leftNats: number, fractionLeft: number, estimates: Array<{ __typename?: 'CountCostEstimate', alleleFrequency: number, natsPerCount: number | null, countsLeft: number | null }> } | null, quota: { __typename?: 'AlleleQuota', allelesUsed: number, allelesCap: number, shareUsedNats: number, shareCapNats: number, windowSeconds: number, windowEndsAt: string } }> };

export type UserAccountFieldsFragment = { __typename?: 'UserAccount', id: string, username: string, name: string, institution: string | null, roles: Array<Role>, issuer: string, subject: string, external: boolean, passwordSet: boolean, invitationExpiresAt: string | null, disabledAt: string | null, createdAt: string, stewardOf: Array<string> };

export type AdminUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminUsersQuery = { __typename?: 'Query', users: Array<{ __typename?: 'UserAccount', id: string, username: string, name: string, institution: string | null, roles: Array<Role>, issuer: string, subject: string, external: boolean, passwordSet: boolean, invitationExpiresAt: string | null, disabledAt: string | null, createdAt: string, stewardOf: Array<string> }> };

export type AddUserMutationVariables = Exact<{
  input: AddUserInput;
}>;


export type AddUserMutation = { __typename?: 'Mutation', addUser: { __typename?: 'UserInvitation', token: string, expiresAt: string, user: { __typename?: 'UserAccount', id: string, username: string, name: string, institution: string | null, roles: Array<Role>, issuer: string, subject: string, external: boolean, passwordSet: boolean, invitationExpiresAt: string | null, disabledAt: string | null, createdAt: string, stewardOf: Array<string> } } };

export type InviteUserMutationVariables = Exact<{
  username: Scalars['String']['input'];
}>;


export type InviteUserMutation = { __typename?: 'Mutation', inviteUser: { __typename?: 'UserInvitation', token: string, expiresAt: string, user: { __typename?: 'UserAccount', id: string, username: string, name: string, institution: string | null, roles: Array<Role>, issuer: string, subject: string, external: boolean, passwordSet: boolean, invitationExpiresAt: string | null, disabledAt: string | null, createdAt: string, stewardOf: Array<string> } } };

export type GrantRoleMutationVariables = Exact<{
  username: Scalars['String']['input'];
  role: Role;
}>;


export type GrantRoleMutation = { __typename?: 'Mutation', grantRole: { __typename?: 'UserAccount', id: string, username: string, name: string, institution: string | null, roles: Array<Role>, issuer: string, subject: string, external: boolean, passwordSet: boolean, invitationExpiresAt: string | null, disabledAt: string | null, createdAt: string, stewardOf: Array<string> } };

export type RevokeRoleMutationVariables = Exact<{
  username: Scalars['String']['input'];
  role: Role;
}>;


export type RevokeRoleMutation = { __typename?: 'Mutation', revokeRole: { __typename?: 'UserAccount', id: string, username: string, name: string, institution: string | null, roles: Array<Role>, issuer: string, subject: string, external: boolean, passwordSet: boolean, invitationExpiresAt: string | null, disabledAt: string | null, createdAt: string, stewardOf: Array<string> } };

export type AdminStewardsQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminStewardsQuery = { __typename?: 'Query', stewardAssignments: Array<{ __typename?: 'StewardAssignment', datasetId: string, assignedAt: string, steward: { __typename?: 'Person', name: string, institution: string | null, username: string | null, issuer: string, subject: string } }>, users: Array<{ __typename?: 'UserAccount', id: string, username: string, name: string, institution: string | null, roles: Array<Role>, issuer: string, subject: string, external: boolean, passwordSet: boolean, invitationExpiresAt: string | null, disabledAt: string | null, createdAt: string, stewardOf: Array<string> }> };

export type AssignStewardMutationVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  subject: Scalars['String']['input'];
  issuer: InputMaybe<Scalars['String']['input']>;
}>;


export type AssignStewardMutation = { __typename?: 'Mutation', assignSteward: boolean };

export type UnassignStewardMutationVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  subject: Scalars['String']['input'];
  issuer: InputMaybe<Scalars['String']['input']>;
}>;


export type UnassignStewardMutation = { __typename?: 'Mutation', unassignSteward: boolean };

export type PeerStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type PeerStatusQuery = { __typename?: 'Query', peerStatus: Array<{ __typename?: 'PeerLiveStatus', status: PeerProbeStatus, latencyMs: number | null, message: string | null, checkedAt: string, peer: { __typename?: 'Peer', id: string, kind: string, baseUrl: string, state: PeerState, issuer: string | null, insecure: boolean, keyThumbprints: Array<string>, certificateSha256: string | null, source: string, updatedAt: string } }> };

export type NodeIdentityQueryVariables = Exact<{ [key: string]: never; }>;


export type NodeIdentityQuery = { __typename?: 'Query', nodeIdentity: { __typename?: 'NodeIdentity', nodeId: string, name: string, issuer: string, baseUrl: string, jwksUri: string, signingKeyId: string, keyThumbprints: Array<string>, certificate: { __typename?: 'NodeCertificate', subject: string, issuer: string, selfSigned: boolean, serialNumber: string, sha256: string, notBefore: string, notAfter: string, daysLeft: number, coversSigningKey: boolean } | null } };

export type AuditActivityQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
  bucket: InputMaybe<AuditBucket>;
}>;


export type AuditActivityQuery = { __typename?: 'Query', auditActivity: { __typename?: 'AuditActivity', from: string, to: string, bucket: AuditBucket, buckets: Array<{ __typename?: 'AuditActivityBucket', start: string, allow: number, deny: number, error: number, decryptions: number }>, topActors: Array<{ __typename?: 'AuditActorCount', actor: string, institution: string | null, events: number, denied: number, actorPerson: { __typename?: 'Person', name: string, institution: string | null } | null }>, refusals: Array<{ __typename?: 'AuditReasonCount', reason: string, count: number }> } };

export type AuditEventsQueryVariables = Exact<{
  filter: InputMaybe<AuditEventFilter>;
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['ID']['input']>;
}>;


export type AuditEventsQuery = { __typename?: 'Query', auditEvents: { __typename?: 'AuditEventPage', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, events: Array<{ __typename?: 'AuditEvent', seq: string, at: string, actor: string, institution: string | null, roles: Array<string>, action: string, resource: string | null, outcome: AuditOutcome, reason: string | null, datasetIds: Array<string>, granularity: string | null, requestId: string | null, details: unknown, hash: string, prevHash: string, actorPerson: { __typename?: 'Person', name: string, institution: string | null } | null }> } };

export type AuditIntegrityQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditIntegrityQuery = { __typename?: 'Query', auditIntegrity: { __typename?: 'AuditIntegrity', ok: boolean, message: string, firstBadSeq: string | null, problem: AuditProblem | null, suspectFromSeq: string | null, lastSeq: string | null, eventsChecked: number, checkpointsVerified: number, rowsPerSecond: number }, auditAlerts: Array<{ __typename?: 'AuditAlert', actor: string, count: number, baseline: number, windowSeconds: number, firstAt: string, lastAt: string }> };

export type ParticipantAccessQueryVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  individualId: InputMaybe<Scalars['ID']['input']>;
  sampleId: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['ID']['input']>;
}>;


export type ParticipantAccessQuery = { __typename?: 'Query', participantAccessPage: { __typename?: 'ParticipantAccessPage', accesses: Array<{ __typename?: 'ParticipantAccess', seq: string, at: string, actor: string, institution: string | null, action: string, purpose: string | null, individualCount: number | null, requestId: string | null }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type CatalogueQueryVariables = Exact<{
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['ID']['input']>;
}>;


export type CatalogueQuery = { __typename?: 'Query', myPermissions: Array<string>, datasetPage: { __typename?: 'DatasetPage', datasets: Array<{ __typename?: 'Dataset', id: string, name: string, description: string, assembly: AssemblyId, securityLevel: SecurityLevel, individualCount: number, variantCount: number, consent: { __typename?: 'DatasetConsent', permission: DuoPermission, diseases: Array<string>, modifiers: Array<{ __typename?: 'ConsentModifier', code: DuoModifier, months: number | null, moratoriumUntil: string | null, note: string | null, region: string | null }> } | null }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type PersonNameFragment = { __typename?: 'Person', name: string, institution: string | null, username: string | null };

export type ReviewsAskedOfMeQueryVariables = Exact<{
  pending: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type ReviewsAskedOfMeQuery = { __typename?: 'Query', reviewsAskedOfMe: Array<{ __typename?: 'ReviewAskedOfMe', role: ReviewRole, requestedAt: string, requestedBy: { __typename?: 'Person', name: string, institution: string | null, username: string | null }, myVote: { __typename?: 'ReviewVote', vote: VoteChoice, at: string } | null, request: { __typename?: 'AccessRequest', id: string, datasetId: string, projectTitle: string, status: AccessRequestStatus, createdAt: string, applicant: { __typename?: 'Person', name: string, institution: string | null, username: string | null }, duoMatch: { __typename?: 'ConsentMatch', outcome: MatchVerdict } } }> };

export type RequestCommitteeQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RequestCommitteeQuery = { __typename?: 'Query', accessRequest: { __typename?: 'AccessRequest', id: string, datasetId: string, status: AccessRequestStatus, handler: { __typename?: 'Person', name: string, institution: string | null, username: string | null } | null, researcherStatus: { __typename?: 'ResearcherStatus', required: string, visa: boolean, visaSource: string | null, satisfied: boolean, missing: string | null, attestedAt: string | null, attestationNote: string | null, attestedBy: { __typename?: 'Person', name: string, institution: string | null, username: string | null } | null }, remarks: Array<{ __typename?: 'AccessRemark', id: string, visibility: RemarkVisibility, body: string, at: string, author: { __typename?: 'Person', name: string, institution: string | null, username: string | null } }>, review: { __typename?: 'AccessReview', assignments: Array<{ __typename?: 'ReviewAssignment', reviewer: string, role: ReviewRole, active: boolean, requestedAt: string, reviewerPerson: { __typename?: 'Person', name: string, institution: string | null, username: string | null }, requestedBy: { __typename?: 'Person', name: string, institution: string | null, username: string | null }, replacedBy: { __typename?: 'Person', name: string, institution: string | null, username: string | null } | null }>, votes: Array<{ __typename?: 'ReviewVote', reviewer: string, vote: VoteChoice, rationale: string, at: string, current: boolean, reviewerPerson: { __typename?: 'Person', name: string, institution: string | null, username: string | null } }>, voteHistory: Array<{ __typename?: 'ReviewVote', reviewer: string, vote: VoteChoice, rationale: string, at: string, current: boolean, reviewerPerson: { __typename?: 'Person', name: string, institution: string | null, username: string | null } }>, quorum: { __typename?: 'QuorumState', applies: boolean, members: number, approvals: number, rejections: number, abstentions: number, met: boolean, missing: Array<string>, policy: { __typename?: 'QuorumPolicy', committee: string, minApprovals: number, maxRejections: number, chairRequired: boolean, researcherStatus: string } } } | null } };

export type DatasetCommitteeQueryVariables = Exact<{
  datasetId: Scalars['ID']['input'];
}>;


export type DatasetCommitteeQuery = { __typename?: 'Query', dataAccessCommittee: Array<{ __typename?: 'CommitteeMember', member: string, chair: boolean, person: { __typename?: 'Person', name: string, institution: string | null, username: string | null } }> };

export type CastReviewVoteMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  vote: VoteChoice;
  rationale: Scalars['String']['input'];
}>;


export type CastReviewVoteMutation = { __typename?: 'Mutation', castReviewVote: { __typename?: 'AccessRequest', id: string } };

export type ChangeReviewVoteMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  vote: VoteChoice;
  rationale: Scalars['String']['input'];
}>;


export type ChangeReviewVoteMutation = { __typename?: 'Mutation', changeReviewVote: { __typename?: 'AccessRequest', id: string } };

export type AddAccessRemarkMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  body: Scalars['String']['input'];
  visibility: RemarkVisibility;
}>;


export type AddAccessRemarkMutation = { __typename?: 'Mutation', addAccessRemark: { __typename?: 'AccessRequest', id: string } };

export type RequestAccessReviewMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reviewers: Array<Scalars['String']['input']> | Scalars['String']['input'];
  chair: InputMaybe<Scalars['String']['input']>;
}>;


export type RequestAccessReviewMutation = { __typename?: 'Mutation', requestAccessReview: { __typename?: 'AccessRequest', id: string } };

export type ReassignAccessReviewMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
  note: InputMaybe<Scalars['String']['input']>;
}>;


export type ReassignAccessReviewMutation = { __typename?: 'Mutation', reassignAccessReview: { __typename?: 'AccessRequest', id: string } };

export type AttestResearcherStatusMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  note: Scalars['String']['input'];
}>;


export type AttestResearcherStatusMutation = { __typename?: 'Mutation', attestResearcherStatus: { __typename?: 'AccessRequest', id: string } };

export type AddCommitteeMemberMutationVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  member: Scalars['String']['input'];
  chair: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type AddCommitteeMemberMutation = { __typename?: 'Mutation', addCommitteeMember: boolean };

export type RemoveCommitteeMemberMutationVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  member: Scalars['String']['input'];
}>;


export type RemoveCommitteeMemberMutation = { __typename?: 'Mutation', removeCommitteeMember: boolean };

export type DatasetDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DatasetDetailQuery = { __typename?: 'Query', dataset: { __typename?: 'Dataset', id: string, name: string, description: string, assembly: AssemblyId, securityLevel: SecurityLevel, individualCount: number, variantCount: number, createdAt: string, consent: { __typename?: 'DatasetConsent', permission: DuoPermission, diseases: Array<string>, updatedAt: string, modifiers: Array<{ __typename?: 'ConsentModifier', code: DuoModifier, months: number | null, moratoriumUntil: string | null, note: string | null, region: string | null }> } | null } };

export type SetDatasetConsentMutationVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  consent: DatasetConsentInput;
}>;


export type SetDatasetConsentMutation = { __typename?: 'Mutation', setDatasetConsent: { __typename?: 'DatasetConsent', datasetId: string, permission: DuoPermission, diseases: Array<string>, updatedAt: string, modifiers: Array<{ __typename?: 'ConsentModifier', code: DuoModifier, months: number | null, moratoriumUntil: string | null, note: string | null, region: string | null }> } };

export type WithdrawParticipantMutationVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  sampleId: Scalars['String']['input'];
}>;


export type WithdrawParticipantMutation = { __typename?: 'Mutation', withdrawParticipant: { __typename?: 'Withdrawal', datasetId: string, variantsRewritten: number, variantsDeleted: number, newKeyVersion: number, destroyedKeyVersions: Array<number>, backupsShredded: boolean, seconds: number } };

export type DatasetIngestHistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DatasetIngestHistoryQuery = { __typename?: 'Query', datasetIngestHistory: Array<{ __typename?: 'DatasetIngest', id: string, file: string, sha256: string | null, replace: boolean, records: number, altRows: number, skipped: number, individuals: number, annotations: number, seconds: number, ingestedAt: string, loadedBy: { __typename?: 'Person', name: string, institution: string | null } | null }> };

export type MyGrantsQueryVariables = Exact<{
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['String']['input']>;
}>;


export type MyGrantsQuery = { __typename?: 'Query', accessRequestPage: { __typename?: 'AccessRequestPage', requests: Array<{ __typename?: 'AccessRequest', id: string, datasetId: string, projectTitle: string, status: AccessRequestStatus, expiresAt: string | null, updatedAt: string }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type GrantVisaMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GrantVisaMutation = { __typename?: 'Mutation', grantVisa: string };

export type GrantLifecycleQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GrantLifecycleQuery = { __typename?: 'Query', accessRequest: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus, expiresAt: string | null, updatedAt: string, renewalOf: string | null, renewals: Array<string>, remindersSent: Array<number>, history: Array<{ __typename?: 'AccessRequestEvent', at: string, fromState: AccessRequestStatus | null, toState: AccessRequestStatus }>, closeOut: { __typename?: 'AccessCloseOut', kind: string, statement: string, recordedBy: string, recordedAt: string } | null } };

export type RequestAccessRenewalMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  justification: InputMaybe<Scalars['String']['input']>;
}>;


export type RequestAccessRenewalMutation = { __typename?: 'Mutation', requestAccessRenewal: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus } };

export type CloseOutAccessGrantMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  kind: Scalars['String']['input'];
  statement: Scalars['String']['input'];
}>;


export type CloseOutAccessGrantMutation = { __typename?: 'Mutation', closeOutAccessGrant: { __typename?: 'AccessCloseOut', kind: string, recordedAt: string } };

export type MyNotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyNotificationPreferencesQuery = { __typename?: 'Query', notificationEventTypes: Array<string>, myNotificationPreferences: { __typename?: 'NotificationPreferences', email: string | null, emailEnabled: boolean, events: Array<string> } };

export type SetNotificationPreferencesMutationVariables = Exact<{
  input: NotificationPreferencesInput;
}>;


export type SetNotificationPreferencesMutation = { __typename?: 'Mutation', setNotificationPreferences: { __typename?: 'NotificationPreferences', email: string | null, emailEnabled: boolean, events: Array<string> } };

export type NotificationDeliveriesQueryVariables = Exact<{
  status: InputMaybe<Scalars['String']['input']>;
  limit: InputMaybe<Scalars['Int']['input']>;
}>;


export type NotificationDeliveriesQuery = { __typename?: 'Query', notificationDeliveries: Array<{ __typename?: 'NotificationDelivery', id: string, type: string, requestId: string | null, datasetId: string | null, channel: string, target: string, status: string, attempts: number, nextAttemptAt: string, lastError: string | null, sentAt: string | null, createdAt: string }> };

export type RetryNotificationDeliveriesMutationVariables = Exact<{
  ids: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type RetryNotificationDeliveriesMutation = { __typename?: 'Mutation', retryNotificationDeliveries: Array<string> };

export type RequestSummaryFragment = { __typename?: 'AccessRequest', id: string, datasetId: string, projectTitle: string, status: AccessRequestStatus, createdAt: string, updatedAt: string, expiresAt: string | null, applicant: { __typename?: 'Person', name: string, institution: string | null }, duoMatch: { __typename?: 'ConsentMatch', outcome: MatchVerdict } };

export type MyRequestsQueryVariables = Exact<{
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['String']['input']>;
}>;


export type MyRequestsQuery = { __typename?: 'Query', accessRequestPage: { __typename?: 'AccessRequestPage', requests: Array<{ __typename?: 'AccessRequest', id: string, datasetId: string, projectTitle: string, status: AccessRequestStatus, createdAt: string, updatedAt: string, expiresAt: string | null, applicant: { __typename?: 'Person', name: string, institution: string | null }, duoMatch: { __typename?: 'ConsentMatch', outcome: MatchVerdict } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type RequestDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RequestDetailQuery = { __typename?: 'Query', accessRequest: { __typename?: 'AccessRequest', id: string, datasetId: string, projectTitle: string, justification: string, ethicsRef: string | null, researchPurpose: unknown, status: AccessRequestStatus, decisionNote: string | null, expiresAt: string | null, createdAt: string, updatedAt: string, applicant: { __typename?: 'Person', name: string, institution: string | null, username: string | null }, decider: { __typename?: 'Person', name: string, institution: string | null } | null, duoMatch: { __typename?: 'ConsentMatch', outcome: MatchVerdict, reasons: Array<{ __typename?: 'ConsentMatchReason', code: string, verdict: MatchVerdict, reason: string }> }, history: Array<{ __typename?: 'AccessRequestEvent', at: string, action: string, fromState: AccessRequestStatus | null, toState: AccessRequestStatus, note: string | null, visibility: string, actorPerson: { __typename?: 'Person', name: string, institution: string | null }, aboutPerson: { __typename?: 'Person', name: string, institution: string | null } | null }> } };

export type RequestFormDataQueryVariables = Exact<{
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['ID']['input']>;
}>;


export type RequestFormDataQuery = { __typename?: 'Query', datasetPage: { __typename?: 'DatasetPage', datasets: Array<{ __typename?: 'Dataset', id: string, name: string, securityLevel: SecurityLevel, consent: { __typename?: 'DatasetConsent', permission: DuoPermission, diseases: Array<string>, modifiers: Array<{ __typename?: 'ConsentModifier', code: DuoModifier, months: number | null, moratoriumUntil: string | null, note: string | null, region: string | null }> } | null }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type MatchPurposeQueryVariables = Exact<{
  datasetId: Scalars['ID']['input'];
  purpose: ResearchPurposeInput;
}>;


export type MatchPurposeQuery = { __typename?: 'Query', matchResearchPurpose: { __typename?: 'ConsentMatch', outcome: MatchVerdict, reasons: Array<{ __typename?: 'ConsentMatchReason', code: string, verdict: MatchVerdict, reason: string }> } };

export type SubmitAccessRequestMutationVariables = Exact<{
  input: SubmitAccessRequestInput;
}>;


export type SubmitAccessRequestMutation = { __typename?: 'Mutation', submitAccessRequest: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus } };

export type WithdrawAccessRequestMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WithdrawAccessRequestMutation = { __typename?: 'Mutation', withdrawAccessRequest: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus } };

export type ApproveAccessRequestMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  expiresAt: Scalars['DateTime']['input'];
  note: InputMaybe<Scalars['String']['input']>;
}>;


export type ApproveAccessRequestMutation = { __typename?: 'Mutation', approveAccessRequest: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus, expiresAt: string | null } };

export type RejectAccessRequestMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
}>;


export type RejectAccessRequestMutation = { __typename?: 'Mutation', rejectAccessRequest: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus } };

export type ReturnAccessRequestMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  note: Scalars['String']['input'];
}>;


export type ReturnAccessRequestMutation = { __typename?: 'Mutation', returnAccessRequest: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus } };

export type RevokeAccessGrantMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  block: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type RevokeAccessGrantMutation = { __typename?: 'Mutation', revokeAccessGrant: { __typename?: 'AccessRequest', id: string, status: AccessRequestStatus } };

export type ReviewQueueQueryVariables = Exact<{
  status: InputMaybe<Array<AccessRequestStatus> | AccessRequestStatus>;
  datasetId: InputMaybe<Scalars['ID']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['String']['input']>;
}>;


export type ReviewQueueQuery = { __typename?: 'Query', accessRequestPage: { __typename?: 'AccessRequestPage', requests: Array<{ __typename?: 'AccessRequest', id: string, datasetId: string, projectTitle: string, status: AccessRequestStatus, createdAt: string, updatedAt: string, expiresAt: string | null, applicant: { __typename?: 'Person', name: string, institution: string | null }, duoMatch: { __typename?: 'ConsentMatch', outcome: MatchVerdict } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ResultSetFieldsFragment = { __typename?: 'BeaconResultSet', datasetId: string, exists: boolean, granularity: BeaconGranularity, count: number | null, precision: CountPrecision | null, countAdjustedTo: number | null, alleleCount: number | null, alleleNumber: number | null, alleleFrequency: number | null, hetCarriers: number | null, homAltCarriers: number | null, hemiCarriers: number | null, recordsTruncated: boolean, records: Array<{ __typename?: 'BeaconVariantRecord', chrom: string, pos: number, ref: string, alt: string, variantType: string, alleleCount: number, alleleNumber: number, carriers: Array<{ __typename?: 'BeaconCarrier', sampleId: string, genotype: string }> }> | null };

export type VariantSearchQueryVariables = Exact<{
  query: BeaconQueryInput;
}>;


export type VariantSearchQuery = { __typename?: 'Query', beacon: { __typename?: 'BeaconResponse', exists: boolean, numTotalResults: number | null, meta: { __typename?: 'BeaconMeta', requestId: string, returnedGranularity: BeaconGranularity }, resultSets: Array<{ __typename?: 'BeaconResultSet', datasetId: string, exists: boolean, granularity: BeaconGranularity, count: number | null, precision: CountPrecision | null, countAdjustedTo: number | null, alleleCount: number | null, alleleNumber: number | null, alleleFrequency: number | null, hetCarriers: number | null, homAltCarriers: number | null, hemiCarriers: number | null, recordsTruncated: boolean, records: Array<{ __typename?: 'BeaconVariantRecord', chrom: string, pos: number, ref: string, alt: string, variantType: string, alleleCount: number, alleleNumber: number, carriers: Array<{ __typename?: 'BeaconCarrier', sampleId: string, genotype: string }> }> | null }> } };

export type NetworkSearchQueryVariables = Exact<{
  query: BeaconQueryInput;
}>;


export type NetworkSearchQuery = { __typename?: 'Query', networkBeacon: { __typename?: 'NetworkBeaconResponse', requestId: string, exists: boolean, numTotalResults: number | null, countedNodes: Array<string>, nodes: Array<{ __typename?: 'NetworkNodeResult', nodeId: string, kind: string, status: NodeAnswerStatus, latencyMs: number, message: string | null, exists: boolean | null, numTotalResults: number | null, returnedGranularity: BeaconGranularity | null, countKind: string, insecureTransport: boolean, warning: string | null, resultSets: Array<{ __typename?: 'BeaconResultSet', datasetId: string, exists: boolean, granularity: BeaconGranularity, count: number | null, precision: CountPrecision | null, countAdjustedTo: number | null, alleleCount: number | null, alleleNumber: number | null, alleleFrequency: number | null, hetCarriers: number | null, homAltCarriers: number | null, hemiCarriers: number | null, recordsTruncated: boolean, records: Array<{ __typename?: 'BeaconVariantRecord', chrom: string, pos: number, ref: string, alt: string, variantType: string, alleleCount: number, alleleNumber: number, carriers: Array<{ __typename?: 'BeaconCarrier', sampleId: string, genotype: string }> }> | null }> }> } };

export const DuoConsentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DuoConsent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DatasetConsent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"permission"}},{"kind":"Field","name":{"kind":"Name","value":"diseases"}},{"kind":"Field","name":{"kind":"Name","value":"modifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"moratoriumUntil"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}}]}}]} as unknown as DocumentNode<DuoConsentFragment, unknown>;
export const AllowanceFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllowanceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PrivacyAllowance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"granularity"}},{"kind":"Field","name":{"kind":"Name","value":"guarded"}},{"kind":"Field","name":{"kind":"Name","value":"holder"}},{"kind":"Field","name":{"kind":"Name","value":"countBudget"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"spentNats"}},{"kind":"Field","name":{"kind":"Name","value":"capNats"}},{"kind":"Field","name":{"kind":"Name","value":"leftNats"}},{"kind":"Field","name":{"kind":"Name","value":"fractionLeft"}},{"kind":"Field","name":{"kind":"Name","value":"estimates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alleleFrequency"}},{"kind":"Field","name":{"kind":"Name","value":"natsPerCount"}},{"kind":"Field","name":{"kind":"Name","value":"countsLeft"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"quota"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allelesUsed"}},{"kind":"Field","name":{"kind":"Name","value":"allelesCap"}},{"kind":"Field","name":{"kind":"Name","value":"shareUsedNats"}},{"kind":"Field","name":{"kind":"Name","value":"shareCapNats"}},{"kind":"Field","name":{"kind":"Name","value":"windowSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"windowEndsAt"}}]}}]}}]} as unknown as DocumentNode<AllowanceFieldsFragment, unknown>;
export const UserAccountFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"invitationExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stewardOf"}}]}}]} as unknown as DocumentNode<UserAccountFieldsFragment, unknown>;
export const PersonNameFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PersonName"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]} as unknown as DocumentNode<PersonNameFragment, unknown>;
export const RequestSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RequestSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"projectTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duoMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]} as unknown as DocumentNode<RequestSummaryFragment, unknown>;
export const ResultSetFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResultSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BeaconResultSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"exists"}},{"kind":"Field","name":{"kind":"Name","value":"granularity"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"countAdjustedTo"}},{"kind":"Field","name":{"kind":"Name","value":"alleleCount"}},{"kind":"Field","name":{"kind":"Name","value":"alleleNumber"}},{"kind":"Field","name":{"kind":"Name","value":"alleleFrequency"}},{"kind":"Field","name":{"kind":"Name","value":"hetCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"homAltCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"hemiCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"recordsTruncated"}},{"kind":"Field","name":{"kind":"Name","value":"records"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chrom"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"ref"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"variantType"}},{"kind":"Field","name":{"kind":"Name","value":"alleleCount"}},{"kind":"Field","name":{"kind":"Name","value":"alleleNumber"}},{"kind":"Field","name":{"kind":"Name","value":"carriers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sampleId"}},{"kind":"Field","name":{"kind":"Name","value":"genotype"}}]}}]}}]}}]} as unknown as DocumentNode<ResultSetFieldsFragment, unknown>;
export const DatasetOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"securityLevel"}},{"kind":"Field","name":{"kind":"Name","value":"assembly"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DatasetOptionsQuery, DatasetOptionsQueryVariables>;
export const DiseaseTermsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DiseaseTerms"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"diseaseTerms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<DiseaseTermsQuery, DiseaseTermsQueryVariables>;
export const MyPrivacyAllowancesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPrivacyAllowances"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myPrivacyAllowances"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllowanceFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllowanceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PrivacyAllowance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"granularity"}},{"kind":"Field","name":{"kind":"Name","value":"guarded"}},{"kind":"Field","name":{"kind":"Name","value":"holder"}},{"kind":"Field","name":{"kind":"Name","value":"countBudget"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"spentNats"}},{"kind":"Field","name":{"kind":"Name","value":"capNats"}},{"kind":"Field","name":{"kind":"Name","value":"leftNats"}},{"kind":"Field","name":{"kind":"Name","value":"fractionLeft"}},{"kind":"Field","name":{"kind":"Name","value":"estimates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alleleFrequency"}},{"kind":"Field","name":{"kind":"Name","value":"natsPerCount"}},{"kind":"Field","name":{"kind":"Name","value":"countsLeft"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"quota"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allelesUsed"}},{"kind":"Field","name":{"kind":"Name","value":"allelesCap"}},{"kind":"Field","name":{"kind":"Name","value":"shareUsedNats"}},{"kind":"Field","name":{"kind":"Name","value":"shareCapNats"}},{"kind":"Field","name":{"kind":"Name","value":"windowSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"windowEndsAt"}}]}}]}}]} as unknown as DocumentNode<MyPrivacyAllowancesQuery, MyPrivacyAllowancesQueryVariables>;
export const AdminUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserAccountFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"invitationExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stewardOf"}}]}}]} as unknown as DocumentNode<AdminUsersQuery, AdminUsersQueryVariables>;
export const AddUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserAccountFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"invitationExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stewardOf"}}]}}]} as unknown as DocumentNode<AddUserMutation, AddUserMutationVariables>;
export const InviteUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InviteUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inviteUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserAccountFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"invitationExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stewardOf"}}]}}]} as unknown as DocumentNode<InviteUserMutation, InviteUserMutationVariables>;
export const GrantRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserAccountFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"invitationExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stewardOf"}}]}}]} as unknown as DocumentNode<GrantRoleMutation, GrantRoleMutationVariables>;
export const RevokeRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserAccountFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"invitationExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stewardOf"}}]}}]} as unknown as DocumentNode<RevokeRoleMutation, RevokeRoleMutationVariables>;
export const AdminStewardsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminStewards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stewardAssignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"assignedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steward"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserAccountFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"invitationExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stewardOf"}}]}}]} as unknown as DocumentNode<AdminStewardsQuery, AdminStewardsQueryVariables>;
export const AssignStewardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignSteward"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subject"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"issuer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignSteward"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"subject"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subject"}}},{"kind":"Argument","name":{"kind":"Name","value":"issuer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"issuer"}}}]}]}}]} as unknown as DocumentNode<AssignStewardMutation, AssignStewardMutationVariables>;
export const UnassignStewardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnassignSteward"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subject"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"issuer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unassignSteward"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"subject"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subject"}}},{"kind":"Argument","name":{"kind":"Name","value":"issuer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"issuer"}}}]}]}}]} as unknown as DocumentNode<UnassignStewardMutation, UnassignStewardMutationVariables>;
export const PeerStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PeerStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"peerStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"peer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"insecure"}},{"kind":"Field","name":{"kind":"Name","value":"keyThumbprints"}},{"kind":"Field","name":{"kind":"Name","value":"certificateSha256"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<PeerStatusQuery, PeerStatusQueryVariables>;
export const NodeIdentityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeIdentity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeIdentity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}},{"kind":"Field","name":{"kind":"Name","value":"signingKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"keyThumbprints"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"selfSigned"}},{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeft"}},{"kind":"Field","name":{"kind":"Name","value":"coversSigningKey"}}]}}]}}]}}]} as unknown as DocumentNode<NodeIdentityQuery, NodeIdentityQueryVariables>;
export const AuditActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditBucket"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"bucket"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"allow"}},{"kind":"Field","name":{"kind":"Name","value":"deny"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"decryptions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"topActors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"actorPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"denied"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<AuditActivityQuery, AuditActivityQueryVariables>;
export const AuditEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"actorPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"resource"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"datasetIds"}},{"kind":"Field","name":{"kind":"Name","value":"granularity"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"hash"}},{"kind":"Field","name":{"kind":"Name","value":"prevHash"}}]}}]}}]}}]} as unknown as DocumentNode<AuditEventsQuery, AuditEventsQueryVariables>;
export const AuditIntegrityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditIntegrity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditIntegrity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"firstBadSeq"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}},{"kind":"Field","name":{"kind":"Name","value":"suspectFromSeq"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeq"}},{"kind":"Field","name":{"kind":"Name","value":"eventsChecked"}},{"kind":"Field","name":{"kind":"Name","value":"checkpointsVerified"}},{"kind":"Field","name":{"kind":"Name","value":"rowsPerSecond"}}]}},{"kind":"Field","name":{"kind":"Name","value":"auditAlerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"windowSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"firstAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastAt"}}]}}]}}]} as unknown as DocumentNode<AuditIntegrityQuery, AuditIntegrityQueryVariables>;
export const ParticipantAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParticipantAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"individualId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sampleId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participantAccessPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"individualId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"individualId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sampleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sampleId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accesses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"individualCount"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ParticipantAccessQuery, ParticipantAccessQueryVariables>;
export const CatalogueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalogue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"assembly"}},{"kind":"Field","name":{"kind":"Name","value":"securityLevel"}},{"kind":"Field","name":{"kind":"Name","value":"individualCount"}},{"kind":"Field","name":{"kind":"Name","value":"variantCount"}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DuoConsent"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myPermissions"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DuoConsent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DatasetConsent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"permission"}},{"kind":"Field","name":{"kind":"Name","value":"diseases"}},{"kind":"Field","name":{"kind":"Name","value":"modifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"moratoriumUntil"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}}]}}]} as unknown as DocumentNode<CatalogueQuery, CatalogueQueryVariables>;
export const ReviewsAskedOfMeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReviewsAskedOfMe"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pending"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewsAskedOfMe"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pending"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pending"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"myVote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vote"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"request"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"projectTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duoMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PersonName"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]} as unknown as DocumentNode<ReviewsAskedOfMeQuery, ReviewsAskedOfMeQueryVariables>;
export const RequestCommitteeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RequestCommittee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"handler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"researcherStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"visa"}},{"kind":"Field","name":{"kind":"Name","value":"visaSource"}},{"kind":"Field","name":{"kind":"Name","value":"satisfied"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}},{"kind":"Field","name":{"kind":"Name","value":"attestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"attestationNote"}},{"kind":"Field","name":{"kind":"Name","value":"attestedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"remarks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reviewerPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replacedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"votes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"vote"}},{"kind":"Field","name":{"kind":"Name","value":"rationale"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"reviewerPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"voteHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewer"}},{"kind":"Field","name":{"kind":"Name","value":"vote"}},{"kind":"Field","name":{"kind":"Name","value":"rationale"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"reviewerPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"quorum"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applies"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"approvals"}},{"kind":"Field","name":{"kind":"Name","value":"rejections"}},{"kind":"Field","name":{"kind":"Name","value":"abstentions"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}},{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committee"}},{"kind":"Field","name":{"kind":"Name","value":"minApprovals"}},{"kind":"Field","name":{"kind":"Name","value":"maxRejections"}},{"kind":"Field","name":{"kind":"Name","value":"chairRequired"}},{"kind":"Field","name":{"kind":"Name","value":"researcherStatus"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PersonName"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]} as unknown as DocumentNode<RequestCommitteeQuery, RequestCommitteeQueryVariables>;
export const DatasetCommitteeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetCommittee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataAccessCommittee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"}},{"kind":"Field","name":{"kind":"Name","value":"chair"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PersonName"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PersonName"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]} as unknown as DocumentNode<DatasetCommitteeQuery, DatasetCommitteeQueryVariables>;
export const CastReviewVoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CastReviewVote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vote"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VoteChoice"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rationale"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"castReviewVote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"vote"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vote"}}},{"kind":"Argument","name":{"kind":"Name","value":"rationale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rationale"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CastReviewVoteMutation, CastReviewVoteMutationVariables>;
export const ChangeReviewVoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeReviewVote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vote"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VoteChoice"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rationale"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeReviewVote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"vote"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vote"}}},{"kind":"Argument","name":{"kind":"Name","value":"rationale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rationale"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ChangeReviewVoteMutation, ChangeReviewVoteMutationVariables>;
export const AddAccessRemarkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddAccessRemark"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"body"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"visibility"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RemarkVisibility"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addAccessRemark"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"body"},"value":{"kind":"Variable","name":{"kind":"Name","value":"body"}}},{"kind":"Argument","name":{"kind":"Name","value":"visibility"},"value":{"kind":"Variable","name":{"kind":"Name","value":"visibility"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddAccessRemarkMutation, AddAccessRemarkMutationVariables>;
export const RequestAccessReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestAccessReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reviewers"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chair"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestAccessReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reviewers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reviewers"}}},{"kind":"Argument","name":{"kind":"Name","value":"chair"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chair"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RequestAccessReviewMutation, RequestAccessReviewMutationVariables>;
export const ReassignAccessReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReassignAccessReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reassignAccessReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ReassignAccessReviewMutation, ReassignAccessReviewMutationVariables>;
export const AttestResearcherStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AttestResearcherStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attestResearcherStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AttestResearcherStatusMutation, AttestResearcherStatusMutationVariables>;
export const AddCommitteeMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddCommitteeMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"member"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chair"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addCommitteeMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"member"},"value":{"kind":"Variable","name":{"kind":"Name","value":"member"}}},{"kind":"Argument","name":{"kind":"Name","value":"chair"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chair"}}}]}]}}]} as unknown as DocumentNode<AddCommitteeMemberMutation, AddCommitteeMemberMutationVariables>;
export const RemoveCommitteeMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveCommitteeMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"member"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeCommitteeMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"member"},"value":{"kind":"Variable","name":{"kind":"Name","value":"member"}}}]}]}}]} as unknown as DocumentNode<RemoveCommitteeMemberMutation, RemoveCommitteeMemberMutationVariables>;
export const DatasetDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"assembly"}},{"kind":"Field","name":{"kind":"Name","value":"securityLevel"}},{"kind":"Field","name":{"kind":"Name","value":"individualCount"}},{"kind":"Field","name":{"kind":"Name","value":"variantCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"permission"}},{"kind":"Field","name":{"kind":"Name","value":"diseases"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"modifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"moratoriumUntil"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DatasetDetailQuery, DatasetDetailQueryVariables>;
export const SetDatasetConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetDatasetConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consent"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DatasetConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDatasetConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"consent"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"permission"}},{"kind":"Field","name":{"kind":"Name","value":"diseases"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"modifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"moratoriumUntil"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}}]}}]}}]} as unknown as DocumentNode<SetDatasetConsentMutation, SetDatasetConsentMutationVariables>;
export const WithdrawParticipantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawParticipant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sampleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawParticipant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sampleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sampleId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"variantsRewritten"}},{"kind":"Field","name":{"kind":"Name","value":"variantsDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"newKeyVersion"}},{"kind":"Field","name":{"kind":"Name","value":"destroyedKeyVersions"}},{"kind":"Field","name":{"kind":"Name","value":"backupsShredded"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}}]}}]}}]} as unknown as DocumentNode<WithdrawParticipantMutation, WithdrawParticipantMutationVariables>;
export const DatasetIngestHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatasetIngestHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetIngestHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"file"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"replace"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"altRows"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"individuals"}},{"kind":"Field","name":{"kind":"Name","value":"annotations"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"ingestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"loadedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}}]}}]}}]} as unknown as DocumentNode<DatasetIngestHistoryQuery, DatasetIngestHistoryQueryVariables>;
export const MyGrantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyGrants"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRequestPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mine"},"value":{"kind":"BooleanValue","value":true}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"APPROVED"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"projectTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<MyGrantsQuery, MyGrantsQueryVariables>;
export const GrantVisaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantVisa"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantVisa"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<GrantVisaMutation, GrantVisaMutationVariables>;
export const GrantLifecycleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GrantLifecycle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"fromState"}},{"kind":"Field","name":{"kind":"Name","value":"toState"}}]}},{"kind":"Field","name":{"kind":"Name","value":"renewalOf"}},{"kind":"Field","name":{"kind":"Name","value":"renewals"}},{"kind":"Field","name":{"kind":"Name","value":"remindersSent"}},{"kind":"Field","name":{"kind":"Name","value":"closeOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"statement"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}}]}}]}}]} as unknown as DocumentNode<GrantLifecycleQuery, GrantLifecycleQueryVariables>;
export const RequestAccessRenewalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestAccessRenewal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"justification"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestAccessRenewal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"justification"},"value":{"kind":"Variable","name":{"kind":"Name","value":"justification"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RequestAccessRenewalMutation, RequestAccessRenewalMutationVariables>;
export const CloseOutAccessGrantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseOutAccessGrant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"statement"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeOutAccessGrant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"statement"},"value":{"kind":"Variable","name":{"kind":"Name","value":"statement"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}}]}}]} as unknown as DocumentNode<CloseOutAccessGrantMutation, CloseOutAccessGrantMutationVariables>;
export const MyNotificationPreferencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyNotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationEventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"myNotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"events"}}]}}]}}]} as unknown as DocumentNode<MyNotificationPreferencesQuery, MyNotificationPreferencesQueryVariables>;
export const SetNotificationPreferencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetNotificationPreferences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferencesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setNotificationPreferences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"events"}}]}}]}}]} as unknown as DocumentNode<SetNotificationPreferencesMutation, SetNotificationPreferencesMutationVariables>;
export const NotificationDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<NotificationDeliveriesQuery, NotificationDeliveriesQueryVariables>;
export const RetryNotificationDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryNotificationDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryNotificationDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}]}}]} as unknown as DocumentNode<RetryNotificationDeliveriesMutation, RetryNotificationDeliveriesMutationVariables>;
export const MyRequestsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyRequests"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRequestPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mine"},"value":{"kind":"BooleanValue","value":true}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RequestSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RequestSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"projectTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duoMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]} as unknown as DocumentNode<MyRequestsQuery, MyRequestsQueryVariables>;
export const RequestDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RequestDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"projectTitle"}},{"kind":"Field","name":{"kind":"Name","value":"justification"}},{"kind":"Field","name":{"kind":"Name","value":"ethicsRef"}},{"kind":"Field","name":{"kind":"Name","value":"researchPurpose"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decisionNote"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"decider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duoMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"fromState"}},{"kind":"Field","name":{"kind":"Name","value":"toState"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"actorPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"aboutPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RequestDetailQuery, RequestDetailQueryVariables>;
export const RequestFormDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RequestFormData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"securityLevel"}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DuoConsent"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DuoConsent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DatasetConsent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"permission"}},{"kind":"Field","name":{"kind":"Name","value":"diseases"}},{"kind":"Field","name":{"kind":"Name","value":"modifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"moratoriumUntil"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}}]}}]} as unknown as DocumentNode<RequestFormDataQuery, RequestFormDataQueryVariables>;
export const MatchPurposeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchPurpose"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResearchPurposeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchResearchPurpose"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"purpose"},"value":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<MatchPurposeQuery, MatchPurposeQueryVariables>;
export const SubmitAccessRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAccessRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitAccessRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAccessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SubmitAccessRequestMutation, SubmitAccessRequestMutationVariables>;
export const WithdrawAccessRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawAccessRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawAccessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<WithdrawAccessRequestMutation, WithdrawAccessRequestMutationVariables>;
export const ApproveAccessRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveAccessRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresAt"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveAccessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expiresAt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresAt"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<ApproveAccessRequestMutation, ApproveAccessRequestMutationVariables>;
export const RejectAccessRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectAccessRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectAccessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RejectAccessRequestMutation, RejectAccessRequestMutationVariables>;
export const ReturnAccessRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReturnAccessRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnAccessRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReturnAccessRequestMutation, ReturnAccessRequestMutationVariables>;
export const RevokeAccessGrantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeAccessGrant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"block"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeAccessGrant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"block"},"value":{"kind":"Variable","name":{"kind":"Name","value":"block"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RevokeAccessGrantMutation, RevokeAccessGrantMutationVariables>;
export const ReviewQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReviewQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRequestStatus"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRequestPage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"datasetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"datasetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RequestSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RequestSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"projectTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"applicant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"duoMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]} as unknown as DocumentNode<ReviewQueueQuery, ReviewQueueQueryVariables>;
export const VariantSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VariantSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BeaconQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beacon"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exists"}},{"kind":"Field","name":{"kind":"Name","value":"numTotalResults"}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"returnedGranularity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resultSets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResultSetFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResultSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BeaconResultSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"exists"}},{"kind":"Field","name":{"kind":"Name","value":"granularity"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"countAdjustedTo"}},{"kind":"Field","name":{"kind":"Name","value":"alleleCount"}},{"kind":"Field","name":{"kind":"Name","value":"alleleNumber"}},{"kind":"Field","name":{"kind":"Name","value":"alleleFrequency"}},{"kind":"Field","name":{"kind":"Name","value":"hetCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"homAltCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"hemiCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"recordsTruncated"}},{"kind":"Field","name":{"kind":"Name","value":"records"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chrom"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"ref"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"variantType"}},{"kind":"Field","name":{"kind":"Name","value":"alleleCount"}},{"kind":"Field","name":{"kind":"Name","value":"alleleNumber"}},{"kind":"Field","name":{"kind":"Name","value":"carriers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sampleId"}},{"kind":"Field","name":{"kind":"Name","value":"genotype"}}]}}]}}]}}]} as unknown as DocumentNode<VariantSearchQuery, VariantSearchQueryVariables>;
export const NetworkSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NetworkSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BeaconQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"networkBeacon"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"exists"}},{"kind":"Field","name":{"kind":"Name","value":"numTotalResults"}},{"kind":"Field","name":{"kind":"Name","value":"countedNodes"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"exists"}},{"kind":"Field","name":{"kind":"Name","value":"numTotalResults"}},{"kind":"Field","name":{"kind":"Name","value":"returnedGranularity"}},{"kind":"Field","name":{"kind":"Name","value":"countKind"}},{"kind":"Field","name":{"kind":"Name","value":"insecureTransport"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}},{"kind":"Field","name":{"kind":"Name","value":"resultSets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResultSetFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResultSetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BeaconResultSet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetId"}},{"kind":"Field","name":{"kind":"Name","value":"exists"}},{"kind":"Field","name":{"kind":"Name","value":"granularity"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"countAdjustedTo"}},{"kind":"Field","name":{"kind":"Name","value":"alleleCount"}},{"kind":"Field","name":{"kind":"Name","value":"alleleNumber"}},{"kind":"Field","name":{"kind":"Name","value":"alleleFrequency"}},{"kind":"Field","name":{"kind":"Name","value":"hetCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"homAltCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"hemiCarriers"}},{"kind":"Field","name":{"kind":"Name","value":"recordsTruncated"}},{"kind":"Field","name":{"kind":"Name","value":"records"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chrom"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"ref"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}},{"kind":"Field","name":{"kind":"Name","value":"variantType"}},{"kind":"Field","name":{"kind":"Name","value":"alleleCount"}},{"kind":"Field","name":{"kind":"Name","value":"alleleNumber"}},{"kind":"Field","name":{"kind":"Name","value":"carriers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sampleId"}},{"kind":"Field","name":{"kind":"Name","value":"genotype"}}]}}]}}]}}]} as unknown as DocumentNode<NetworkSearchQuery, NetworkSearchQueryVariables>;