import { Anchor, Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import { NotificationDeliveriesDocument, RetryNotificationDeliveriesDocument } from '@/gql/graphql';

const STATUS_COLOR: Record<string, string> = {
  DEAD: 'red',
  PENDING: 'yellow',
  SENDING: 'blue',
  SENT: 'green',
};

/** Administrators: notification deliveries (the dead-letter list by default) and their retry. */
export default function DeliveriesPage() {
  const [status, setStatus] = useState('DEAD');
  const [{ data, fetching, error }, refetch] = useQuery({
    query: NotificationDeliveriesDocument,
    variables: { status: status === 'ALL' ? null : status, limit: 200 },
  });
  const [retried, retry] = useMutation(RetryNotificationDeliveriesDocument);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const run = async (ids: string[] | null) => {
    const r = await retry({ ids });
    if (!r.error) reload();
  };
  const rows = data?.notificationDeliveries ?? [];
  return (
    <>
      <PageHeader
        title="Notification deliveries"
        actions={
          status === 'DEAD' && rows.length ? (
            <Button color="red" variant="light" onClick={() => void run(null)} loading={retried.fetching}>
              Retry all dead
            </Button>
          ) : null
        }
      >
        E-mails and webhooks queued by the access workflow. A delivery that failed every attempt is dead until
        you retry it (also <span className="mono">helixgate notifications retry</span>).
      </PageHeader>
      <SegmentedControl
        mb="md"
        value={status}
        onChange={setStatus}
        data={['DEAD', 'PENDING', 'SENT', 'ALL'].map((s) => ({
          value: s,
          label: s === 'DEAD' ? 'Dead letters' : s.toLowerCase(),
        }))}
        aria-label="Status"
      />
      <ApiErrorAlert error={error ?? retried.error} />
      {fetching && !data ? <Loading /> : null}
      {data && rows.length === 0 ? (
        <Empty title={status === 'DEAD' ? 'No dead letters' : 'Nothing here'}>
          {status === 'DEAD' ? 'Every notification was delivered or is still being tried.' : null}
        </Empty>
      ) : null}
      {rows.length ? (
        <Table withTableBorder verticalSpacing="xs" aria-label="Notification deliveries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Event</Table.Th>
              <Table.Th scope="col">To</Table.Th>
              <Table.Th scope="col">Attempts</Table.Th>
              <Table.Th scope="col">Last error</Table.Th>
              <Table.Th scope="col">Queued</Table.Th>
              <Table.Th scope="col" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id} data-testid={`delivery-${d.id}`}>
                <Table.Td className="mono">{d.id}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[d.status] ?? 'gray'}>{d.status}</Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="mono">
                    {d.type}
                  </Text>
                  {d.requestId ? (
                    <Anchor component={Link} to={`/review/${d.requestId}`} size="xs">
                      request
                    </Anchor>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {d.channel}: <span className="mono">{d.target}</span>
                  </Text>
                </Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>
                  <Text size="xs">{d.lastError ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{fmtDateTime(d.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  {d.status === 'DEAD' ? (
                    <Group gap={4}>
                      <Button size="xs" variant="light" onClick={() => void run([d.id])}>
                        Retry
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
