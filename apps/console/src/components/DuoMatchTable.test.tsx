import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DuoMatchTable } from './DuoMatchTable';

describe('DuoMatchTable', () => {
  it('shows a verdict and reason per code, the overall outcome, and highlights what needs review', () => {
    render(
      <MantineProvider>
        <DuoMatchTable
          match={{
            outcome: 'DENY',
            reasons: [
              { code: 'HMB', verdict: 'APPROVE', reason: 'health research is within HMB' },
              { code: 'NPU', verdict: 'DENY', reason: 'the organisation is for-profit' },
              { code: 'IRB', verdict: 'NEEDS_REVIEW', reason: 'a steward verifies the approval' },
            ],
          }}
        />
      </MantineProvider>,
    );
    const table = screen.getByRole('table', { name: 'DUO match per code' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-verdict'))).toEqual(['APPROVE', 'DENY', 'NEEDS_REVIEW']);
    expect(within(rows[1]).getByText('excluded')).toBeInTheDocument();
    expect(within(rows[1]).getByText('the organisation is for-profit')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Not-for-profit use only')).toBeInTheDocument();
    expect(rows[2].getAttribute('style')).toContain('yellow');
    expect(rows[0].getAttribute('style')).toBeNull();
    expect(screen.getAllByText('excluded')).toHaveLength(2); // the overall outcome and the NPU row
  });
});
