import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { daysBetween, fmtDate } from '@/components/format';
import { LoadMore, useCursorPages } from '@/components/paging';
import { Empty, Loading, PageHeader } from '@/components/states';
import { MyGrantsDocument } from '@/gql/graphql';
import { GrantVisaButton } from './GrantVisaButton';

/** Researcher: grants, when each ends, its ControlledAccessGrants visa, and renewal or close-out. */
export default function MyGrantsPage() {
  const pages = useCursorPages({
    query: MyGrantsDocument,
    variables: {},
    connection: (d) => ({ rows: d.accessRequestPage.requests, pageInfo: d.accessRequestPage.pageInfo }),
    key: (g) => g.id,
    first: 50,
  });
  const { data, fetching, error, rows: grants } = pages;
  return (
    <>
      <PageHeader title="My grants">
        Datasets you may query at record level, until the grant ends. The visa lets other GA4GH services see
        the grant.
      </PageHeader>
      <ApiErrorAlert error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && grants.length === 0 ? (
        <Empty title="No active grants">Approved requests appear here until they end.</Empty>
      ) : null}
      {grants.length > 0 ? (
        <Table withTableBorder verticalSpacing="sm" aria-label="Active grants">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Dataset</Table.Th>
              <Table.Th scope="col">Project</Table.Th>
              <Table.Th scope="col">Ends</Table.Th>
              <Table.Th scope="col">Visa</Table.Th>
              <Table.Th scope="col">Renewal / close-out</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grants.map((g) => {
              const left = g.expiresAt ? -daysBetween(g.expiresAt) : null;
              return (
                <Table.Tr key={g.id}>
                  <Table.Td className="mono">{g.datasetId}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/requests/${g.id}`}>
                      {g.projectTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm">{fmtDate(g.expiresAt)}</Text>
                      {g.status === 'EXPIRED' ? <Badge color="gray">ended</Badge> : null}
                      {g.status === 'APPROVED' && left !== null && left <= 30 ? (
                        <Badge color="orange">{left} days left</Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {g.status === 'APPROVED' ? <GrantVisaButton id={g.id} datasetId={g.datasetId} /> : null}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/requests/${g.id}`} size="sm">
                      {g.status === 'EXPIRED' ? 'Ended: renew or close out' : 'Request renewal'}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore pages={pages} label="More grants" />
    </>
  );
}
