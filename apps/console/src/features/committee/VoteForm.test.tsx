import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fromValue, never } from 'wonka';
import { Provider, type Client } from 'urql';
import { VoteForm } from './VoteForm';
import { voteProblem } from './vote-form';

type Sent = { name: string; variables: unknown }[];

/** A client that records the mutations sent and answers them (or refuses them with `refuse`). */
function fakeClient(sent: Sent, refuse?: { code: string; message: string }): Client {
  return {
    executeQuery: () => never,
    executeMutation: ({
      query,
      variables,
    }: {
      query: { definitions: { name?: { value: string } }[] };
      variables: unknown;
    }) => {
      const name = query.definitions[0].name?.value ?? '';
      sent.push({ name, variables });
      if (refuse)
        return fromValue({
          data: null,
          error: {
            message: refuse.message,
            graphQLErrors: [{ message: refuse.message, extensions: { code: refuse.code } }],
          },
          stale: false,
          hasNext: false,
        });
      return fromValue({
        data: { [name[0].toLowerCase() + name.slice(1)]: { id: 'r1' } },
        stale: false,
        hasNext: false,
      });
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

function renderForm(
  sent: Sent,
  current: { vote: string; rationale: string; at: string } | null,
  refuse?: { code: string; message: string },
) {
  let done = 0;
  render(
    <MantineProvider>
      <Provider value={fakeClient(sent, refuse)}>
        <VoteForm id="r1" current={current} onDone={() => done++} />
      </Provider>
    </MantineProvider>,
  );
  return () => done;
}

describe('VoteForm', () => {
  it('needs a choice and a rationale before sending anything', async () => {
    const sent: Sent = [];
    renderForm(sent, null);
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(await screen.findByText('Choose approve, reject or abstain.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Reject' }));
    await userEvent.type(screen.getByLabelText(/Rationale/), 'too short');
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(await screen.findByText(/Write your rationale/)).toBeInTheDocument();
    expect(sent).toEqual([]);
  });

  it('casts a vote with its rationale', async () => {
    const sent: Sent = [];
    const done = renderForm(sent, null);
    await userEvent.click(screen.getByRole('radio', { name: 'Approve' }));
    await userEvent.type(screen.getByLabelText(/Rationale/), 'Disease-specific purpose within consent.');
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    await waitFor(() => expect(done()).toBe(1));
    expect(sent).toEqual([
      {
        name: 'CastReviewVote',
        variables: { id: 'r1', vote: 'APPROVE', rationale: 'Disease-specific purpose within consent.' },
      },
    ]);
  });

  it('shows my current vote and changes it (never a second cast)', async () => {
    const sent: Sent = [];
    const done = renderForm(sent, {
      vote: 'REJECT',
      rationale: 'No DMP attached.',
      at: '2026-12-06T01:00:00Z',
    });
    expect(screen.getByTestId('my-vote')).toHaveTextContent('reject');
    await userEvent.click(screen.getByRole('button', { name: 'Change my vote' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Approve' }));
    await userEvent.clear(screen.getByLabelText(/Rationale/));
    await userEvent.type(screen.getByLabelText(/Rationale/), 'DMP received; concerns resolved.');
    await userEvent.click(screen.getByRole('button', { name: 'Change vote' }));
    await waitFor(() => expect(done()).toBe(1));
    expect(sent.map((s) => s.name)).toEqual(['ChangeReviewVote']);
    expect(sent[0].variables).toMatchObject({
      vote: 'APPROVE',
      rationale: 'DMP received; concerns resolved.',
    });
  });

  it('shows a refusal with its code and keeps the form', async () => {
    const sent: Sent = [];
    const done = renderForm(sent, null, {
      code: 'FORBIDDEN',
      message: 'you were not asked to review access request r1',
    });
    await userEvent.click(screen.getByRole('radio', { name: 'Abstain' }));
    await userEvent.type(screen.getByLabelText(/Rationale/), 'Conflict of interest with the applicant.');
    await userEvent.click(screen.getByRole('button', { name: 'Cast vote' }));
    expect(await screen.findByText(/you were not asked to review/)).toBeInTheDocument();
    expect(done()).toBe(0);
    expect(screen.getByRole('button', { name: 'Cast vote' })).toBeInTheDocument();
  });

  it('voteProblem', () => {
    expect(voteProblem(null, 'a long enough rationale')).toMatch(/Choose/);
    expect(voteProblem('APPROVE', ' short ')).toMatch(/at least 10/);
    expect(voteProblem('ABSTAIN', 'a long enough rationale')).toBeNull();
  });
});
