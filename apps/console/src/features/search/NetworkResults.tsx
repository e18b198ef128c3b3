import { Alert, Badge, Code, Stack, Table, Text, Title } from '@mantine/core';
import type { NetworkSearchQuery, NodeAnswerStatus } from '@/gql/graphql';
import { enumWord } from '@/components/format';
import { ResultSets } from './ResultSets';

const STATUS_COLOR: Record<NodeAnswerStatus, string> = {
  OK: 'green',
  DENIED: 'orange',
  TIMEOUT: 'yellow',
  ERROR: 'red',
  INVALID_RESPONSE: 'red',
  UNVERIFIED_ANSWER: 'red',
};

const STATUS_WORDS: Record<NodeAnswerStatus, string> = {
  OK: 'answered',
  DENIED: 'refused you',
  TIMEOUT: 'no answer in time',
  ERROR: 'unreachable or failed',
  INVALID_RESPONSE: 'malformed answer (not merged)',
  UNVERIFIED_ANSWER: 'answer not signed by its pinned key (not merged)',
};

/** A network search: the aggregate, every node's status, and each answering node's result sets. */
export function NetworkResults({ answer }: { answer: NetworkSearchQuery['networkBeacon'] }) {
  return (
    <Stack>
      <Text size="sm" data-testid="network-summary">
        {answer.exists ? 'Found in the network' : 'Not found in the network'}
        {answer.numTotalResults !== null
          ? ` · ${answer.numTotalResults} matching variant${answer.numTotalResults === 1 ? '' : 's'} over ${answer.countedNodes.join(', ')}`
          : ''}{' '}
        · request <Code>{answer.requestId}</Code>
      </Text>
      <Table withTableBorder aria-label="Status of each node" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Node</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Answer</Table.Th>
            <Table.Th scope="col">Time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {answer.nodes.map((n, i) => (
            // A node may be registered as its own peer: the row's key is its place, not its id.
            <Table.Tr
              key={`${i}-${n.nodeId}`}
              data-testid={`node-${n.kind === 'local' ? 'local' : n.nodeId}`}
            >
              <Table.Td>
                <Text size="sm" fw={600} className="mono">
                  {n.nodeId}
                </Text>
                <Text size="xs" c="dimmed">
                  {n.kind === 'local' ? 'this node' : n.kind}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[n.status]} data-testid="node-status">
                  {enumWord(n.status)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {STATUS_WORDS[n.status]}
                </Text>
                {n.message ? (
                  <Text size="xs" c="dimmed">
                    {n.message}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {n.status !== 'OK' ? (
                  '—'
                ) : (
                  <Text size="sm">
                    {n.exists ? 'found' : 'not found'}
                    {n.numTotalResults !== null
                      ? ` · ${n.numTotalResults} ${n.numTotalResults === 1 ? n.countKind.replace(/s$/, '') : n.countKind}`
                      : ''}
                    {n.returnedGranularity ? ` · ${n.returnedGranularity.toLowerCase()}` : ''}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{Math.round(n.latencyMs)} ms</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {answer.nodes
        .filter((n) => n.warning)
        .map((n, i) => (
          <Alert key={`${i}-${n.nodeId}`} color="orange" title={`${n.nodeId}: read with care`}>
            {n.warning}
          </Alert>
        ))}
      {answer.nodes
        .filter((n) => n.status === 'OK' && n.resultSets.length > 0)
        .map((n, i) => (
          <section key={`${i}-${n.nodeId}`} aria-labelledby={`sets-${i}`}>
            <Title order={2} size="h5" mb="xs" id={`sets-${i}`}>
              {n.kind === 'local' ? `This node (${n.nodeId})` : n.nodeId}: per dataset
            </Title>
            <ResultSets sets={n.resultSets} node={n.kind === 'local' ? 'this node' : `peer ${n.nodeId}`} />
          </section>
        ))}
    </Stack>
  );
}
