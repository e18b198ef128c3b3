import { Anchor, Button, Code, Grid, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useParams, Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '@/app/session';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { DuoMatchTable } from '@/components/DuoMatchTable';
import { fmtDateTime, PersonLabel, StatusBadge } from '@/components/format';
import { Loading, PageHeader } from '@/components/states';
import { RequestDetailDocument, WithdrawAccessRequestDocument } from '@/gql/graphql';
import { CommitteePanel } from '@/features/committee/CommitteePanel';
import { GrantLifecyclePanel } from '@/features/grants/GrantLifecyclePanel';
import { grantEnd } from '@/features/grants/grant-end';
import { GrantVisaButton } from '@/features/grants/GrantVisaButton';
import { ActionBar } from './ActionBar';
import { CATEGORIES } from './purpose';

function PurposeSummary({ purpose }: { purpose: unknown }) {
  const p = (purpose && typeof purpose === 'object' ? purpose : {}) as Record<string, unknown>;
  const flags = Object.entries(p)
    .filter(([, v]) => v === true)
    .map(([k]) => k.replace(/([A-Z])/g, ' $1').toLowerCase());
  return (
    <Stack gap={2}>
      <Text size="sm">
        <b>{CATEGORIES.find((c) => c.value === p.category)?.label ?? String(p.category ?? '—')}</b>
        {Array.isArray(p.diseases) && p.diseases.length ? `: ${p.diseases.join(', ')}` : ''}
      </Text>
      <Text size="sm" c="dimmed">
        {flags.length ? flags.join(' · ') : 'no further conditions'}
      </Text>
    </Stack>
  );
}

/** One access request: who asks, why, the DUO match per code, the timeline, and the decisions. */
export default function RequestPage() {
  const { id = '' } = useParams();
  const { hasRole, state } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: RequestDetailDocument, variables: { id } });
  const [withdrawn, withdraw] = useMutation(WithdrawAccessRequestDocument);
  if (fetching && !data) return <Loading />;
  if (error && !data) return <ApiErrorAlert error={error} title="This request cannot be shown" />;
  const r = data!.accessRequest;
  const mine = state.status === 'signed-in' && r.applicant.username === state.user.username;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageHeader title={r.projectTitle} actions={<StatusBadge status={r.status} />}>
        Request for <span className="mono">{r.datasetId}</span> · submitted {fmtDateTime(r.createdAt)}
        {r.expiresAt && grantEnd(r) ? ` · grant ${grantEnd(r)}` : ''}
      </PageHeader>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Group gap="xs">
                  <Text size="sm" c="dimmed" w={120}>
                    Applicant
                  </Text>
                  <PersonLabel person={r.applicant} />
                </Group>
                <Group gap="xs" align="flex-start">
                  <Text size="sm" c="dimmed" w={120}>
                    Justification
                  </Text>
                  <Text size="sm" style={{ flex: 1, whiteSpace: 'pre-wrap' }}>
                    {r.justification}
                  </Text>
                </Group>
                <Group gap="xs">
                  <Text size="sm" c="dimmed" w={120}>
                    Ethics reference
                  </Text>
                  <Text size="sm">{r.ethicsRef ?? '—'}</Text>
                </Group>
                <Group gap="xs" align="flex-start">
                  <Text size="sm" c="dimmed" w={120}>
                    Research purpose
                  </Text>
                  <PurposeSummary purpose={r.researchPurpose} />
                </Group>
                {r.decisionNote ? (
                  <Group gap="xs" align="flex-start">
                    <Text size="sm" c="dimmed" w={120}>
                      Decision note
                    </Text>
                    <Text size="sm">
                      {r.decisionNote}{' '}
                      {r.decider ? (
                        <>
                          — <PersonLabel person={r.decider} />
                        </>
                      ) : null}
                    </Text>
                  </Group>
                ) : null}
              </Stack>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="match-heading">
              <Title order={2} size="h4" mb="sm" id="match-heading">
                Purpose against the dataset’s consent
              </Title>
              <DuoMatchTable match={r.duoMatch} caption="DUO match per code" />
            </Paper>
            <CommitteePanel id={r.id} onChanged={reload} />
            <GrantLifecyclePanel id={r.id} mine={mine} onChanged={reload} />
            {hasRole('steward', 'admin', 'dac_chair') && !mine ? (
              <ActionBar id={r.id} status={r.status} onDone={reload} />
            ) : null}
            {mine ? (
              <Paper withBorder p="md">
                <Group>
                  {r.status === 'APPROVED' ? <GrantVisaButton id={r.id} datasetId={r.datasetId} /> : null}
                  {['SUBMITTED', 'RETURNED', 'APPROVED'].includes(r.status) ? (
                    <Button
                      color="red"
                      variant="light"
                      loading={withdrawn.fetching}
                      onClick={() => void withdraw({ id: r.id }).then(reload)}
                    >
                      {r.status === 'APPROVED' ? 'Give up this grant' : 'Withdraw request'}
                    </Button>
                  ) : null}
                  {r.status === 'APPROVED' ? (
                    <Anchor
                      component={Link}
                      to={`/search?dataset=${encodeURIComponent(r.datasetId)}`}
                      size="sm"
                    >
                      Query this dataset
                    </Anchor>
                  ) : null}
                </Group>
                <ApiErrorAlert error={withdrawn.error} title="Refused: nothing changed" />
              </Paper>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="timeline-heading">
            <Title order={2} size="h4" mb="sm" id="timeline-heading">
              Timeline
            </Title>
            <Timeline active={r.history.length - 1} bulletSize={14} lineWidth={2}>
              {r.history.map((e, i) => (
                <Timeline.Item
                  key={i}
                  title={
                    e.fromState === e.toState
                      ? e.action.replace(/_/g, ' ')
                      : `${e.action} → ${e.toState.toLowerCase()}`
                  }
                  data-testid="timeline-entry"
                >
                  <Text size="xs" c="dimmed">
                    {fmtDateTime(e.at)}
                    {e.visibility === 'INTERNAL' ? ' · internal' : ''}
                  </Text>
                  <PersonLabel person={e.actorPerson} />
                  {e.aboutPerson ? (
                    <Text size="sm">
                      → <PersonLabel person={e.aboutPerson} />
                    </Text>
                  ) : null}
                  {e.note ? (
                    <Text size="sm" mt={2}>
                      “{e.note}”
                    </Text>
                  ) : null}
                </Timeline.Item>
              ))}
            </Timeline>
            <Text size="xs" c="dimmed" mt="sm">
              Request id <Code>{r.id}</Code>
            </Text>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
