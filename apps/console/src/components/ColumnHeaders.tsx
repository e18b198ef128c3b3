import { Table } from '@mantine/core';

/** A plain (unsorted) table's header row: one column header, scope="col", per name. */
export function ColumnHeaders({ names }: { names: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {names.map((n) => (
          <Table.Th key={n} scope="col">
            {n}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
