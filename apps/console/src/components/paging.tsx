import { Button, Group } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, type TypedDocumentNode } from 'urql';

/** What a cursor-paged GraphQL list answers: its rows and `pageInfo { hasNextPage endCursor }`. */
export interface Connection<Item> {
  rows: readonly Item[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const NONE: never[] = [];

interface PagingVariables {
  first?: number | null;
  after?: string | null;
}

export interface CursorPages<Data, Item> {
  /** Every row of the pages shown so far, once each (by key), in the server's order. */
  rows: Item[];
  /** The last page's whole answer (other root fields asked beside the list), while it is there. */
  data: Data | undefined;
  fetching: boolean;
  error: ReturnType<typeof useQuery>[0]['error'];
  hasNextPage: boolean;
  loadMore: () => void;
}

/**
 * A keyset-paged query a page at a time: the rows already shown stay, `loadMore` asks for the page after the
 * last one's `endCursor`. Other variables changing (a filter) start again from the first page. With `all`, it
 * follows the cursor to the end by itself (for option lists that must name every choice, a page at a time).
 */
export function useCursorPages<Data, Vars extends PagingVariables, Item>(opts: {
  query: TypedDocumentNode<Data, Vars>;
  variables: Omit<Vars, 'first' | 'after'>;
  connection: (data: Data) => Connection<Item>;
  key: (item: Item) => string;
  first: number;
  pause?: boolean;
  all?: boolean;
}): CursorPages<Data, Item> {
  const scope = JSON.stringify(opts.variables);
  const [shown, setShown] = useState<{ scope: string; older: Item[]; after: string | null }>({
    scope,
    older: [],
    after: null,
  });
  // A filter changed: back to the first page (derived here rather than in an effect, so no stale page shows).
  const older = shown.scope === scope ? shown.older : NONE;
  const after = shown.scope === scope ? shown.after : null;
  const [{ data, fetching, error }] = useQuery<Data, Vars>({
    query: opts.query,
    variables: { ...opts.variables, first: opts.first, after } as unknown as Vars,
    pause: opts.pause,
  });
  const page = data ? opts.connection(data) : undefined;
  const key = useRef(opts.key).current; // a pure function of the row: the first closure will do
  const pageRows = page?.rows;
  // While the next page loads the client may still hold the previous one: each row once, by key.
  const rows = useMemo(
    () => [...new Map([...older, ...(pageRows ?? [])].map((r) => [key(r), r])).values()],
    [older, pageRows, key],
  );
  const endCursor = page?.pageInfo.endCursor ?? null;
  const hasNextPage = Boolean(page?.pageInfo.hasNextPage && endCursor);
  const loadMore = () => {
    if (hasNextPage && endCursor !== after) setShown({ scope, older: rows, after: endCursor });
  };
  const follow = Boolean(opts.all && hasNextPage && !fetching);
  useEffect(() => {
    if (follow) loadMore();
  });
  return { rows, data, fetching: fetching || follow, error, hasNextPage, loadMore };
}

/** The "load more" button under a paged list: shown while another page follows. */
export function LoadMore({
  pages,
  label,
}: {
  pages: Pick<CursorPages<unknown, unknown>, 'hasNextPage' | 'fetching' | 'loadMore'>;
  label: string;
}) {
  if (!pages.hasNextPage) return null;
  return (
    <Group mt="sm">
      <Button variant="default" onClick={pages.loadMore} loading={pages.fetching}>
        {label}
      </Button>
    </Group>
  );
}
