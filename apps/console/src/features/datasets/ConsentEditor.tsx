import { Button, Group, MultiSelect, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { useDiseaseOptions } from '@/components/diseases';
import { DUO_LABELS } from '@/components/duo';
import { SetDatasetConsentDocument, type DatasetDetailQuery } from '@/gql/graphql';
import {
  fromConsent,
  MODIFIER_PARAMETER,
  MODIFIERS,
  PERMISSIONS,
  toConsentInput,
  validateConsentForm,
  type ConsentErrors,
  type ConsentForm,
} from './consent-form';

/** Steward: the dataset's DUO consent (permission, diseases, modifiers with their parameters), validated. */
export function ConsentEditor({ dataset }: { dataset: DatasetDetailQuery['dataset'] }) {
  const [form, setForm] = useState<ConsentForm>(() => fromConsent(dataset.consent));
  const [errors, setErrors] = useState<ConsentErrors>({});
  const [saved, save] = useMutation(SetDatasetConsentDocument);
  const [diseaseSearch, setDiseaseSearch] = useState('');
  const diseaseOptions = useDiseaseOptions(diseaseSearch, form.diseases);
  const [done, setDone] = useState(false);
  const submit = async () => {
    const e = validateConsentForm(form);
    setErrors(e);
    setDone(false);
    if (Object.keys(e).length) return;
    const r = await save({ datasetId: dataset.id, consent: toConsentInput(form) });
    if (!r.error) setDone(true);
  };
  const codes = form.modifiers.map((m) => m.code);
  return (
    <Stack gap="sm" component="section" aria-labelledby="consent-heading">
      <Title order={2} size="h4" id="consent-heading">
        Consent (DUO)
      </Title>
      <Select
        label="Permission"
        required
        data={PERMISSIONS.map((p) => ({ value: p, label: `${p} — ${DUO_LABELS[p]}` }))}
        value={form.permission || null}
        onChange={(v) => setForm((f) => ({ ...f, permission: (v ?? '') as ConsentForm['permission'] }))}
        error={errors.permission}
      />
      {form.permission === 'DS' ? (
        <MultiSelect
          label="Diseases (MONDO)"
          required
          searchable
          data={diseaseOptions}
          filter={({ options }) => options}
          searchValue={diseaseSearch}
          onSearchChange={setDiseaseSearch}
          value={form.diseases}
          onChange={(v) => setForm((f) => ({ ...f, diseases: v }))}
          error={errors.diseases}
        />
      ) : null}
      <MultiSelect
        label="Modifiers"
        searchable
        data={MODIFIERS.map((m) => ({ value: m, label: `${m} — ${DUO_LABELS[m]}` }))}
        value={codes}
        onChange={(v) =>
          setForm((f) => ({
            ...f,
            modifiers: v.map(
              (code) =>
                f.modifiers.find((m) => m.code === code) ?? {
                  code: code as ConsentForm['modifiers'][number]['code'],
                  value: '',
                },
            ),
          }))
        }
      />
      {form.modifiers
        .filter((m) => MODIFIER_PARAMETER[m.code])
        .map((m) => (
          <TextInput
            key={m.code}
            label={`${m.code}: ${MODIFIER_PARAMETER[m.code] === 'months' ? 'months of use' : MODIFIER_PARAMETER[m.code] === 'moratoriumUntil' ? 'no publication before (YYYY-MM-DD)' : MODIFIER_PARAMETER[m.code] === 'region' ? 'region' : 'who or what'}`}
            value={m.value}
            required
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm((f) => ({
                ...f,
                modifiers: f.modifiers.map((x) => (x.code === m.code ? { ...x, value } : x)),
              }));
            }}
            error={errors.modifiers?.[m.code]}
          />
        ))}
      <ApiErrorAlert error={saved.error} title="Refused: the consent is unchanged" />
      <Group>
        <Button onClick={() => void submit()} loading={saved.fetching}>
          Save consent
        </Button>
        {done ? (
          <Text size="sm" c="green.8" role="status">
            Saved. New requests are matched against it.
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
