import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fromValue, never } from 'wonka';
import { Provider, type Client } from 'urql';
import { DatasetOptionsDocument } from '@/gql/graphql';
import { LoadMore, useCursorPages } from './paging';

const dataset = (id: string) => ({ id, name: `Dataset ${id}`, securityLevel: 'PUBLIC' });
const PAGES: Record<string, { ids: string[]; endCursor: string | null }> = {
  '': { ids: ['a', 'b'], endCursor: 'b' },
  b: { ids: ['c', 'd'], endCursor: 'd' },
  d: { ids: ['e'], endCursor: null },
};

/** datasetPage in three pages, answered by the cursor asked after; records every `after` sent. */
function fakeClient(sent: (string | null)[]): Client {
  return {
    executeQuery: ({ variables }: { variables: { after: string | null } }) => {
      sent.push(variables.after);
      const page = PAGES[variables.after ?? ''];
      if (!page) return never;
      return fromValue({
        data: {
          datasetPage: {
            datasets: page.ids.map(dataset),
            pageInfo: { hasNextPage: page.endCursor !== null, endCursor: page.endCursor },
          },
        },
        stale: false,
        hasNext: false,
      });
    },
  } as unknown as Client;
}

function Datasets({ all }: { all: boolean }) {
  const pages = useCursorPages({
    query: DatasetOptionsDocument,
    variables: {},
    connection: (d) => ({ rows: d.datasetPage.datasets, pageInfo: d.datasetPage.pageInfo }),
    key: (d) => d.id,
    first: 2,
    all,
  });
  return (
    <>
      <ul aria-label="Datasets">
        {pages.rows.map((d) => (
          <li key={d.id}>{d.id}</li>
        ))}
      </ul>
      <LoadMore pages={pages} label="More datasets" />
    </>
  );
}

function renderWith(sent: (string | null)[], all: boolean) {
  render(
    <MantineProvider>
      <Provider value={fakeClient(sent)}>
        <Datasets all={all} />
      </Provider>
    </MantineProvider>,
  );
}

const shown = () => screen.getAllByRole('listitem').map((li) => li.textContent);

describe('useCursorPages', () => {
  it('shows the first page, then each next one after the last endCursor, keeping the rows shown', async () => {
    const sent: (string | null)[] = [];
    renderWith(sent, false);
    await screen.findByText('b');
    expect(shown()).toEqual(['a', 'b']);
    await userEvent.click(screen.getByRole('button', { name: 'More datasets' }));
    await screen.findByText('d');
    expect(shown()).toEqual(['a', 'b', 'c', 'd']);
    await userEvent.click(screen.getByRole('button', { name: 'More datasets' }));
    await screen.findByText('e');
    expect(shown()).toEqual(['a', 'b', 'c', 'd', 'e']);
    // the last page has no next one: no button, and no page asked twice
    expect(screen.queryByRole('button', { name: 'More datasets' })).toBeNull();
    expect([...new Set(sent)]).toEqual([null, 'b', 'd']);
  });

  it('with all, follows the cursor to the last page by itself', async () => {
    const sent: (string | null)[] = [];
    renderWith(sent, true);
    await screen.findByText('e');
    expect(shown()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...new Set(sent)]).toEqual([null, 'b', 'd']);
  });
});
