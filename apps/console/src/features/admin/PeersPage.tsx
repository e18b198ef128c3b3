import { Badge, Button, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { enumWord, fmtDateTime } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import { PeerStatusDocument, type PeerProbeStatus } from '@/gql/graphql';

export const PROBE_COLOR: Record<PeerProbeStatus, string> = {
  OK: 'green',
  DENIED: 'orange',
  TIMEOUT: 'yellow',
  ERROR: 'red',
  INVALID_RESPONSE: 'red',
  UNVERIFIED_ANSWER: 'red',
  DISABLED: 'gray',
};

/** Admin: the registered peers, each probed now (signed hello / Beacon GET /info), with its live status. */
export default function PeersPage() {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PeerStatusDocument,
    requestPolicy: 'network-only',
  });
  return (
    <>
      <PageHeader
        title="Peers"
        actions={
          <Button
            variant="outline"
            loading={fetching}
            onClick={() => refetch({ requestPolicy: 'network-only' })}
          >
            Check again
          </Button>
        }
      >
        The nodes this node asks in a network search. Each active peer is probed when the page opens: a
        Helixgate peer must answer a signed hello with its pinned key, a Beacon v2 peer its /info.
      </PageHeader>
      {fetching && !data ? <Loading label="Probing the peers…" /> : null}
      {!data ? (
        <ApiErrorAlert error={error} title="Peers cannot be shown" />
      ) : data.peerStatus.length === 0 ? (
        <Empty title="No peer registered">
          Register one with <Code>helixgate peers add</Code> or in policies/peers.yaml.
        </Empty>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder aria-label="Peers and their live status" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Peer</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Live status</Table.Th>
                <Table.Th scope="col">Round trip</Table.Th>
                <Table.Th scope="col">Pinned</Table.Th>
                <Table.Th scope="col">Checked</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.peerStatus.map((p) => (
                <Table.Tr key={p.peer.id} data-testid={`peer-${p.peer.id}`}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm" fw={600} className="mono">
                        {p.peer.id}
                      </Text>
                      <Text size="xs" c="dimmed" className="mono">
                        {p.peer.baseUrl}
                      </Text>
                      {p.peer.insecure ? (
                        <Text size="xs" fw={600}>
                          plain HTTP (--insecure)
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.peer.kind}</Text>
                    <Text size="xs" c="dimmed">
                      from {p.peer.source === 'file' ? 'peers.yaml' : 'the API'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Badge color={PROBE_COLOR[p.status]} data-testid="peer-status">
                        {enumWord(p.status)}
                      </Badge>
                      {p.message ? (
                        <Text size="xs" c="dimmed">
                          {p.message}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{p.latencyMs === null ? '—' : `${Math.round(p.latencyMs)} ms`}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {p.peer.keyThumbprints.map((k) => (
                        <Tooltip key={k} label={k}>
                          <Code tabIndex={0}>{k.slice(0, 8)}…</Code>
                        </Tooltip>
                      ))}
                      {p.peer.certificateSha256 ? (
                        <Tooltip label={`certificate SHA-256 ${p.peer.certificateSha256}`}>
                          <Code tabIndex={0}>cert {p.peer.certificateSha256.slice(0, 8)}…</Code>
                        </Tooltip>
                      ) : null}
                      {p.peer.keyThumbprints.length === 0 && !p.peer.certificateSha256 ? '—' : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{fmtDateTime(p.checkedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
