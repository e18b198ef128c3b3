import { Button, Group, Paper, Table, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import { ParticipantAccessDocument, type ParticipantAccessQuery } from '@/gql/graphql';

type Access = ParticipantAccessQuery['participantAccessPage']['accesses'][number];
const PAGE = 50;

/** Compliance: who decrypted a dataset's (or one participant's) data, when and for what purpose. */
export default function ParticipantAccessPage() {
  const [datasetId, setDatasetId] = useState('');
  const [individualId, setIndividualId] = useState('');
  const [asked, setAsked] = useState<{ datasetId: string; individualId: string | null } | null>(null);
  // Keyset paging: the pages already shown, and the cursor of the one asked now (newest first).
  const [older, setOlder] = useState<Access[]>([]);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: ParticipantAccessDocument,
    variables: {
      datasetId: asked?.datasetId ?? '',
      individualId: asked?.individualId ?? null,
      first: PAGE,
      after,
    },
    pause: !asked,
  });
  const page = data?.participantAccessPage;
  // by seq, once (while the next page loads the client may still hold the previous one)
  const rows = [...new Map([...older, ...(page?.accesses ?? [])].map((a) => [a.seq, a])).values()];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!datasetId.trim()) return;
    setOlder([]);
    setAfter(null);
    setAsked({ datasetId: datasetId.trim(), individualId: individualId.trim() || null });
  };
  const showOlder = () => {
    if (!page?.pageInfo.endCursor) return;
    setOlder(rows);
    setAfter(page.pageInfo.endCursor);
  };
  return (
    <>
      <PageHeader title="Participant access">
        Every decryption of a dataset’s genotypes: who, when, under which grant purpose.
      </PageHeader>
      <Paper withBorder p="md" mb="md">
        <form onSubmit={submit} aria-label="Participant access">
          <Group align="flex-end">
            <TextInput
              label="Dataset"
              required
              value={datasetId}
              onChange={(e) => setDatasetId(e.currentTarget.value)}
            />
            <TextInput
              label="Individual (optional)"
              value={individualId}
              onChange={(e) => setIndividualId(e.currentTarget.value)}
            />
            <Button type="submit">Show history</Button>
          </Group>
        </form>
      </Paper>
      <ApiErrorAlert error={error} />
      {fetching ? <Loading /> : null}
      {page && rows.length === 0 ? <Empty title="Nobody decrypted these data" /> : null}
      {rows.length > 0 ? (
        <Table withTableBorder aria-label="Decryptions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Time</Table.Th>
              <Table.Th scope="col">Who</Table.Th>
              <Table.Th scope="col">Purpose</Table.Th>
              <Table.Th scope="col">Individuals</Table.Th>
              <Table.Th scope="col">Seq</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.seq}>
                <Table.Td>{fmtDateTime(p.at)}</Table.Td>
                <Table.Td>
                  {p.actor}
                  {p.institution ? ` · ${p.institution}` : ''}
                </Table.Td>
                <Table.Td>{p.purpose ?? '—'}</Table.Td>
                <Table.Td>{p.individualCount ?? '—'}</Table.Td>
                <Table.Td className="mono">{p.seq}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {page?.pageInfo.hasNextPage ? (
        <Group mt="sm">
          <Button variant="default" onClick={showOlder} loading={fetching}>
            Show older decryptions
          </Button>
        </Group>
      ) : null}
    </>
  );
}
