import { Badge, Group, Table, Text } from '@mantine/core';
import { DUO_LABELS } from './duo';

export interface MatchLike {
  outcome: string;
  reasons: readonly { code: string; verdict: string; reason: string }[];
}

const VERDICT: Record<string, { color: string; label: string }> = {
  APPROVE: { color: 'green', label: 'fits' },
  NEEDS_REVIEW: { color: 'yellow', label: 'needs review' },
  DENY: { color: 'red', label: 'excluded' },
};

export function VerdictBadge({ verdict }: { verdict: string }) {
  const v = VERDICT[verdict] ?? { color: 'gray', label: verdict };
  return (
    <Badge
      color={v.color}
      variant={verdict === 'NEEDS_REVIEW' ? 'filled' : 'light'}
      data-verdict={verdict}
      style={{ flexShrink: 0, overflow: 'visible' }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {v.label}
    </Badge>
  );
}

/**
 * The DUO algorithm's decision, per code: the dataset's term, the verdict and its reason. Terms a steward
 * must judge (NEEDS_REVIEW) are highlighted.
 */
export function DuoMatchTable({ match, caption }: { match: MatchLike; caption?: string }) {
  return (
    <div>
      <Group gap="xs" mb="xs">
        <Text fw={600} size="sm">
          Overall:
        </Text>
        <VerdictBadge verdict={match.outcome} />
      </Group>
      <Table
        striped={false}
        withTableBorder
        verticalSpacing="xs"
        aria-label={caption ?? 'DUO match per code'}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Dataset term</Table.Th>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
              Verdict
            </Table.Th>
            <Table.Th scope="col">Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {match.reasons.map((r, i) => (
            <Table.Tr
              key={`${r.code}-${i}`}
              data-verdict={r.verdict}
              style={
                r.verdict === 'NEEDS_REVIEW' ? { background: 'var(--mantine-color-yellow-light)' } : undefined
              }
            >
              <Table.Td>
                <Text size="sm" fw={600}>
                  {r.code}
                </Text>
                <Text size="xs" c="dimmed">
                  {DUO_LABELS[r.code] ?? ''}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <VerdictBadge verdict={r.verdict} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
