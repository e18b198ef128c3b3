/**
 * Who is asking. Built once per request by `libs/identity` from a verified bearer token (or anonymous),
 * then read by access control, the beacon and the audit trail. Nothing here is trusted unless it came
 * from a verified token or a validated visa.
 */
export const ROLES = ['researcher', 'steward', 'compliance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A GA4GH visa (ga4gh_visa_v1) whose signature, issuer, source, expiry and conditions were checked. */
export interface ValidatedVisa {
  type:
    | 'AffiliationAndRole'
    | 'AcceptedTermsAndPolicies'
    | 'ResearcherStatus'
    | 'ControlledAccessGrants'
    | 'LinkedIdentities';
  value: string;
  source: string;
  by?: string;
  asserted: number;
  /** Visa JWT's own expiry, seconds since epoch. */
  exp: number;
  /** Issuer of the visa JWT. */
  iss: string;
  jti?: string;
}

export interface Caller {
  /** `iss` + `sub` of the verified token; null for an anonymous caller. */
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly roles: readonly Role[];
  readonly institution: string | null;
  readonly visas: readonly ValidatedVisa[];
  /** The request's correlation id (also in logs, response headers and audit events). */
  readonly requestId: string;
  /** Set when the request came from a registered peer node on behalf of this caller. */
  readonly viaPeer?: string;
}

export function anonymousCaller(requestId: string): Caller {
  return { subject: null, issuer: null, roles: [], institution: null, visas: [], requestId };
}
