import { Alert, Button, Code, List, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { WithdrawParticipantDocument } from '@/gql/graphql';

/**
 * Steward: withdraw a participant by sample id. Irreversible (their data is re-sealed away and old keys are
 * destroyed), so the steward types the sample id again to confirm.
 */
export function WithdrawParticipant({ datasetId }: { datasetId: string }) {
  const [sampleId, setSampleId] = useState('');
  const [confirmText, setConfirmText] = useState('');
  const [touched, setTouched] = useState(false);
  const [state, withdraw] = useMutation(WithdrawParticipantDocument);
  const problem = !sampleId.trim()
    ? 'The participant’s sample id'
    : confirmText !== sampleId
      ? 'Type the same sample id to confirm'
      : null;
  const submit = async () => {
    setTouched(true);
    if (problem) return;
    const r = await withdraw({ datasetId, sampleId: sampleId.trim() });
    if (!r.error) {
      setSampleId('');
      setConfirmText('');
      setTouched(false);
    }
  };
  const w = state.data?.withdrawParticipant;
  return (
    <Stack gap="sm" component="section" aria-labelledby="withdraw-heading">
      <Title order={2} size="h4" id="withdraw-heading">
        Participants
      </Title>
      <Text size="sm" c="dimmed">
        Withdrawing a participant removes them from every future answer, re-seals the dataset without them and
        destroys the old keys (backups taken before become unreadable). It cannot be undone.
      </Text>
      <TextInput
        label="Sample id to withdraw"
        value={sampleId}
        onChange={(e) => setSampleId(e.currentTarget.value)}
        error={touched && !sampleId.trim() ? problem : null}
        required
      />
      <TextInput
        label="Type the sample id again to confirm"
        value={confirmText}
        onChange={(e) => setConfirmText(e.currentTarget.value)}
        error={touched && sampleId.trim() && problem ? problem : null}
        required
      />
      <ApiErrorAlert error={state.error} title="Refused: nothing changed" />
      {state.fetching ? (
        <Stack gap={4} role="status">
          <Text size="sm">Re-sealing the dataset without the participant…</Text>
          <Progress value={100} animated aria-label="Withdrawal in progress" />
        </Stack>
      ) : null}
      <Button color="red" onClick={() => void submit()} loading={state.fetching} w="fit-content">
        Withdraw participant
      </Button>
      {w ? (
        <Alert color="green" title="Participant withdrawn" role="status">
          <List size="sm">
            <List.Item>
              {w.variantsRewritten} variant rows re-sealed, {w.variantsDeleted} deleted
            </List.Item>
            <List.Item>
              new data key version <Code>{w.newKeyVersion}</Code>; destroyed{' '}
              {w.destroyedKeyVersions.join(', ') || 'none'}
            </List.Item>
            <List.Item>
              {w.backupsShredded
                ? 'Earlier backups are unrecoverable too'
                : 'Earlier backups may still hold the data'}
            </List.Item>
            <List.Item>took {w.seconds.toFixed(1)} s</List.Item>
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
