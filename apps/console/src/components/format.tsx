import { Badge, Text } from '@mantine/core';

export const fmtDate = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
    : '—';
/** A GraphQL enum value as a word for people: `UNVERIFIED_ANSWER` → `unverified answer`, `DENY` → `deny`. */
export const enumWord = (v: string) => v.toLowerCase().replace(/_/g, ' ');

export const fmtDateTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '—';

export function daysBetween(fromIso: string, to = new Date()): number {
  return Math.floor((to.getTime() - new Date(fromIso).getTime()) / 86400_000);
}

const STATUS_COLOR: Record<string, string> = {
  SUBMITTED: 'blue',
  RETURNED: 'yellow',
  APPROVED: 'green',
  EXPIRED: 'gray',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
  REVOKED: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} data-testid="request-status">
      {status.toLowerCase()}
    </Badge>
  );
}

/** A person by name and institution, never by id. */
export function PersonLabel({
  person,
}: {
  person: { name: string; institution?: string | null } | null | undefined;
}) {
  if (!person) return <Text span>—</Text>;
  return (
    <Text span size="sm">
      <Text span fw={600} size="sm">
        {person.name}
      </Text>
      {person.institution ? (
        <Text span c="dimmed" size="sm">
          {' '}
          · {person.institution}
        </Text>
      ) : null}
    </Text>
  );
}
