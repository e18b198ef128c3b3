import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Provider, type Client } from 'urql';
import { describe, expect, it } from 'vitest';
import { fromValue } from 'wonka';
import { fmtDate } from '@/components/format';
import { grantEnd } from './grant-end';
import { GrantLifecyclePanel } from './GrantLifecyclePanel';

const ENDS = '2027-06-30T00:00:00.000Z';
const REVOKED_AT = '2026-12-05T10:00:00.000Z';
const history = [
  { at: '2026-11-01T09:00:00.000Z', fromState: 'SUBMITTED', toState: 'SUBMITTED' },
  { at: '2026-11-02T09:00:00.000Z', fromState: 'SUBMITTED', toState: 'APPROVED' },
  { at: REVOKED_AT, fromState: 'APPROVED', toState: 'REVOKED' },
];

describe('the end of a grant, in words', () => {
  it('gives the planned end only while the grant is in force', () => {
    expect(grantEnd({ status: 'APPROVED', expiresAt: ENDS })).toBe(`ends ${fmtDate(ENDS)}`);
  });
  it('names a revoked, withdrawn or expired grant with the date it ended', () => {
    const updatedAt = '2026-12-06T10:00:00.000Z';
    expect(grantEnd({ status: 'REVOKED', expiresAt: ENDS, updatedAt, history })).toBe(
      `revoked on ${fmtDate(REVOKED_AT)}`,
    );
    // Without the timeline (the request list), the last update dates it.
    expect(grantEnd({ status: 'REVOKED', expiresAt: ENDS, updatedAt })).toBe(
      `revoked on ${fmtDate(updatedAt)}`,
    );
    expect(grantEnd({ status: 'WITHDRAWN', expiresAt: ENDS, updatedAt })).toBe(
      `withdrawn on ${fmtDate(updatedAt)}`,
    );
    expect(grantEnd({ status: 'EXPIRED', expiresAt: ENDS, updatedAt })).toBe(`expired on ${fmtDate(ENDS)}`);
    expect(grantEnd({ status: 'SUBMITTED', expiresAt: null })).toBeNull();
  });
  it('the grant lifecycle section of a revoked grant says revoked, not "ends"', async () => {
    const client = {
      executeQuery: () =>
        fromValue({
          data: {
            accessRequest: {
              id: 'r1',
              status: 'REVOKED',
              expiresAt: ENDS,
              updatedAt: REVOKED_AT,
              history,
              renewalOf: null,
              renewals: [],
              remindersSent: [],
              closeOut: null,
            },
          },
          stale: false,
          hasNext: false,
        }),
    } as unknown as Client;
    render(
      <MantineProvider>
        <MemoryRouter>
          <Provider value={client}>
            <GrantLifecyclePanel id="r1" mine onChanged={() => undefined} />
          </Provider>
        </MemoryRouter>
      </MantineProvider>,
    );
    const end = await screen.findByTestId('grant-end');
    expect(end.textContent).toBe(`Grant revoked on ${fmtDate(REVOKED_AT)}`);
    expect(end.textContent).not.toMatch(/ends/);
  });
});
