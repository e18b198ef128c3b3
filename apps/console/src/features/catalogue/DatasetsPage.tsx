import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '@/app/session';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { useDiseaseLabels } from '@/components/diseases';
import { DuoPills, SecurityLevelBadge } from '@/components/duo';
import { LoadMore, useCursorPages } from '@/components/paging';
import { Empty, Loading, PageHeader } from '@/components/states';
import { CatalogueDocument } from '@/gql/graphql';
import { grantedDatasets } from '@/features/grants/visas';

/** What the caller may get from a dataset, in words. */
export function entitlementText(level: string, granted: boolean): string {
  if (granted) return 'You hold a grant: record-level answers (carriers and genotypes).';
  if (level === 'PUBLIC') return 'Anyone: counts, after the privacy guard.';
  if (level === 'REGISTERED') return 'Bona fide researchers: counts, after the privacy guard.';
  return 'Records with an approved access request only.';
}

/** Researcher: the dataset catalogue. */
export default function DatasetsPage() {
  const pages = useCursorPages({
    query: CatalogueDocument,
    variables: {},
    connection: (d) => ({ rows: d.datasetPage.datasets, pageInfo: d.datasetPage.pageInfo }),
    key: (d) => d.id,
    first: 50,
  });
  const { data, fetching, error, rows: datasets } = pages;
  const { hasRole } = useSession();
  const granted = grantedDatasets(data?.myPermissions ?? []);
  const diseaseLabels = useDiseaseLabels(datasets.flatMap((d) => d.consent?.diseases ?? []));
  return (
    <>
      <PageHeader title="Datasets">
        Every dataset you may know exists on this node, with its data use conditions and what you may get from
        it.
      </PageHeader>
      <ApiErrorAlert error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && datasets.length === 0 ? (
        <Empty title="No datasets visible to you">
          Public datasets appear here once the node operator loads one.
        </Empty>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {datasets.map((d) => (
          <Card key={d.id} withBorder padding="md" component="article" aria-labelledby={`ds-${d.id}`}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/datasets/${d.id}`} fw={650} id={`ds-${d.id}`}>
                  {d.name}
                </Anchor>
                <SecurityLevelBadge level={d.securityLevel} />
              </Group>
              <Text size="sm" c="dimmed">
                <span className="mono">{d.id}</span> · {d.assembly} · {d.individualCount.toLocaleString()}{' '}
                individuals · {d.variantCount.toLocaleString()} variants
              </Text>
              {d.description ? <Text size="sm">{d.description}</Text> : null}
              <DuoPills consent={d.consent} diseaseLabels={diseaseLabels} />
              <Text size="sm">{entitlementText(d.securityLevel, granted.has(d.id))}</Text>
              {hasRole('researcher') && d.securityLevel !== 'PUBLIC' && !granted.has(d.id) ? (
                <Group>
                  <Button component={Link} to={`/requests/new?dataset=${encodeURIComponent(d.id)}`} size="xs">
                    Request access
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <LoadMore pages={pages} label="More datasets" />
    </>
  );
}
