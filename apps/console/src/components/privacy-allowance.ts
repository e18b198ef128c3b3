import type { AllowanceFieldsFragment } from '@/gql/graphql';

/** How much of a count budget is left, as people say it: "100%", "64%", "under 1%", "none". */
export function percentLeft(fraction: number): string {
  if (fraction <= 0) return 'none';
  if (fraction < 0.01) return 'under 1%';
  return `${Math.floor(fraction * 100)}%`;
}

/** Does a count question charge this dataset's count budget (answered through the guard, at counts)? */
export const chargesCounts = (a: AllowanceFieldsFragment): boolean =>
  a.guarded && a.granularity === 'COUNT' && a.countBudget !== null;

/** The count budget is spent: not even the cheapest count (an allele at 50%) fits any more. */
export function countBudgetSpent(a: AllowanceFieldsFragment): boolean {
  const b = a.countBudget;
  if (!b) return false;
  const cheapest = b.estimates.find((e) => e.countsLeft !== null);
  return b.leftNats <= 0 || (cheapest !== undefined && cheapest.countsLeft === 0);
}

const pct = (f: number) => `${Math.round(f * 100)}%`;

/**
 * What is left, in words: "64% left: about 7 more counts of an allele at 50%, 4 at 20%" (from the server's
 * estimates; an allele too rare for a count at this dataset's size is left out).
 */
export function countsLeftSentence(a: AllowanceFieldsFragment): string {
  const b = a.countBudget;
  if (!b) return 'No count budget applies to this dataset.';
  if (countBudgetSpent(a))
    return 'Your count budget here is spent, for good: count questions are refused; yes/no questions still work.';
  const parts = b.estimates
    .filter((e) => e.countsLeft !== null)
    .map((e, i) =>
      i === 0
        ? `about ${e.countsLeft} more count${e.countsLeft === 1 ? '' : 's'} of an allele at ${pct(e.alleleFrequency)}`
        : `${e.countsLeft} at ${pct(e.alleleFrequency)}`,
    );
  return `${percentLeft(b.fractionLeft)} of your count budget left${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

/** Why a dataset's allowance does not apply to you, or null when it does. */
export function allowanceNotApplying(a: AllowanceFieldsFragment): string | null {
  if (a.granularity === 'NONE') return 'You may not query this dataset yet.';
  if (a.granularity === 'RECORD' && !a.guarded)
    return 'Your grant gives you records here: nothing is charged to a privacy allowance.';
  if (!a.guarded) return 'Answers from this dataset do not go through the privacy guard: nothing is charged.';
  if (a.granularity === 'BOOLEAN') return 'This dataset answers you yes/no only: nothing is charged.';
  return null;
}

export interface CountRefusal {
  datasetId: string;
  /** Share of the budget the refused count would have cost, and share left (null if the error did not say). */
  cost: number | null;
  left: number | null;
}

/**
 * The count-budget refusals in an error (GraphQL extensions: datasetId, countNats, countSpent, countCap), or []
 * for any other error.
 */
export function countBudgetRefusals(error: unknown): CountRefusal[] {
  const errs = (error as { graphQLErrors?: { extensions?: Record<string, unknown> }[] } | null)
    ?.graphQLErrors;
  return (errs ?? [])
    .filter((e) => e.extensions?.code === 'PRIVACY_COUNT_BUDGET_SPENT')
    .map((e) => {
      const x = e.extensions ?? {};
      const [nats, spent, cap] = [x.countNats, x.countSpent, x.countCap].map((v) =>
        typeof v === 'number' ? v : null,
      );
      return {
        datasetId: String(x.datasetId ?? ''),
        cost: nats !== null && cap ? nats / cap : null,
        left: spent !== null && cap ? Math.max(0, 1 - spent / cap) : null,
      };
    });
}

/**
 * The refusal's headline: spent outright (under 1% left, or `spent`: not even a count of an allele at 50% fits),
 * or too little left for this allele (commoner ones still fit).
 */
export function refusalTitle(r: CountRefusal, name: string, spent = false): string {
  return !spent && r.left !== null && r.left >= 0.01
    ? `Your count budget for ${name} cannot pay for this count`
    : `Your count budget for ${name} is spent`;
}

/** What the refused count would have cost and what is left, in words (empty when the error did not say). */
export function refusalNumbers(r: CountRefusal): string {
  if (r.cost === null || r.left === null) return '';
  return `This count would cost ${percentLeft(r.cost)} of the budget and ${percentLeft(r.left)} is left.`;
}
