import { useCursorPages } from '@/components/paging';
import { daysBetween } from '@/components/format';
import { ReviewQueueDocument, type AccessRequestStatus, type RequestSummaryFragment } from '@/gql/graphql';

/**
 * The requests of the datasets the caller stewards, every page of them (accessRequestPage, 200 at a time,
 * followed to the end): the queue counts them per state and filters them by age, which needs them all.
 */
export function useStewardedRequests(status: AccessRequestStatus[] | null = null) {
  return useCursorPages({
    query: ReviewQueueDocument,
    variables: { status, datasetId: null },
    connection: (d) => ({ rows: d.accessRequestPage.requests, pageInfo: d.accessRequestPage.pageInfo }),
    key: (r) => r.id,
    first: 200,
    all: true,
  });
}

export interface QueueFilter {
  states: string[];
  datasetId: string | null;
  minAgeDays: number;
}

export function filterQueue(rows: readonly RequestSummaryFragment[], f: QueueFilter, now = new Date()) {
  return rows.filter(
    (r) =>
      (f.states.length === 0 || f.states.includes(r.status)) &&
      (!f.datasetId || r.datasetId === f.datasetId) &&
      daysBetween(r.createdAt, now) >= f.minAgeDays,
  );
}

export function countByState(rows: readonly RequestSummaryFragment[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const r of rows) c[r.status] = (c[r.status] ?? 0) + 1;
  return c;
}

/** Active grants ending within `days`. */
export function expiringWithin(rows: readonly RequestSummaryFragment[], days: number, now = new Date()) {
  return rows
    .filter((r) => r.status === 'APPROVED' && r.expiresAt)
    .filter((r) => new Date(r.expiresAt!).getTime() - now.getTime() <= days * 86400_000)
    .sort((a, b) => a.expiresAt!.localeCompare(b.expiresAt!));
}
