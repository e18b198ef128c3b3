import { Alert, Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import type { AllowanceFieldsFragment } from '@/gql/graphql';
import {
  allowanceNotApplying,
  chargesCounts,
  countBudgetSpent,
  countsLeftSentence,
  percentLeft,
  refusalNumbers,
  refusalTitle,
  type CountRefusal,
} from './privacy-allowance';

/** One dataset's count budget: a labelled meter and what is left in words (or why none applies). */
export function CountBudgetMeter({ allowance, name }: { allowance: AllowanceFieldsFragment; name: string }) {
  const why = allowanceNotApplying(allowance);
  const b = allowance.countBudget;
  if (why || !b)
    return (
      <Text size="sm" data-testid={`allowance-${allowance.datasetId}`}>
        {why ?? countsLeftSentence(allowance)}
      </Text>
    );
  const spent = countBudgetSpent(allowance);
  return (
    <Stack gap={4} data-testid={`allowance-${allowance.datasetId}`}>
      <Progress
        value={Math.round(b.fractionLeft * 100)}
        color={spent ? 'red' : b.fractionLeft < 0.34 ? 'yellow' : 'teal'}
        aria-label={`Count budget left for ${name}: ${percentLeft(b.fractionLeft)}`}
        size="md"
      />
      <Text size="sm">{countsLeftSentence(allowance)}</Text>
    </Stack>
  );
}

/**
 * Under the search form when counts are asked for: what a count costs and how much is left in each dataset
 * the question would charge (`names`: dataset id → name).
 */
export function CountCostHint({
  allowances,
  names,
}: {
  allowances: readonly AllowanceFieldsFragment[];
  names: ReadonlyMap<string, string>;
}) {
  const charged = allowances.filter(chargesCounts);
  if (charged.length === 0) return null;
  return (
    <Alert color="blue" variant="light" title="Counts are budgeted" data-testid="count-cost-hint">
      <Stack gap="xs">
        <Text size="sm">
          Each count of one allele is charged to your count budget for{' '}
          {charged.length === 1 ? 'the dataset' : 'every dataset asked'}, for good: it never refills. It keeps
          the counts one account is told from revealing who is in a dataset. Yes/no answers are not charged.
          {charged.length > 1
            ? ' A count asked of several datasets is answered by all of them, or refused as a whole when one cannot pay: choose a dataset to spend only its budget.'
            : ''}
        </Text>
        <List size="sm" spacing={4}>
          {charged.map((a) => (
            <List.Item key={a.datasetId}>
              <Text size="sm" fw={600} span>
                {names.get(a.datasetId) ?? a.datasetId}:
              </Text>{' '}
              {countsLeftSentence(a)}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

/**
 * After a count refusal: the count budget of which dataset is spent (for good; or too little is left for this
 * allele, and what is left still buys), and that yes/no still works.
 */
export function CountBudgetSpentAlert({
  refusals,
  allowances,
  names,
  onAskYesNo,
}: {
  refusals: readonly CountRefusal[];
  allowances: readonly AllowanceFieldsFragment[];
  names: ReadonlyMap<string, string>;
  onAskYesNo: () => void;
}) {
  const r = refusals[0];
  const name = names.get(r.datasetId) ?? r.datasetId;
  const a = allowances.find((x) => x.datasetId === r.datasetId);
  const spent = a ? countBudgetSpent(a) : false;
  const partly = !spent && r.left !== null && r.left >= 0.01;
  return (
    <Alert color="orange" title={refusalTitle(r, name, spent)} role="alert" data-testid="count-budget-spent">
      <Stack gap="xs">
        <Text size="sm">
          Counts from this dataset are limited per account, for good (the budget never refills), so that the
          counts one account is told cannot reveal who is in it. {refusalNumbers(r)} The count was not
          answered and nothing was charged.
        </Text>
        {partly && a ? <Text size="sm">Commoner alleles cost less: {countsLeftSentence(a)}</Text> : null}
        <Text size="sm" fw={600}>
          Yes/no questions are not charged and still work; records need an access grant.
        </Text>
        <Group>
          <Button variant="light" onClick={onAskYesNo}>
            Ask yes/no instead
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
