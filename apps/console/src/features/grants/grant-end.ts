import { fmtDate } from '@/components/format';

export interface GrantDates {
  status: string;
  expiresAt: string | null;
  updatedAt?: string | null;
  /** The request's timeline, oldest first: the entry that moved it into its status dates the end. */
  history?: readonly { at: string; fromState: string | null; toState: string }[] | null;
}

/** When the request entered its current status: its timeline entry, else its last update. */
function enteredAt(r: GrantDates): string | null {
  const entry = [...(r.history ?? [])]
    .reverse()
    .find((e) => e.toState === r.status && e.fromState !== e.toState);
  return entry?.at ?? r.updatedAt ?? null;
}

/**
 * The grant's end in words, from the request's state: "ends Jun 30, 2027" while approved, "revoked on …",
 * "expired on …", "withdrawn on …" once it has ended (the planned end date is no longer the end). Null when
 * there is no grant to speak of (submitted, returned, rejected).
 */
export function grantEnd(r: GrantDates): string | null {
  switch (r.status) {
    case 'APPROVED':
      return r.expiresAt ? `ends ${fmtDate(r.expiresAt)}` : null;
    case 'EXPIRED':
      return `expired on ${fmtDate(r.expiresAt ?? enteredAt(r))}`;
    case 'REVOKED':
      return `revoked on ${fmtDate(enteredAt(r))}`;
    case 'WITHDRAWN':
      return `withdrawn on ${fmtDate(enteredAt(r))}`;
    default:
      return null;
  }
}
