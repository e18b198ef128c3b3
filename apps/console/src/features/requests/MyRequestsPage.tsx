import { Anchor, Button } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { DataTable } from '@/components/DataTable';
import { VerdictBadge } from '@/components/DuoMatchTable';
import { fmtDate, StatusBadge } from '@/components/format';
import { LoadMore, useCursorPages } from '@/components/paging';
import { grantEnd } from '@/features/grants/grant-end';
import { Empty, Loading, PageHeader } from '@/components/states';
import { MyRequestsDocument, type RequestSummaryFragment } from '@/gql/graphql';

const col = createColumnHelper<RequestSummaryFragment>();
const columns = [
  col.accessor('projectTitle', {
    header: 'Project',
    cell: (c) => (
      <Anchor component={Link} to={`/requests/${c.row.original.id}`}>
        {c.getValue()}
      </Anchor>
    ),
  }),
  col.accessor('datasetId', { header: 'Dataset' }),
  col.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor((r) => r.duoMatch.outcome, {
    id: 'match',
    header: 'DUO match',
    cell: (c) => <VerdictBadge verdict={c.getValue()} />,
  }),
  col.accessor('createdAt', { header: 'Submitted', cell: (c) => fmtDate(c.getValue()) }),
  col.accessor('expiresAt', {
    header: 'Grant',
    // A revoked, expired or withdrawn grant says so, with the date it ended, not the end it was given.
    cell: (c) => (c.getValue() ? (grantEnd(c.row.original) ?? fmtDate(c.getValue())) : '—'),
  }),
];

/** Researcher: my access requests. */
export default function MyRequestsPage() {
  const pages = useCursorPages({
    query: MyRequestsDocument,
    variables: {},
    connection: (d) => ({ rows: d.accessRequestPage.requests, pageInfo: d.accessRequestPage.pageInfo }),
    key: (r) => r.id,
    first: 50,
  });
  const { data, fetching, error, rows: requests } = pages;
  return (
    <>
      <PageHeader
        title="My requests"
        actions={
          <Button component={Link} to="/requests/new">
            New request
          </Button>
        }
      >
        Your access requests and their state. Open one for its timeline.
      </PageHeader>
      <ApiErrorAlert error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && requests.length === 0 ? (
        <Empty title="No requests yet">Find a dataset in the catalogue and request access to it.</Empty>
      ) : null}
      {requests.length > 0 ? (
        <DataTable
          data={requests}
          columns={columns}
          label="My access requests"
          initialSort={[{ id: 'createdAt', desc: true }]}
        />
      ) : null}
      <LoadMore pages={pages} label="More requests" />
    </>
  );
}
