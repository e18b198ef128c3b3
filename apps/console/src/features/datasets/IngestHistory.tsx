import { Code, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime, PersonLabel } from '@/components/format';
import { Empty, Loading } from '@/components/states';
import { DatasetIngestHistoryDocument } from '@/gql/graphql';

/** Steward / admin: every VCF load into the dataset that committed, newest first. */
export function IngestHistory({ datasetId }: { datasetId: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: DatasetIngestHistoryDocument,
    variables: { id: datasetId },
  });
  return (
    <section aria-labelledby="ingest-history-title" data-testid="ingest-history">
      <Title order={2} size="h4" mb="sm" id="ingest-history-title">
        Ingest history
      </Title>
      {fetching && !data ? <Loading label="Loading the ingest history…" /> : null}
      {!data ? (
        <ApiErrorAlert error={error} title="The ingest history cannot be shown" />
      ) : data.datasetIngestHistory.length === 0 ? (
        <Empty title="Nothing loaded yet">
          Files loaded with <Code>helixgate ingest --dataset {datasetId}</Code> appear here.
        </Empty>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder aria-label="Ingest history" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Records</Table.Th>
                <Table.Th scope="col">Variants</Table.Th>
                <Table.Th scope="col">Individuals</Table.Th>
                <Table.Th scope="col">Took</Table.Th>
                <Table.Th scope="col">Loaded by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.datasetIngestHistory.map((h) => (
                <Table.Tr key={h.id} data-testid="ingest-row">
                  <Table.Td>{fmtDateTime(h.ingestedAt)}</Table.Td>
                  <Table.Td>
                    <Text span className="mono" size="sm">
                      {h.file}
                    </Text>
                    {h.replace ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (replaced the dataset)
                      </Text>
                    ) : null}
                    {h.sha256 ? (
                      <Tooltip label={`SHA-256 ${h.sha256}`}>
                        <Text size="xs" c="dimmed" className="mono" tabIndex={0}>
                          sha256 {h.sha256.slice(0, 12)}…
                        </Text>
                      </Tooltip>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {h.records.toLocaleString()}
                    {h.skipped ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({h.skipped} skipped)
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {h.altRows.toLocaleString()}
                    {h.annotations ? (
                      <Text size="xs" c="dimmed">
                        {h.annotations.toLocaleString()} annotations
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{h.individuals.toLocaleString()}</Table.Td>
                  <Table.Td>{h.seconds.toFixed(1)} s</Table.Td>
                  <Table.Td>
                    <PersonLabel person={h.loadedBy} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
