import { Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { SecurityLevelBadge } from '@/components/duo';
import { fmtDate, PersonLabel } from '@/components/format';
import { LoadMore, useCursorPages } from '@/components/paging';
import { Empty, Loading, PageHeader } from '@/components/states';
import {
  AdminStewardsDocument,
  AssignStewardDocument,
  DatasetOptionsDocument,
  UnassignStewardDocument,
} from '@/gql/graphql';

/** Admin: who stewards each dataset (decides its access requests, edits its consent); assign and remove. */
export default function StewardsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminStewardsDocument });
  const datasetPages = useCursorPages({
    query: DatasetOptionsDocument,
    variables: {},
    connection: (d) => ({ rows: d.datasetPage.datasets, pageInfo: d.datasetPage.pageInfo }),
    key: (d) => d.id,
    first: 50,
  });
  const datasets = datasetPages.rows;
  const [assignState, assign] = useMutation(AssignStewardDocument);
  const [unassignState, unassign] = useMutation(UnassignStewardDocument);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  // assign/unassign answer a Boolean: the screen's data is asked again after each change.
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (fetching && !data) return <Loading />;
  if (!data) return <ApiErrorAlert error={error} title="Stewards cannot be shown" />;
  if (datasetPages.error)
    return <ApiErrorAlert error={datasetPages.error} title="Stewards cannot be shown" />;
  const stewards = data.users.filter((u) => u.roles.includes('STEWARD') && !u.disabledAt);
  const key = (issuer: string, subject: string) => `${issuer}#${subject}`;
  return (
    <>
      <PageHeader title="Stewards per dataset">
        A dataset&apos;s stewards decide its access requests, edit its consent and withdraw its participants.
        Only users with the steward role can be assigned; every change is audited.
      </PageHeader>
      <Stack>
        <ApiErrorAlert error={assignState.error ?? unassignState.error} title="The change was refused" />
        {datasetPages.data && datasets.length === 0 ? <Empty title="No dataset registered yet" /> : null}
        {datasets.map((d) => {
          const assigned = data.stewardAssignments.filter((a) => a.datasetId === d.id);
          const taken = new Set(assigned.map((a) => key(a.steward.issuer, a.steward.subject)));
          const candidates = stewards.filter((u) => !taken.has(key(u.issuer, u.subject)));
          const pick = chosen[d.id] ?? '';
          return (
            <Card
              key={d.id}
              withBorder
              component="section"
              aria-labelledby={`stewards-${d.id}`}
              data-testid={`stewards-${d.id}`}
            >
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h5" id={`stewards-${d.id}`}>
                  {d.name}{' '}
                  <Text span c="dimmed" size="sm" className="mono">
                    {d.id}
                  </Text>
                </Title>
                <SecurityLevelBadge level={d.securityLevel} />
              </Group>
              {assigned.length === 0 ? (
                <Text size="sm" c="dimmed" mb="xs">
                  No steward: nobody can decide this dataset&apos;s access requests.
                </Text>
              ) : (
                <Stack gap={4} mb="xs">
                  {assigned.map((a) => (
                    <Group key={key(a.steward.issuer, a.steward.subject)} gap="xs" data-testid="steward">
                      <PersonLabel person={a.steward} />
                      <Text size="xs" c="dimmed">
                        since {fmtDate(a.assignedAt)}
                      </Text>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${a.steward.name} as steward of ${d.name}`}
                        onClick={() =>
                          void unassign({
                            datasetId: d.id,
                            subject: a.steward.subject,
                            issuer: a.steward.issuer,
                          }).then((r) => !r.error && reload())
                        }
                      >
                        Remove
                      </Button>
                    </Group>
                  ))}
                </Stack>
              )}
              <Group gap="xs" align="flex-end">
                <NativeSelect
                  label="Assign a steward"
                  size="sm"
                  value={pick}
                  onChange={(e) => setChosen({ ...chosen, [d.id]: e.currentTarget.value })}
                  data={[
                    {
                      value: '',
                      label: candidates.length
                        ? 'Choose a user with the steward role…'
                        : 'No other steward user',
                    },
                    ...candidates.map((u) => ({
                      value: key(u.issuer, u.subject),
                      label: u.institution ? `${u.name} · ${u.institution}` : u.name,
                    })),
                  ]}
                  w={340}
                />
                <Button
                  size="sm"
                  disabled={!pick}
                  loading={assignState.fetching}
                  onClick={() => {
                    const u = candidates.find((c) => key(c.issuer, c.subject) === pick);
                    if (!u) return;
                    void assign({ datasetId: d.id, subject: u.subject, issuer: u.issuer }).then((r) => {
                      if (!r.error) {
                        setChosen({ ...chosen, [d.id]: '' });
                        reload();
                      }
                    });
                  }}
                >
                  Assign
                </Button>
              </Group>
            </Card>
          );
        })}
      </Stack>
      <LoadMore pages={datasetPages} label="More datasets" />
    </>
  );
}
