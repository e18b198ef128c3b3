import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import { CommitteePanel } from './CommitteePanel';

vi.mock('@/app/session', () => ({
  useSession: () => ({
    state: { status: 'signed-in', user: { username: 'sam', roles: ['steward'] } },
    hasRole: (...roles: string[]) => roles.includes('steward'),
  }),
}));

const person = (name: string) => ({ name, institution: null, username: name.toLowerCase() });
const request = (applies: boolean, members: number) => ({
  accessRequest: {
    id: 'r1',
    datasetId: 'ds-1',
    status: 'SUBMITTED',
    handler: person('Sam'),
    researcherStatus: {
      required: 'none',
      visa: false,
      visaSource: null,
      satisfied: true,
      missing: null,
      attestedAt: null,
      attestationNote: null,
      attestedBy: null,
    },
    remarks: [],
    review: {
      assignments: [],
      votes: [],
      voteHistory: [],
      quorum: {
        applies,
        members,
        approvals: 0,
        rejections: 0,
        abstentions: 0,
        met: false,
        missing: applies ? ['2 more approval(s)'] : [],
        policy: {
          committee: 'optional',
          minApprovals: 2,
          maxRejections: 0,
          chairRequired: true,
          researcherStatus: 'none',
        },
      },
    },
  },
});

function show(applies: boolean, members: number) {
  const client = {
    executeQuery: ({ query }: { query: { definitions: { name?: { value: string } }[] } }) =>
      query.definitions[0].name?.value === 'RequestCommittee'
        ? fromValue({ data: request(applies, members), stale: false, hasNext: false })
        : fromValue({ data: { dataAccessCommittee: [] }, stale: false, hasNext: false }),
    executeMutation: () => never,
  } as unknown as Client;
  render(
    <MantineProvider>
      <Provider value={client}>
        <CommitteePanel id="r1" onChanged={() => undefined} />
      </Provider>
    </MantineProvider>,
  );
}

describe('the review panel of a request', () => {
  it('for a dataset with no committee says the steward decides, and nothing about votes or internal remarks', async () => {
    show(false, 0);
    expect(await screen.findByText(/no committee: the steward decides/i)).toBeInTheDocument();
    expect(screen.queryByText(/approval\(s\) needed/)).toBeNull();
    expect(screen.queryByText('No vote yet.')).toBeNull();
    expect(screen.queryByText('Internal to the committee')).toBeNull();
  });

  it('with a committee shows the quorum rules, the votes and the remark visibility', async () => {
    show(true, 3);
    expect(
      await screen.findByText(/2 approval\(s\) needed, no rejection, a chair decides/),
    ).toBeInTheDocument();
    expect(screen.getByText('No vote yet.')).toBeInTheDocument();
    expect(screen.getByText('Internal to the committee')).toBeInTheDocument();
  });
});
