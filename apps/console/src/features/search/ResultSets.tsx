import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { BeaconGranularity, ResultSetFieldsFragment } from '@/gql/graphql';
import { countsWithheld, guardNote } from './search-form';

/**
 * `node`: in a network search, which node answered (names each answer apart from other nodes'); `asked`: the
 * granularity the search asked for.
 */
export function ResultSets({
  sets,
  node,
  asked,
}: {
  sets: readonly ResultSetFieldsFragment[];
  node?: string;
  asked?: BeaconGranularity;
}) {
  return (
    <Stack>
      {sets.map((r) => (
        <Card
          key={r.datasetId}
          withBorder
          component="section"
          aria-label={`Answer of ${r.datasetId}${node ? ` on ${node}` : ''}`}
          data-testid={`result-${r.datasetId}`}
        >
          <Group justify="space-between">
            <Text fw={650} className="mono">
              {r.datasetId}
            </Text>
            <Group gap="xs">
              <Badge color={r.exists ? 'green' : 'gray'}>{r.exists ? 'found' : 'not found'}</Badge>
              <Badge color="blue" variant="outline">
                {r.granularity.toLowerCase()}
              </Badge>
            </Group>
          </Group>
          <Text size="sm" c="dimmed" mt={4} data-testid="guard-note">
            {guardNote(r, asked) ?? ''}
          </Text>
          {r.granularity === 'COUNT' && r.exists && countsWithheld(r) ? (
            <Text size="sm" mt="xs" data-testid="counts">
              Present — counts withheld by the privacy guard
              {r.count !== null && r.count > 1 ? ` · ${r.count} matching variants` : ''}
            </Text>
          ) : r.granularity === 'COUNT' && r.exists ? (
            <Text size="sm" mt="xs" data-testid="counts">
              {r.count ?? '—'} matching variant{r.count === 1 ? '' : 's'}
              {r.alleleCount !== null ? ` · AC ${r.alleleCount} / AN ${r.alleleNumber}` : ''}
              {r.alleleFrequency !== null ? ` · AF ${r.alleleFrequency.toPrecision(3)}` : ''}
              {r.hetCarriers !== null
                ? ` · ${r.hetCarriers} het, ${r.homAltCarriers ?? 0} hom-alt carriers`
                : ''}
            </Text>
          ) : null}
          {r.records && r.records.length > 0 ? (
            <Table
              mt="sm"
              withTableBorder
              aria-label={`Records of ${r.datasetId}${node ? ` on ${node}` : ''}`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Variant</Table.Th>
                  <Table.Th scope="col">AC/AN</Table.Th>
                  <Table.Th scope="col">Carriers (sample: genotype)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.records.map((v) => (
                  <Table.Tr key={`${v.chrom}-${v.pos}-${v.ref}-${v.alt}`}>
                    <Table.Td className="mono">
                      {v.chrom}:{v.pos} {v.ref}&gt;{v.alt}
                    </Table.Td>
                    <Table.Td>
                      {v.alleleCount}/{v.alleleNumber}
                    </Table.Td>
                    <Table.Td className="mono">
                      {v.carriers
                        .slice(0, 20)
                        .map((c) => `${c.sampleId}: ${c.genotype}`)
                        .join(', ')}
                      {v.carriers.length > 20 ? ` … and ${v.carriers.length - 20} more` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          {r.recordsTruncated ? (
            <Text size="xs" c="dimmed">
              More variants matched than are shown.
            </Text>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
