import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { ColumnHeaders } from '@/components/ColumnHeaders';
import { fmtDateTime } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import { AuditIntegrityDocument } from '@/gql/graphql';

/** Compliance: verify the hash chain and checkpoints; volume alerts. */
export default function IntegrityPage() {
  const [{ data, fetching, error }, verify] = useQuery({
    query: AuditIntegrityDocument,
    requestPolicy: 'network-only',
  });
  const v = data?.auditIntegrity;
  return (
    <>
      <PageHeader
        title="Integrity"
        actions={
          <Button onClick={() => verify({ requestPolicy: 'network-only' })} loading={fetching}>
            Run verification
          </Button>
        }
      >
        The audit trail is a hash chain anchored by signed checkpoints; verification reads all of it.
      </PageHeader>
      <ApiErrorAlert error={error} />
      {fetching && !data ? <Loading label="Verifying the chain…" /> : null}
      {v ? (
        <Stack>
          <Alert
            color={v.ok ? 'green' : 'red'}
            title={v.ok ? 'The audit trail is intact' : 'The audit trail was altered'}
            role="status"
            data-testid="integrity-result"
          >
            <Text size="sm">{v.message}</Text>
            {!v.ok ? (
              <Text size="sm" mt="xs">
                First bad event: <Code>{v.firstBadSeq ?? '?'}</Code> ({v.problem ?? 'unknown'})
                {v.suspectFromSeq ? (
                  <>
                    {' '}
                    · suspect from <Code>{v.suspectFromSeq}</Code>
                  </>
                ) : null}
              </Text>
            ) : null}
          </Alert>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {[
              ['Events checked', v.eventsChecked.toLocaleString()],
              ['Last sequence', v.lastSeq ?? '—'],
              ['Checkpoints verified', String(v.checkpointsVerified)],
              ['Speed', `${v.rowsPerSecond.toLocaleString()} events/s`],
            ].map(([k, val]) => (
              <Paper withBorder p="sm" key={k}>
                <Text size="xs" c="dimmed">
                  {k}
                </Text>
                <Text fw={650}>{val}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Title order={2} size="h4">
            Volume alerts
          </Title>
          {data.auditAlerts.length === 0 ? (
            <Empty title="No actor is above the volume baseline" />
          ) : (
            <Table withTableBorder aria-label="Volume alerts">
              <ColumnHeaders names={['Actor', 'Requests', 'Window']} />
              <Table.Tbody>
                {data.auditAlerts.map((a) => (
                  <Table.Tr key={a.actor}>
                    <Table.Td>{a.actor}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {a.count} <Badge color="red">baseline {a.baseline}</Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {fmtDateTime(a.firstAt)} – {fmtDateTime(a.lastAt)} ({a.windowSeconds} s)
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ) : null}
    </>
  );
}
