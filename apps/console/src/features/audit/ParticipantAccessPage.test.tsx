import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { concat, fromValue, never } from 'wonka';
import { Provider, type Client } from 'urql';
import ParticipantAccessPage from './ParticipantAccessPage';

const access = (seq: string, actor: string) => ({
  seq,
  at: '2026-12-01T10:00:00.000Z',
  actor,
  institution: null,
  action: 'decrypt',
  purpose: 'cardiomyopathy',
  individualCount: 2,
  requestId: null,
});

/** Two pages of decryptions, newest first: the second is asked with the first one's endCursor. */
function fakeClient(sent: unknown[]): Client {
  return {
    executeQuery: ({ variables }: { variables: { after: string | null; first: number } }) => {
      sent.push(variables);
      if (variables.after === null)
        return fromValue({
          data: {
            participantAccessPage: {
              accesses: [access('9', 'alice'), access('7', 'bob')],
              pageInfo: { hasNextPage: true, endCursor: '7' },
            },
          },
          stale: false,
          hasNext: false,
        });
      if (variables.after === '7')
        return fromValue({
          data: {
            participantAccessPage: {
              accesses: [access('3', 'carol')],
              pageInfo: { hasNextPage: false, endCursor: null },
            },
          },
          stale: false,
          hasNext: false,
        });
      return never;
    },
  } as unknown as Client;
}

function renderPage(client: Client) {
  render(
    <MantineProvider>
      <Provider value={client}>
        <ParticipantAccessPage />
      </Provider>
    </MantineProvider>,
  );
}

describe('the participant access screen', () => {
  it('pages the decryptions with the cursor, keeping the pages already shown', async () => {
    const sent: unknown[] = [];
    renderPage(fakeClient(sent));
    await userEvent.type(screen.getByLabelText(/Dataset/), 'ds-1');
    await userEvent.click(screen.getByRole('button', { name: 'Show history' }));
    expect(await screen.findByText('alice')).toBeTruthy();
    expect(screen.getByText('bob')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show older decryptions' }));
    expect(await screen.findByText('carol')).toBeTruthy();
    expect(screen.getByText('alice')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show older decryptions' })).toBeNull();
    expect(sent).toContainEqual(expect.objectContaining({ datasetId: 'ds-1', first: 50, after: null }));
    expect(sent).toContainEqual(expect.objectContaining({ datasetId: 'ds-1', first: 50, after: '7' }));
  });

  it('asks for a participant by index, or by the sample id a data subject knows', async () => {
    const sent: unknown[] = [];
    renderPage(fakeClient(sent));
    expect(
      screen.getByText(/Their sample id, or their index in the dataset’s VCF from 0/),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Dataset/), 'ds-1');
    await userEvent.type(screen.getByRole('textbox', { name: /^Participant/ }), 'HG00096');
    await userEvent.click(screen.getByRole('button', { name: 'Show history' }));
    await screen.findByText('alice');
    expect(sent).toContainEqual(
      expect.objectContaining({ datasetId: 'ds-1', individualId: null, sampleId: 'HG00096' }),
    );
    await userEvent.clear(screen.getByRole('textbox', { name: /^Participant/ }));
    await userEvent.type(screen.getByRole('textbox', { name: /^Participant/ }), '007');
    await userEvent.click(screen.getByRole('button', { name: 'Show history' }));
    await screen.findByText('alice');
    expect(sent).toContainEqual(
      expect.objectContaining({ datasetId: 'ds-1', individualId: '7', sampleId: null }),
    );
  });

  it('needs the dataset before asking anything', async () => {
    const sent: unknown[] = [];
    renderPage(fakeClient(sent));
    await userEvent.type(screen.getByRole('textbox', { name: /^Participant/ }), 'HG00096');
    await userEvent.click(screen.getByRole('button', { name: 'Show history' }));
    // The browser's own check (the field is required) stops the question; nothing is asked.
    expect(screen.getByRole('textbox', { name: /^Dataset/ })).toBeRequired();
    expect(screen.queryByText('Nobody decrypted these data')).toBeNull();
    expect(sent).toEqual([]);
  });

  it('shows the server’s refusal (an unknown dataset), not an empty history', async () => {
    // A live query stream stays open (the client's does): a completed one would clear the error.
    const refusing = {
      executeQuery: () =>
        concat([
          fromValue({
            data: {
              participantAccessPage: { accesses: [], pageInfo: { hasNextPage: false, endCursor: null } },
            },
            error: {
              message: '[GraphQL] Unknown dataset',
              graphQLErrors: [{ message: 'Unknown dataset', extensions: { code: 'UNKNOWN_DATASET' } }],
            },
            stale: false,
            hasNext: false,
          }),
          never,
        ]),
    } as unknown as Client;
    renderPage(refusing);
    await userEvent.type(screen.getByLabelText(/Dataset/), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Show history' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByText('Nobody decrypted these data')).toBeNull();
  });
});
