import { Button, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import {
  ApproveAccessRequestDocument,
  RejectAccessRequestDocument,
  ReturnAccessRequestDocument,
  RevokeAccessGrantDocument,
} from '@/gql/graphql';
import { defaultExpiry, expiryInstant, expiryProblem, noteProblem } from './actions';

type Mode = 'approve' | 'reject' | 'return' | 'revoke' | null;

/**
 * The steward's decisions on one request: approve with an end date, reject with a reason, return with a
 * note, revoke (and block). Each is checked before it is sent; a refusal from the API is shown with its
 * code and changes nothing.
 */
export function ActionBar({ id, status, onDone }: { id: string; status: string; onDone: () => void }) {
  const [mode, setMode] = useState<Mode>(null);
  const [expiry, setExpiry] = useState(defaultExpiry());
  const [note, setNote] = useState('');
  const [block, setBlock] = useState(false);
  const [touched, setTouched] = useState(false);
  const [approveState, approve] = useMutation(ApproveAccessRequestDocument);
  const [rejectState, reject] = useMutation(RejectAccessRequestDocument);
  const [returnState, ret] = useMutation(ReturnAccessRequestDocument);
  const [revokeState, revoke] = useMutation(RevokeAccessGrantDocument);
  const open = status === 'SUBMITTED';
  const active = status === 'APPROVED';
  if (!open && !active && status !== 'RETURNED') return null;

  const problem =
    mode === 'approve'
      ? expiryProblem(expiry)
      : mode === 'reject'
        ? noteProblem(note, 'reason')
        : mode === 'return'
          ? noteProblem(note, 'note')
          : mode === 'revoke'
            ? noteProblem(note, 'reason')
            : null;
  const error = approveState.error ?? rejectState.error ?? returnState.error ?? revokeState.error;
  const busy = approveState.fetching || rejectState.fetching || returnState.fetching || revokeState.fetching;

  const confirm = async () => {
    setTouched(true);
    if (problem) return;
    const r =
      mode === 'approve'
        ? await approve({ id, expiresAt: expiryInstant(expiry), note: note.trim() || null })
        : mode === 'reject'
          ? await reject({ id, reason: note.trim() })
          : mode === 'return'
            ? await ret({ id, note: note.trim() })
            : await revoke({ id, reason: note.trim(), block });
    if (!r.error) {
      setMode(null);
      setNote('');
      setTouched(false);
      onDone();
    }
  };
  const choose = (m: Mode) => {
    setMode(m);
    setTouched(false);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decide-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="decide-heading">
          Decide
        </Title>
        <Group gap="xs">
          {open ? (
            <>
              <Button
                color="green"
                variant={mode === 'approve' ? 'filled' : 'light'}
                onClick={() => choose('approve')}
              >
                Approve…
              </Button>
              <Button
                color="red"
                variant={mode === 'reject' ? 'filled' : 'light'}
                onClick={() => choose('reject')}
              >
                Reject…
              </Button>
              <Button
                color="yellow"
                variant={mode === 'return' ? 'filled' : 'light'}
                onClick={() => choose('return')}
              >
                Return for changes…
              </Button>
            </>
          ) : null}
          {active ? (
            <Button
              color="red"
              variant={mode === 'revoke' ? 'filled' : 'light'}
              onClick={() => choose('revoke')}
            >
              Revoke grant…
            </Button>
          ) : null}
          {status === 'RETURNED' ? (
            <Text size="sm" c="dimmed">
              Returned to the researcher: waiting for their changes.
            </Text>
          ) : null}
        </Group>
        {mode === 'approve' ? (
          <Stack gap="xs">
            <TextInput
              type="date"
              label="Grant ends on"
              description="Access stops at the end of this day (UTC)"
              value={expiry}
              onChange={(e) => setExpiry(e.currentTarget.value)}
              error={touched ? problem : null}
              required
            />
            <Textarea
              label="Note to the researcher (optional)"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
          </Stack>
        ) : null}
        {mode === 'reject' || mode === 'return' || mode === 'revoke' ? (
          <Stack gap="xs">
            <Textarea
              label={mode === 'return' ? 'What should change' : 'Reason'}
              required
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={touched ? problem : null}
            />
            {mode === 'revoke' ? (
              <Checkbox
                label="Also block: refuse future requests from this researcher for this dataset"
                checked={block}
                onChange={(e) => setBlock(e.currentTarget.checked)}
              />
            ) : null}
          </Stack>
        ) : null}
        <ApiErrorAlert error={error} title="Refused: nothing changed" />
        {mode ? (
          <Group>
            <Button onClick={() => void confirm()} loading={busy}>
              {mode === 'approve'
                ? 'Confirm approval'
                : mode === 'reject'
                  ? 'Confirm rejection'
                  : mode === 'return'
                    ? 'Return to researcher'
                    : block
                      ? 'Revoke and block'
                      : 'Confirm revocation'}
            </Button>
            <Button variant="default" onClick={() => setMode(null)}>
              Cancel
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
