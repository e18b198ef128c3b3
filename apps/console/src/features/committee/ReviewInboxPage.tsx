import { Anchor, Badge, Chip, Group } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { DataTable } from '@/components/DataTable';
import { VerdictBadge } from '@/components/DuoMatchTable';
import { daysBetween, fmtDate, PersonLabel, StatusBadge } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import { ReviewsAskedOfMeDocument, type ReviewsAskedOfMeQuery } from '@/gql/graphql';
import { voteColor } from './vote-form';

type Row = ReviewsAskedOfMeQuery['reviewsAskedOfMe'][number];
const col = createColumnHelper<Row>();
const columns = [
  col.accessor((r) => r.request.projectTitle, {
    id: 'project',
    header: 'Project',
    cell: (c) => (
      <Anchor component={Link} to={`/committee/${c.row.original.request.id}`}>
        {c.getValue()}
      </Anchor>
    ),
  }),
  col.accessor((r) => r.request.applicant.name, {
    id: 'applicant',
    header: 'Applicant',
    cell: (c) => <PersonLabel person={c.row.original.request.applicant} />,
  }),
  col.accessor((r) => r.request.datasetId, { id: 'dataset', header: 'Dataset' }),
  col.accessor((r) => r.request.duoMatch.outcome, {
    id: 'match',
    header: 'DUO',
    cell: (c) => <VerdictBadge verdict={c.getValue()} />,
  }),
  col.accessor('role', {
    header: 'Asked for',
    cell: (c) => (c.getValue() === 'CHAIR' ? 'the decision' : 'a review'),
  }),
  col.accessor((r) => r.requestedBy.name, {
    id: 'by',
    header: 'Asked by',
    cell: (c) => <PersonLabel person={c.row.original.requestedBy} />,
  }),
  col.accessor((r) => r.myVote?.vote ?? '', {
    id: 'vote',
    header: 'My vote',
    cell: (c) =>
      c.getValue() ? (
        <Badge color={voteColor(c.getValue())}>{c.getValue().toLowerCase()}</Badge>
      ) : (
        <Badge variant="outline">to do</Badge>
      ),
  }),
  col.accessor((r) => r.request.status, {
    id: 'state',
    header: 'State',
    cell: (c) => <StatusBadge status={c.getValue()} />,
  }),
  col.accessor('requestedAt', {
    header: 'Asked',
    cell: (c) => `${daysBetween(c.getValue())} d ago (${fmtDate(c.getValue())})`,
  }),
];

/** Committee member: the reviews (and decisions) the handlers asked of me. */
export default function ReviewInboxPage() {
  const [pending, setPending] = useState(true);
  const [{ data, fetching, error }] = useQuery({
    query: ReviewsAskedOfMeDocument,
    variables: { pending },
    requestPolicy: 'cache-and-network',
  });
  const rows = data?.reviewsAskedOfMe ?? [];
  return (
    <>
      <PageHeader title="Reviews asked of me">
        Access requests a handler asked you to review or decide. Open one to read it, see the DUO match and
        vote.
      </PageHeader>
      <ApiErrorAlert error={error} />
      <Group mb="md">
        <Chip checked={pending} onChange={setPending}>
          Open requests only
        </Chip>
      </Group>
      {fetching && !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty title="Nothing asked of you">When a handler asks for your review it appears here.</Empty>
      ) : (
        <DataTable
          data={rows}
          columns={columns}
          label="Reviews asked of me"
          rowTestId={(r) => `review-${r.request.id}`}
        />
      )}
    </>
  );
}
