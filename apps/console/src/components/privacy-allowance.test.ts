import { describe, expect, it } from 'vitest';
import type { AllowanceFieldsFragment } from '@/gql/graphql';
import {
  allowanceNotApplying,
  chargesCounts,
  countBudgetRefusals,
  countBudgetSpent,
  countsLeftSentence,
  percentLeft,
  refusalNumbers,
  refusalTitle,
} from './privacy-allowance';

const allowance = (
  fractionLeft: number,
  countsLeft: [number | null, number | null, number | null],
  over: Partial<AllowanceFieldsFragment> = {},
): AllowanceFieldsFragment => ({
  datasetId: 'ds',
  granularity: 'COUNT',
  guarded: true,
  holder: 'ACCOUNT',
  countBudget: {
    spentNats: 0.0288 * (1 - fractionLeft),
    capNats: 0.0288,
    leftNats: 0.0288 * fractionLeft,
    fractionLeft,
    estimates: [0.5, 0.2, 0.05].map((f, i) => ({
      alleleFrequency: f,
      natsPerCount: countsLeft[i] === null ? null : 0.002,
      countsLeft: countsLeft[i],
    })),
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

describe('the count budget, in words', () => {
  it('says how much is left and how many counts of common alleles it buys (rare ones left out)', () => {
    expect(countsLeftSentence(allowance(1, [12, 8, null]))).toBe(
      '100% of your count budget left: about 12 more counts of an allele at 50%, 8 at 20%.',
    );
    expect(countsLeftSentence(allowance(0.085, [1, 0, null]))).toBe(
      '8% of your count budget left: about 1 more count of an allele at 50%, 0 at 20%.',
    );
    expect(percentLeft(0.004)).toBe('under 1%');
  });

  it('calls a budget that buys no count spent, for good, and says yes/no still works', () => {
    const spent = allowance(0.07, [0, 0, null]);
    expect(countBudgetSpent(spent)).toBe(true);
    expect(countsLeftSentence(spent)).toMatch(/spent, for good.*yes\/no questions still work/);
    expect(countBudgetSpent(allowance(0.5, [6, 4, 1]))).toBe(false);
  });

  it('charges only guarded datasets that answer counts; says why the others cost nothing', () => {
    expect(chargesCounts(allowance(1, [12, 8, null]))).toBe(true);
    const grant = allowance(1, [12, 8, null], { granularity: 'RECORD', guarded: false });
    expect(chargesCounts(grant)).toBe(false);
    expect(allowanceNotApplying(grant)).toMatch(/grant gives you records/);
    expect(allowanceNotApplying(allowance(1, [1, 1, 1], { granularity: 'BOOLEAN' }))).toMatch(/yes\/no only/);
    expect(allowanceNotApplying(allowance(1, [1, 1, 1]))).toBeNull();
  });

  it('reads a count-budget refusal: which dataset, what the count would cost, what is left; nothing in other errors', () => {
    const ext = { code: 'PRIVACY_COUNT_BUDGET_SPENT', datasetId: 'demo-1kg-chr20', countCap: 0.0288 };
    const [partly] = countBudgetRefusals({
      graphQLErrors: [{ extensions: { ...ext, countNats: 0.0072, countSpent: 0.0252 } }],
    });
    expect(partly).toEqual({ datasetId: 'demo-1kg-chr20', cost: 0.25, left: expect.closeTo(0.125, 9) });
    expect(refusalTitle(partly, 'Demo')).toBe('Your count budget for Demo cannot pay for this count');
    // ... unless not even a count of an allele at 50% fits what is left.
    expect(refusalTitle(partly, 'Demo', true)).toBe('Your count budget for Demo is spent');
    expect(refusalNumbers(partly)).toBe('This count would cost 25% of the budget and 12% is left.');
    const [spent] = countBudgetRefusals({
      graphQLErrors: [{ extensions: { ...ext, countNats: 0.0072, countSpent: 0.0288 } }],
    });
    expect(refusalTitle(spent, 'Demo')).toBe('Your count budget for Demo is spent');
    expect(countBudgetRefusals({ graphQLErrors: [{ extensions: ext }] })[0]).toMatchObject({ cost: null });
    expect(countBudgetRefusals({ graphQLErrors: [{ extensions: { code: 'FORBIDDEN' } }] })).toEqual([]);
    expect(countBudgetRefusals(undefined)).toEqual([]);
  });
});
