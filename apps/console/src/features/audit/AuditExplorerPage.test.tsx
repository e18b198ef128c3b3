import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider, type Client } from 'urql';
import { describe, expect, it } from 'vitest';
import { fromValue } from 'wonka';
import AuditExplorerPage, { auditFilterProblems } from './AuditExplorerPage';

const empty = { actor: '', datasetId: '', action: '', outcome: '', from: '', to: '' };

describe('the audit explorer', () => {
  it('refuses a period that ends before it starts, in the form', async () => {
    expect(auditFilterProblems({ ...empty, from: '2026-12-05T10:00', to: '2026-12-01T10:00' }).to).toMatch(
      /earlier than/,
    );
    expect(auditFilterProblems({ ...empty, from: '2026-12-01T10:00', to: '2026-12-05T10:00' })).toEqual({});
    const sent: unknown[] = [];
    const client = {
      executeQuery: ({ variables }: { variables: unknown }) => {
        sent.push(variables);
        return fromValue({
          data: { auditEvents: { events: [], pageInfo: { hasNextPage: false, endCursor: null } } },
          stale: false,
          hasNext: false,
        });
      },
    } as unknown as Client;
    render(
      <MantineProvider>
        <MemoryRouter>
          <Provider value={client}>
            <AuditExplorerPage />
          </Provider>
        </MemoryRouter>
      </MantineProvider>,
    );
    expect(screen.getByText(/A user name \(e\.g\. alice\) or the subject/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-05T10:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-01T10:00' } });
    const asked = sent.length;
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/“To” is earlier than “From”/)).toBeInTheDocument();
    expect(screen.queryByText('No event matches these filters')).toBeNull();
    expect(sent.length).toBe(asked);
  });
});
