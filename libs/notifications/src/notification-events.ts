/**
 * What a notification may say. A message is built only from the fields below: ids, states, dates and
 * counts — never free text a person wrote (justifications, notes, remarks), never genetic data (variants,
 * genotypes, sample ids), never a token or visa. Those stay behind sign-in: the message links to the console.
 */
export const NOTIFICATION_EVENT_TYPES = [
  'request.submitted',
  'request.returned',
  'request.approved',
  'request.rejected',
  'request.withdrawn',
  'grant.revoked',
  'grant.expiring',
  'grant.expired',
  'closeout.due',
  'closeout.recorded',
  'review.requested',
  'vote.cast',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export function isNotificationEventType(t: string): t is NotificationEventType {
  return (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(t);
}

/** A person a notification is for: the (issuer, subject) of their identity. */
export interface NotificationRecipient {
  issuer: string;
  subject: string;
}

/** The only facts a notification carries (all optional but requestId/datasetId for request events). */
export interface NotificationFacts {
  requestId?: string;
  datasetId?: string;
  /** The request's state after the event (SUBMITTED, APPROVED, …, EXPIRED). */
  state?: string;
  /** A grant's end (ISO 8601). */
  expiresAt?: string;
  /** Days left before a grant ends (grant.expiring). */
  daysLeft?: number;
  /** The request this one renews. */
  renewalOf?: string;
  /** FINAL_REPORT or DELETION_ATTESTATION (closeout.recorded). */
  closeOutKind?: string;
  /** APPROVE / REJECT / ABSTAIN (vote.cast). */
  vote?: string;
}

export interface NotificationEvent extends NotificationFacts {
  type: NotificationEventType;
  /** Who is told by e-mail (each per their preferences); webhooks receive every event. */
  recipients: NotificationRecipient[];
  /**
   * Makes an event happen once: a second enqueue with the same key (another process, a re-run sweep) is
   * ignored. E.g. `grant.expiring:<request>:7`.
   */
  dedupKey?: string;
}

const ID = /^[A-Za-z0-9._:#@/-]{1,200}$/;
const WORD = /^[A-Z_]{1,40}$/;

/** The facts of an event, kept only when each is of its expected shape (so no free text gets through). */
export function safeFacts(e: NotificationFacts): NotificationFacts {
  const out: NotificationFacts = {};
  if (e.requestId && ID.test(e.requestId)) out.requestId = e.requestId;
  if (e.datasetId && ID.test(e.datasetId)) out.datasetId = e.datasetId;
  if (e.state && WORD.test(e.state)) out.state = e.state;
  if (e.expiresAt && !Number.isNaN(Date.parse(e.expiresAt)))
    out.expiresAt = new Date(e.expiresAt).toISOString();
  if (typeof e.daysLeft === 'number' && Number.isInteger(e.daysLeft)) out.daysLeft = e.daysLeft;
  if (e.renewalOf && ID.test(e.renewalOf)) out.renewalOf = e.renewalOf;
  if (e.closeOutKind && WORD.test(e.closeOutKind)) out.closeOutKind = e.closeOutKind;
  if (e.vote && WORD.test(e.vote)) out.vote = e.vote;
  return out;
}

const SUBJECTS: Record<NotificationEventType, (f: NotificationFacts) => string> = {
  'request.submitted': (f) =>
    f.renewalOf
      ? `Renewal request for dataset ${f.datasetId} awaits your decision`
      : `New access request for dataset ${f.datasetId}`,
  'request.returned': (f) => `Your access request for dataset ${f.datasetId} was returned for changes`,
  'request.approved': (f) => `Your access request for dataset ${f.datasetId} was approved`,
  'request.rejected': (f) => `Your access request for dataset ${f.datasetId} was rejected`,
  'request.withdrawn': (f) => `An access request for dataset ${f.datasetId} was withdrawn`,
  'grant.revoked': (f) => `Your access to dataset ${f.datasetId} was revoked`,
  'grant.expiring': (f) => `Your access to dataset ${f.datasetId} ends in ${f.daysLeft} day(s)`,
  'grant.expired': (f) => `Your access to dataset ${f.datasetId} has ended`,
  'closeout.due': (f) => `Close-out due for your project on dataset ${f.datasetId}`,
  'closeout.recorded': (f) => `Close-out recorded for a grant of dataset ${f.datasetId}`,
  'review.requested': (f) => `Your review is requested: access request for dataset ${f.datasetId}`,
  'vote.cast': (f) => `A vote was cast on an access request for dataset ${f.datasetId}`,
};

const LINES: Record<NotificationEventType, (f: NotificationFacts) => string[]> = {
  'request.submitted': (f) => [
    f.renewalOf
      ? `A researcher asks to renew grant ${f.renewalOf} on dataset ${f.datasetId}.`
      : `A researcher has submitted an access request for dataset ${f.datasetId}.`,
  ],
  'request.returned': () => ['The steward returned your request and says what to change.'],
  'request.approved': (f) => [`Your access is granted until ${f.expiresAt ?? 'the date set'}.`],
  'request.rejected': () => ['The steward rejected your request; the reason is on the request page.'],
  'request.withdrawn': () => ['The researcher withdrew the request.'],
  'grant.revoked': () => ['Your grant was revoked and no longer gives access. Close-out is due.'],
  'grant.expiring': (f) => [
    `Your grant ends on ${f.expiresAt}. Request a renewal if your project continues,`,
    'or close the project out when it ends.',
  ],
  'grant.expired': (f) => [`Your grant ended on ${f.expiresAt}; queries no longer use it.`],
  'closeout.due': () => [
    'Please record the project close-out: a final report, or an attestation that every copy of data',
    'obtained under this grant has been deleted.',
  ],
  'closeout.recorded': (f) => [`The researcher recorded a close-out (${f.closeOutKind ?? 'unspecified'}).`],
  'review.requested': () => ['You are asked to review this access request and vote with a rationale.'],
  'vote.cast': (f) => [`A committee member voted${f.vote ? ` ${f.vote}` : ''} on this request.`],
};

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** The e-mail of an event: subject and plain text, from the safe facts only. */
export function renderEmail(
  type: NotificationEventType,
  facts: NotificationFacts,
  links: { consoleUrl: string; nodeName: string },
): RenderedMessage {
  const f = safeFacts(facts);
  const link = f.requestId ? `${links.consoleUrl}/requests/${f.requestId}` : links.consoleUrl;
  const text = [
    ...LINES[type](f),
    '',
    ...(f.requestId ? [`Request: ${f.requestId}`] : []),
    ...(f.datasetId ? [`Dataset: ${f.datasetId}`] : []),
    ...(f.state ? [`Status: ${f.state}`] : []),
    '',
    `Open it in the Helixgate console (sign in first): ${link}`,
    '',
    `— ${links.nodeName}. You receive this because of your notification preferences in the console.`,
  ].join('\n');
  return { subject: `[Helixgate] ${SUBJECTS[type](f)}`, text };
}
