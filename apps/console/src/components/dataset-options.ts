import { DatasetOptionsDocument } from '@/gql/graphql';
import { useCursorPages } from './paging';

/**
 * Every dataset the caller may see, as `{ value, label }` for a picker (datasetPage, followed to the end), with
 * its assembly.
 */
export function useDatasetOptions(): { value: string; label: string; assembly: string }[] {
  const { rows } = useCursorPages({
    query: DatasetOptionsDocument,
    variables: {},
    connection: (d) => ({ rows: d.datasetPage.datasets, pageInfo: d.datasetPage.pageInfo }),
    key: (d) => d.id,
    first: 200,
    all: true,
  });
  return rows.map((d) => ({ value: d.id, label: d.name, assembly: d.assembly }));
}
