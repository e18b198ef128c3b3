import { Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '@/app/session';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { useDiseaseLabels } from '@/components/diseases';
import { DuoPills, SecurityLevelBadge } from '@/components/duo';
import { fmtDate } from '@/components/format';
import { Loading, PageHeader } from '@/components/states';
import { DatasetDetailDocument } from '@/gql/graphql';
import { ConsentEditor } from './ConsentEditor';
import { DatasetAllowance } from './DatasetAllowance';
import { IngestHistory } from './IngestHistory';
import { WithdrawParticipant } from './WithdrawParticipant';
import { CommitteeMembers } from '@/features/committee/CommitteeMembers';

/** A dataset: what it holds and its consent; for its stewards, the consent editor and withdrawals. */
export default function DatasetPage() {
  const { id = '' } = useParams();
  const { hasRole } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: DatasetDetailDocument, variables: { id } });
  const labels = useDiseaseLabels(data?.dataset.consent?.diseases ?? []);
  if (fetching && !data) return <Loading />;
  if (!data) return <ApiErrorAlert error={error} title="This dataset cannot be shown" />;
  const d = data.dataset;
  const steward = hasRole('steward', 'admin');
  return (
    <>
      <PageHeader
        title={d.name}
        actions={
          hasRole('researcher') && d.securityLevel !== 'PUBLIC' ? (
            <Button component={Link} to={`/requests/new?dataset=${encodeURIComponent(d.id)}`}>
              Request access
            </Button>
          ) : null
        }
      >
        <span className="mono">{d.id}</span> · {d.assembly} · registered {fmtDate(d.createdAt)}
      </PageHeader>
      <Stack>
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Group gap="xs">
              <SecurityLevelBadge level={d.securityLevel} />
              <Text size="sm">
                {d.individualCount.toLocaleString()} individuals · {d.variantCount.toLocaleString()} variants
              </Text>
            </Group>
            {d.description ? <Text size="sm">{d.description}</Text> : null}
            <DuoPills consent={d.consent} diseaseLabels={labels} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <DatasetAllowance datasetId={d.id} name={d.name} />
        </Paper>
        {steward ? (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Paper withBorder p="md">
                <ConsentEditor dataset={d} />
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Paper withBorder p="md">
                <WithdrawParticipant datasetId={d.id} />
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Paper withBorder p="md">
                <CommitteeMembers datasetId={d.id} />
              </Paper>
            </Grid.Col>
          </Grid>
        ) : null}
        {steward ? (
          <Paper withBorder p="md">
            <IngestHistory datasetId={d.id} />
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}
