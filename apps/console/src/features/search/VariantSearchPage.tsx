import { Button, Code, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { useDatasetOptions } from '@/components/dataset-options';
import { LabelledChoice } from '@/components/LabelledChoice';
import { CountBudgetSpentAlert, CountCostHint } from '@/components/PrivacyAllowance';
import { countBudgetRefusals } from '@/components/privacy-allowance';
import { Empty, Loading, PageHeader } from '@/components/states';
import {
  MyPrivacyAllowancesDocument,
  type BeaconGranularity,
  NetworkSearchDocument,
  VariantSearchDocument,
  type NetworkSearchQuery,
  type VariantSearchQuery,
} from '@/gql/graphql';
import { NetworkResults } from './NetworkResults';
import { ResultSets } from './ResultSets';
import {
  emptySearch,
  toBeaconQuery,
  validateSearch,
  type SearchErrors,
  type SearchForm,
} from './search-form';

/** Researcher: a Beacon variant query; per dataset, what was answered and what the privacy guard did. */
export default function VariantSearchPage() {
  const [params] = useSearchParams();
  const [form, setForm] = useState<SearchForm>(() => emptySearch(params.get('dataset')));
  const [errors, setErrors] = useState<SearchErrors>({});
  const [scope, setScope] = useState<'node' | 'network'>(
    params.get('scope') === 'network' ? 'network' : 'node',
  );
  const [result, setResult] = useState<{
    data?: VariantSearchQuery;
    error?: unknown;
    fetching: boolean;
    asked?: BeaconGranularity;
  }>({
    fetching: false,
  });
  const [network, setNetwork] = useState<{ data?: NetworkSearchQuery; error?: unknown } | null>(null);
  const datasetOptions = useDatasetOptions();
  const names = useMemo(() => new Map(datasetOptions.map((d) => [d.value, d.label])), [datasetOptions]);
  const client = useClient();
  // Your own count budget in the datasets a count question would charge (the chosen one, or every one on the
  // assembly), read again after every search.
  const [allowances, refreshAllowances] = useQuery({
    query: MyPrivacyAllowancesDocument,
    variables: { datasetIds: form.datasetId ? [form.datasetId] : null },
    pause: form.granularity === 'BOOLEAN' || scope === 'network',
  });
  const onAssembly = new Set(
    datasetOptions.filter((d) => d.assembly === form.assemblyId).map((d) => d.value),
  );
  const asked = (allowances.data?.myPrivacyAllowances ?? []).filter(
    (a) => form.datasetId !== null || onAssembly.has(a.datasetId),
  );
  const spentRefusals = countBudgetRefusals(result.error);
  const set = <K extends keyof SearchForm>(k: K, v: SearchForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e?: FormEvent, override?: Partial<SearchForm>) => {
    e?.preventDefault();
    const q = { ...form, ...override };
    const found = validateSearch(q);
    setErrors(found);
    if (Object.keys(found).length) return;
    setResult({ fetching: true });
    setNetwork(null);
    if (scope === 'network') {
      // Dataset ids are this node's: the network is asked about every dataset each node lets you query.
      const r = await client
        .query(
          NetworkSearchDocument,
          { query: toBeaconQuery({ ...q, datasetId: null }) },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      setNetwork({ data: r.data, error: r.error });
      setResult({ fetching: false });
      return;
    }
    const r = await client
      .query(VariantSearchDocument, { query: toBeaconQuery(q) }, { requestPolicy: 'network-only' })
      .toPromise();
    setResult({ data: r.data, error: r.error, fetching: false, asked: q.granularity });
    if (q.granularity !== 'BOOLEAN') refreshAllowances({ requestPolicy: 'network-only' });
  };
  const askYesNo = () => {
    set('granularity', 'BOOLEAN');
    void submit(undefined, { granularity: 'BOOLEAN' });
  };
  return (
    <>
      <PageHeader title="Variant search">
        Ask every dataset you may query whether it holds a variant (Beacon v2), on this node or across the
        network of peer nodes.
      </PageHeader>
      <Paper withBorder p="md" mb="md">
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Variant search">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
              <Select
                label="Assembly"
                data={['GRCh37', 'GRCh38']}
                value={form.assemblyId}
                onChange={(v) => set('assemblyId', v ?? 'GRCh37')}
                allowDeselect={false}
              />
              <TextInput
                label="Chromosome"
                value={form.referenceName}
                onChange={(e) => set('referenceName', e.currentTarget.value)}
                error={errors.referenceName}
                required
              />
              <TextInput
                label="Position"
                description="1-based (VCF)"
                value={form.position}
                onChange={(e) => set('position', e.currentTarget.value.trim())}
                error={errors.position}
                required
                inputMode="numeric"
              />
              <TextInput
                label="Reference bases"
                value={form.referenceBases}
                onChange={(e) => set('referenceBases', e.currentTarget.value.trim())}
                error={errors.referenceBases}
              />
              <TextInput
                label="Alternate bases"
                value={form.alternateBases}
                onChange={(e) => set('alternateBases', e.currentTarget.value.trim())}
                error={errors.alternateBases}
              />
              <TextInput
                label="Range end"
                description="Optional: a range search"
                value={form.end}
                onChange={(e) => set('end', e.currentTarget.value.trim())}
                error={errors.end}
                inputMode="numeric"
              />
            </SimpleGrid>
            <Group align="flex-end">
              <LabelledChoice
                id="scope-label"
                label="Ask"
                value={scope}
                onChange={setScope}
                data={[
                  { value: 'node', label: 'This node' },
                  { value: 'network', label: 'The network' },
                ]}
              />
              <Select
                label="Dataset"
                placeholder={scope === 'network' ? 'Every node, all you may query' : 'All you may query'}
                disabled={scope === 'network'}
                clearable
                data={datasetOptions}
                value={form.datasetId}
                onChange={(v) => set('datasetId', v)}
                w={320}
              />
              <LabelledChoice
                id="granularity-label"
                label="Answer"
                value={form.granularity}
                onChange={(v) => set('granularity', v)}
                data={[
                  { value: 'BOOLEAN', label: 'Yes/no' },
                  { value: 'COUNT', label: 'Counts' },
                  { value: 'RECORD', label: 'Records' },
                ]}
              />
              <Button type="submit" loading={result.fetching}>
                Search
              </Button>
            </Group>
            {form.granularity !== 'BOOLEAN' && scope === 'node' ? (
              <CountCostHint allowances={asked} names={names} />
            ) : null}
          </Stack>
        </form>
      </Paper>
      {spentRefusals.length ? (
        <CountBudgetSpentAlert
          refusals={spentRefusals}
          allowances={asked}
          names={names}
          onAskYesNo={askYesNo}
        />
      ) : (
        <ApiErrorAlert error={result.error ?? network?.error} title="The query was refused" />
      )}
      {result.fetching ? (
        <Loading label={scope === 'network' ? 'Asking this node and its peers…' : 'Asking the datasets…'} />
      ) : null}
      {network?.data ? <NetworkResults answer={network.data.networkBeacon} /> : null}
      {result.data ? (
        <Stack>
          <Text size="sm">
            {result.data.beacon.exists ? 'Found' : 'Not found'} · answered as{' '}
            {result.data.beacon.meta.returnedGranularity.toLowerCase()} · request{' '}
            <Code>{result.data.beacon.meta.requestId}</Code>
          </Text>
          {result.data.beacon.resultSets.length === 0 ? (
            <Empty title="No dataset you may query holds this assembly" />
          ) : (
            <ResultSets sets={result.data.beacon.resultSets} asked={result.asked} />
          )}
        </Stack>
      ) : null}
    </>
  );
}
