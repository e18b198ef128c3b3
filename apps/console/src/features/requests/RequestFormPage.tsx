import {
  Button,
  Checkbox,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { useDiseaseLabels, useDiseaseOptions } from '@/components/diseases';
import { DuoPills } from '@/components/duo';
import { DuoMatchTable } from '@/components/DuoMatchTable';
import { useCursorPages } from '@/components/paging';
import { Loading, PageHeader } from '@/components/states';
import { MatchPurposeDocument, RequestFormDataDocument, SubmitAccessRequestDocument } from '@/gql/graphql';
import {
  CATEGORIES,
  emptyRequestForm,
  purposeOf,
  recheckRequestForm,
  validateRequestForm,
  type FormErrors,
  type RequestForm,
} from './purpose';

/** The live DUO match of the purpose as it is being written (a dry run: nothing is filed). */
function LiveMatch({ datasetId, form }: { datasetId: string; form: RequestForm }) {
  const purpose = purposeOf(form);
  const [debounced] = useDebouncedValue(purpose, 300);
  const [{ data, fetching, error }] = useQuery({
    query: MatchPurposeDocument,
    variables: { datasetId, purpose: debounced! },
    pause: !datasetId || !debounced,
    requestPolicy: 'network-only',
  });
  if (!datasetId || !purpose)
    return (
      <Text size="sm" c="dimmed">
        Choose a dataset and a kind of research (and, for disease-specific research, the diseases) to see how
        your purpose matches the dataset’s consent.
      </Text>
    );
  if (error) return <ApiErrorAlert error={error} title="The match could not be computed" />;
  if (!data) return fetching ? <Loading label="Matching…" /> : null;
  return <DuoMatchTable match={data.matchResearchPurpose} caption="How your purpose matches, per DUO code" />;
}

/** The purpose's yes/no conditions beyond the category, as the form asks them. */
const PURPOSE_FLAGS = [
  ['methodsDevelopment', 'Also develops methods or software'],
  ['geneticStudiesOnly', 'Genetic studies only'],
  ['clinicalCare', 'Includes clinical care'],
  ['collaborationWithPrimaryInvestigators', 'Will collaborate with the data’s investigators'],
  ['willPublish', 'Will publish the results'],
  ['returnDerivedData', 'Will return derived data'],
] as const satisfies readonly (readonly [keyof RequestForm, string])[];

/** Researcher: ask for access, with a coded research purpose and its DUO match shown live. */
export default function RequestFormPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form, setForm] = useState<RequestForm>(() => emptyRequestForm(params.get('dataset') ?? ''));
  const [errors, setErrors] = useState<FormErrors>({});
  // Every dataset the caller may see (the picker names them all), a page of 200 at a time.
  const {
    rows: datasets,
    data,
    fetching,
    error,
  } = useCursorPages({
    query: RequestFormDataDocument,
    variables: {},
    connection: (d) => ({ rows: d.datasetPage.datasets, pageInfo: d.datasetPage.pageInfo }),
    key: (d) => d.id,
    first: 200,
    all: true,
  });
  const [submitted, submit] = useMutation(SubmitAccessRequestDocument);
  const set = <K extends keyof RequestForm>(key: K, value: RequestForm[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    // An error shown by a submit goes as soon as its field is fixed (not only at the next submit).
    if (Object.keys(errors).length > 0) setErrors(recheckRequestForm(errors, next));
  };
  const dataset = datasets.find((d) => d.id === form.datasetId);
  const [diseaseSearch, setDiseaseSearch] = useState('');
  const diseaseOptions = useDiseaseOptions(diseaseSearch, form.diseases);
  const consentLabels = useDiseaseLabels(dataset?.consent?.diseases ?? []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateRequestForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const r = await submit({
      input: {
        datasetId: form.datasetId,
        projectTitle: form.projectTitle.trim(),
        justification: form.justification.trim(),
        ...(form.ethicsRef.trim() ? { ethicsRef: form.ethicsRef.trim() } : {}),
        purpose: purposeOf(form)!,
      },
    });
    if (r.data) void navigate(`/requests/${r.data.submitAccessRequest.id}`);
  };

  if (fetching && !data) return <Loading />;
  return (
    <>
      <PageHeader title="Request access">
        Describe your project and code its research purpose; the dataset’s data use conditions are matched as
        you type.
      </PageHeader>
      <ApiErrorAlert error={error} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Access request">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              <Select
                label="Dataset"
                required
                searchable
                data={datasets.map((d) => ({ value: d.id, label: `${d.name} (${d.id})` }))}
                value={form.datasetId || null}
                onChange={(v) => set('datasetId', v ?? '')}
                error={errors.datasetId}
              />
              {dataset ? <DuoPills consent={dataset.consent} diseaseLabels={consentLabels} /> : null}
              <TextInput
                label="Project title"
                required
                value={form.projectTitle}
                onChange={(e) => set('projectTitle', e.currentTarget.value)}
                error={errors.projectTitle}
              />
              <Textarea
                label="Justification"
                description="Why you need these data, and what you will do with them"
                required
                autosize
                minRows={3}
                value={form.justification}
                onChange={(e) => set('justification', e.currentTarget.value)}
                error={errors.justification}
              />
              <TextInput
                label="Ethics approval reference"
                description="IRB/ERB approval, if your study has one (required by datasets with the IRB condition)"
                value={form.ethicsRef}
                onChange={(e) => set('ethicsRef', e.currentTarget.value)}
              />
              <Title order={2} size="h4" mt="sm">
                Research purpose
              </Title>
              <Select
                label="Kind of research"
                required
                data={CATEGORIES}
                value={form.category || null}
                onChange={(v) => set('category', (v ?? '') as RequestForm['category'])}
                error={errors.category}
              />
              {form.category === 'DISEASE_SPECIFIC' ? (
                <MultiSelect
                  label="Diseases (MONDO)"
                  description="Search by name or MONDO id"
                  required
                  searchable
                  data={diseaseOptions}
                  filter={({ options }) => options}
                  searchValue={diseaseSearch}
                  onSearchChange={setDiseaseSearch}
                  value={form.diseases}
                  onChange={(v) => set('diseases', v)}
                  error={errors.diseases}
                  nothingFoundMessage="No such disease in this node’s MONDO list"
                />
              ) : null}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Switch
                  label="Commercial use"
                  checked={form.commercial}
                  onChange={(e) => set('commercial', e.currentTarget.checked)}
                />
                <Switch
                  label="For-profit organisation"
                  checked={form.forProfitOrganization}
                  onChange={(e) => set('forProfitOrganization', e.currentTarget.checked)}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {PURPOSE_FLAGS.map(([field, label]) => (
                  <Checkbox
                    key={field}
                    label={label}
                    checked={form[field]}
                    onChange={(e) => set(field, e.currentTarget.checked)}
                  />
                ))}
              </SimpleGrid>
              <TextInput
                label="Where the data will be used"
                description="Country or region"
                value={form.geographicArea}
                onChange={(e) => set('geographicArea', e.currentTarget.value)}
              />
              <ApiErrorAlert error={submitted.error} title="The request was not filed" />
              <Group>
                <Button type="submit" loading={submitted.fetching}>
                  Submit request
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p="md" aria-live="polite">
              <Title order={2} size="h4" mb="sm">
                DUO match
              </Title>
              <LiveMatch datasetId={form.datasetId} form={form} />
            </Paper>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}
