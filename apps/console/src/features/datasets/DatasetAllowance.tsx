import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime } from '@/components/format';
import { CountBudgetMeter } from '@/components/PrivacyAllowance';
import { allowanceNotApplying } from '@/components/privacy-allowance';
import { MyPrivacyAllowancesDocument } from '@/gql/graphql';

/** The signed-in person's own privacy allowance in this dataset: count budget left, quota of the window. */
export function DatasetAllowance({ datasetId, name }: { datasetId: string; name: string }) {
  const [{ data, error }] = useQuery({
    query: MyPrivacyAllowancesDocument,
    variables: { datasetIds: [datasetId] },
    requestPolicy: 'network-only',
  });
  const a = data?.myPrivacyAllowances[0];
  return (
    <Stack gap="xs" component="section" aria-labelledby="allowance-heading">
      <Title order={2} size="h4" id="allowance-heading">
        Your privacy allowance
      </Title>
      <ApiErrorAlert error={error} title="Your allowance cannot be shown" />
      {a ? (
        <>
          <Text size="sm" c="dimmed">
            Noisy allele counts from this dataset are charged to a count budget of{' '}
            {a.holder === 'INSTITUTION' ? 'your institution' : 'your account'}, for good (it never refills);
            yes/no answers are not charged.
          </Text>
          <CountBudgetMeter allowance={a} name={name} />
          {!allowanceNotApplying(a) && a.quota.allelesCap > 0 ? (
            <Text size="sm" c="dimmed">
              Rarer alleles asked in this window: {a.quota.allelesUsed} of {a.quota.allelesCap} (refills{' '}
              {fmtDateTime(a.quota.windowEndsAt)}).
            </Text>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
