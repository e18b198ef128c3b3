import { Button, Group, Paper, Table, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime } from '@/components/format';
import { LoadMore, useCursorPages } from '@/components/paging';
import { Empty, Loading, PageHeader } from '@/components/states';
import { ParticipantAccessDocument } from '@/gql/graphql';

const PAGE = 50;

/**
 * What is wrong with the question before it is asked: the dataset is required. A participant is named by
 * their index (0-based position in the dataset's VCF), as the audit trail records them, or by the sample id a
 * data subject knows (the node finds the current participant with it; the trail itself never holds it).
 */
export function participantAccessProblems(datasetId: string): { datasetId?: string } {
  return datasetId.trim() ? {} : { datasetId: 'Name the dataset' };
}

/** A whole number is an index (as the trail writes it, no leading zeros); anything else a sample id. */
export function participantOf(input: string): { individualId: string | null; sampleId: string | null } {
  const v = input.trim();
  if (!v) return { individualId: null, sampleId: null };
  if (/^\d+$/.test(v)) return { individualId: v.replace(/^0+(?=\d)/, ''), sampleId: null };
  return { individualId: null, sampleId: v };
}

/** Compliance: who decrypted a dataset's (or one participant's) data, when and for what purpose. */
export default function ParticipantAccessPage() {
  const [datasetId, setDatasetId] = useState('');
  const [individualId, setIndividualId] = useState('');
  const [asked, setAsked] = useState<{
    datasetId: string;
    individualId: string | null;
    sampleId: string | null;
  } | null>(null);
  // Newest first, a page at a time ("Show older decryptions" follows the cursor); a new question starts over.
  const pages = useCursorPages({
    query: ParticipantAccessDocument,
    variables: {
      datasetId: asked?.datasetId ?? '',
      individualId: asked?.individualId ?? null,
      sampleId: asked?.sampleId ?? null,
    },
    connection: (d) => ({
      rows: d.participantAccessPage.accesses,
      pageInfo: d.participantAccessPage.pageInfo,
    }),
    key: (a) => a.seq,
    first: PAGE,
    pause: !asked,
  });
  const { rows, data, fetching, error } = pages;
  const [problems, setProblems] = useState<{ datasetId?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = participantAccessProblems(datasetId);
    setProblems(found);
    if (found.datasetId) return;
    setAsked({ datasetId: datasetId.trim(), ...participantOf(individualId) });
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
              error={problems.datasetId}
            />
            <TextInput
              label="Participant (optional)"
              description="Their sample id, or their index in the dataset’s VCF from 0 (a withdrawn participant: index only)"
              value={individualId}
              onChange={(e) => setIndividualId(e.currentTarget.value)}
            />
            <Button type="submit">Show history</Button>
          </Group>
        </form>
      </Paper>
      <ApiErrorAlert error={error} />
      {fetching ? <Loading /> : null}
      {/* A refused question (an unknown dataset…) is not an empty history: only the error is shown. */}
      {data && !error && rows.length === 0 ? <Empty title="Nobody decrypted these data" /> : null}
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
      <LoadMore pages={pages} label="Show older decryptions" />
    </>
  );
}
