import { Anchor, Badge, Table } from '@mantine/core';
import { Link } from 'react-router';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { daysBetween, fmtDate, PersonLabel } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import { expiringWithin, useStewardedRequests } from './queue-filter';

/** Steward: grants on my datasets that end in the next 30 days. */
export default function ExpiringGrantsPage() {
  const approved = useStewardedRequests(['APPROVED']);
  const { data, fetching, error } = approved;
  const rows = expiringWithin(approved.rows, 30);
  return (
    <>
      <PageHeader title="Expiring grants">Active grants on your datasets that end within 30 days.</PageHeader>
      <ApiErrorAlert error={error} />
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? <Empty title="No grant ends in the next 30 days" /> : null}
      {rows.length > 0 ? (
        <Table withTableBorder aria-label="Grants ending within 30 days">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Ends</Table.Th>
              <Table.Th scope="col">Researcher</Table.Th>
              <Table.Th scope="col">Dataset</Table.Th>
              <Table.Th scope="col">Project</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {fmtDate(r.expiresAt)} <Badge color="orange">{-daysBetween(r.expiresAt!)} days</Badge>
                </Table.Td>
                <Table.Td>
                  <PersonLabel person={r.applicant} />
                </Table.Td>
                <Table.Td className="mono">{r.datasetId}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/review/${r.id}`}>
                    {r.projectTitle}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
