import { Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { ColumnHeaders } from '@/components/ColumnHeaders';
import { Empty, Loading, PageHeader } from '@/components/states';
import { AuditActivityDocument, type AuditBucket } from '@/gql/graphql';

const RANGES = {
  '24h': { label: 'Last 24 hours', hours: 24, bucket: 'HOUR' as AuditBucket },
  '7d': { label: 'Last 7 days', hours: 7 * 24, bucket: 'HOUR' as AuditBucket },
  '90d': { label: 'Last 90 days', hours: 90 * 24, bucket: 'DAY' as AuditBucket },
};
type RangeKey = keyof typeof RANGES;

/** A link to the audit explorer with the filters of a point in a plot (drill-down). */
export function explorerLink(filter: {
  from?: string;
  to?: string;
  outcome?: string;
  actor?: string;
  action?: string;
}): string {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return `/audit?${q.toString()}`;
}

const label = (iso: string, bucket: AuditBucket) =>
  bucket === 'HOUR'
    ? new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' })
    : new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

/** Compliance: activity over time by outcome, decryptions, top actors and refusals, each drilling down to the events. */
export default function ActivityPage() {
  const [range, setRange] = useState<RangeKey>('7d');
  const { from, to } = useMemo(() => {
    const now = new Date();
    const end = new Date(Math.ceil(now.getTime() / 3600_000) * 3600_000);
    return {
      to: end.toISOString(),
      from: new Date(end.getTime() - RANGES[range].hours * 3600_000).toISOString(),
    };
  }, [range]);
  const bucket = RANGES[range].bucket;
  const [{ data, fetching, error }] = useQuery({
    query: AuditActivityDocument,
    variables: { from, to, bucket },
  });
  const a = data?.auditActivity;
  const points = (a?.buckets ?? []).map((b) => ({ ...b, label: label(b.start, bucket) }));
  const bucketEnd = (start: string) =>
    new Date(new Date(start).getTime() + (bucket === 'HOUR' ? 3600_000 : 86400_000)).toISOString();
  return (
    <>
      <PageHeader
        title="Activity"
        actions={
          <SegmentedControl
            aria-label="Time range"
            value={range}
            onChange={(v) => setRange(v as RangeKey)}
            data={Object.entries(RANGES).map(([value, r]) => ({ value, label: r.label }))}
          />
        }
      >
        Requests by outcome, decryptions, the most active actors and refusals. Each table row opens the
        matching events.
      </PageHeader>
      <ApiErrorAlert error={error} />
      {fetching && !data ? <Loading /> : null}
      {a && a.buckets.length === 0 ? <Empty title="No events in this range" /> : null}
      {a && a.buckets.length > 0 ? (
        <Stack>
          <SimpleGrid cols={{ base: 1, xl: 2 }}>
            <Paper withBorder p="md" component="figure" m={0} aria-label="Events by outcome over time">
              <Title order={2} size="h4" mb="sm">
                Events by outcome
              </Title>
              <ResponsiveContainer width="100%" height={260}>
                <BarChart data={points} accessibilityLayer>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" fontSize={11} />
                  <YAxis allowDecimals={false} fontSize={11} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="allow" stackId="o" fill="#2b8a3e" name="allowed" />
                  <Bar dataKey="deny" stackId="o" fill="#c92a2a" name="refused" />
                  <Bar dataKey="error" stackId="o" fill="#e67700" name="errors" />
                </BarChart>
              </ResponsiveContainer>
            </Paper>
            <Paper withBorder p="md" component="figure" m={0} aria-label="Decryptions over time">
              <Title order={2} size="h4" mb="sm">
                Decryptions
              </Title>
              <ResponsiveContainer width="100%" height={260}>
                <LineChart data={points} accessibilityLayer>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" fontSize={11} />
                  <YAxis allowDecimals={false} fontSize={11} />
                  <Tooltip />
                  <Line type="monotone" dataKey="decryptions" stroke="#1864ab" name="decryptions" dot />
                </LineChart>
              </ResponsiveContainer>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Busiest {bucket === 'HOUR' ? 'hours' : 'days'}
            </Title>
            <Table aria-label="Events per bucket" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{bucket === 'HOUR' ? 'Hour' : 'Day'}</Table.Th>
                  <Table.Th scope="col">Allowed</Table.Th>
                  <Table.Th scope="col">Refused</Table.Th>
                  <Table.Th scope="col">Errors</Table.Th>
                  <Table.Th scope="col">Decryptions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...a.buckets]
                  .sort((x, y) => y.allow + y.deny + y.error - (x.allow + x.deny + x.error))
                  .slice(0, 5)
                  .map((b) => (
                    <Table.Tr key={b.start}>
                      <Table.Td>
                        <Anchor component={Link} to={explorerLink({ from: b.start, to: bucketEnd(b.start) })}>
                          {label(b.start, bucket)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{b.allow}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={explorerLink({ from: b.start, to: bucketEnd(b.start), outcome: 'DENY' })}
                        >
                          {b.deny}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{b.error}</Table.Td>
                      <Table.Td>{b.decryptions}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                Top actors
              </Title>
              <Table aria-label="Top actors" withTableBorder>
                <ColumnHeaders names={['Actor', 'Requests', 'Refused']} />
                <Table.Tbody>
                  {a.topActors.map((t) => (
                    <Table.Tr key={t.actor}>
                      <Table.Td>
                        {/* By name and institution when the actor is a user of this node; else the subject. */}
                        <Anchor
                          component={Link}
                          to={explorerLink({ actor: t.actor, from, to })}
                          className={t.actorPerson ? undefined : 'mono'}
                          title={t.actor}
                          data-testid="top-actor"
                        >
                          {t.actorPerson?.name ?? t.actor}
                        </Anchor>
                        {(t.actorPerson?.institution ?? t.institution) ? (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            · {t.actorPerson?.institution ?? t.institution}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{t.events}</Table.Td>
                      <Table.Td>{t.denied}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                Refused requests
              </Title>
              {a.refusals.length === 0 ? (
                <Text size="sm">Nothing was refused in this range.</Text>
              ) : (
                <Table aria-label="Refusals by reason" withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Reason</Table.Th>
                      <Table.Th scope="col">Count</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {a.refusals.map((r) => (
                      <Table.Tr key={r.reason}>
                        <Table.Td>
                          <Anchor component={Link} to={explorerLink({ outcome: 'DENY', from, to })}>
                            {r.reason}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{r.count}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              <Group mt="sm">
                <Anchor component={Link} to={explorerLink({ outcome: 'DENY', from, to })} size="sm">
                  All refused requests in this range
                </Anchor>
              </Group>
            </Paper>
          </SimpleGrid>
        </Stack>
      ) : null}
    </>
  );
}
