import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AllowanceFieldsFragment } from '@/gql/graphql';
import { CountCostHint } from './PrivacyAllowance';

const allowance = (
  datasetId: string,
  over: Partial<AllowanceFieldsFragment> = {},
): AllowanceFieldsFragment => ({
  datasetId,
  granularity: 'COUNT',
  guarded: true,
  holder: 'ACCOUNT',
  countBudget: {
    spentNats: 0,
    capNats: 0.0288,
    leftNats: 0.0288,
    fractionLeft: 1,
    estimates: [{ alleleFrequency: 0.5, natsPerCount: 0.0024, countsLeft: 12 }],
  },
  quota: {
    allelesUsed: 0,
    allelesCap: 1000,
    shareUsedNats: 0,
    shareCapNats: 23.5,
    windowSeconds: 86400,
    windowEndsAt: '2026-12-07T00:00:00.000Z',
  },
  ...over,
});

describe('CountCostHint', () => {
  const names = new Map([
    ['a', 'Dataset A'],
    ['b', 'Dataset B'],
  ]);
  it('lists each dataset a count would charge; with several, says the count is all or nothing', () => {
    render(
      <MantineProvider>
        <CountCostHint
          allowances={[
            allowance('a'),
            allowance('b'),
            allowance('c', { guarded: false, granularity: 'RECORD' }),
          ]}
          names={names}
        />
      </MantineProvider>,
    );
    const hint = screen.getByTestId('count-cost-hint');
    expect(hint).toHaveTextContent('charged to your count budget for every dataset asked, for good');
    expect(hint).toHaveTextContent('refused as a whole when one cannot pay');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Dataset A: 100% of your count budget left: about 12 more counts of an allele at 50%.',
      'Dataset B: 100% of your count budget left: about 12 more counts of an allele at 50%.',
    ]);
  });

  it('says nothing when no dataset asked charges counts', () => {
    render(
      <MantineProvider>
        <CountCostHint allowances={[allowance('a', { granularity: 'BOOLEAN' })]} names={names} />
      </MantineProvider>,
    );
    expect(screen.queryByTestId('count-cost-hint')).toBeNull();
  });
});
