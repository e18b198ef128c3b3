import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { DiseaseTermsDocument } from '@/gql/graphql';

/** Labels of the MONDO ids shown (one query for all of them). */
export function useDiseaseLabels(ids: readonly string[]): ReadonlyMap<string, string> {
  const unique = useMemo(() => [...new Set(ids)].sort(), [ids]);
  const [{ data }] = useQuery({
    query: DiseaseTermsDocument,
    variables: { ids: unique, search: null, first: null },
    pause: unique.length === 0,
  });
  return useMemo(() => new Map((data?.diseaseTerms ?? []).map((t) => [t.id, t.label])), [data]);
}

/**
 * Options for a MONDO picker: the terms matching what is typed (searched on the node, debounced) plus the
 * ones already chosen, as `{ value, label }`.
 */
export function useDiseaseOptions(
  search: string,
  selected: readonly string[],
): { value: string; label: string }[] {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [{ data: found }] = useQuery({
    query: DiseaseTermsDocument,
    variables: { search: debounced, ids: null, first: 20 },
    pause: debounced.length < 2,
  });
  const labels = useDiseaseLabels(selected);
  return useMemo(() => {
    const options = new Map<string, string>();
    for (const id of selected) options.set(id, `${labels.get(id) ?? id} (${id})`);
    for (const t of found?.diseaseTerms ?? []) options.set(t.id, `${t.label} (${t.id})`);
    return [...options.entries()].map(([value, label]) => ({ value, label }));
  }, [found, labels, selected]);
}
