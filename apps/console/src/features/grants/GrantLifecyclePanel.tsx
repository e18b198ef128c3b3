import { Anchor, Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime } from '@/components/format';
import {
  CloseOutAccessGrantDocument,
  GrantLifecycleDocument,
  RequestAccessRenewalDocument,
} from '@/gql/graphql';
import { grantEnd } from './grant-end';

const KINDS = [
  { value: 'DELETION_ATTESTATION', label: 'Attest that every copy of the data is deleted' },
  { value: 'FINAL_REPORT', label: 'Final report of the project' },
];

/** Can the researcher record a close-out of a request in this status? (the grant has ended) */
export function closeOutAllowed(status: string, wasGranted: boolean): boolean {
  return status === 'EXPIRED' || status === 'REVOKED' || (status === 'WITHDRAWN' && wasGranted);
}

/**
 * A grant after approval: reminders sent, renewal (a new request linked to this one) and the project
 * close-out. Actions are the researcher's own (`mine`); everyone who may read the request sees the record.
 */
export function GrantLifecyclePanel({
  id,
  mine,
  onChanged,
}: {
  id: string;
  mine: boolean;
  onChanged: () => void;
}) {
  const [{ data }, refetch] = useQuery({ query: GrantLifecycleDocument, variables: { id } });
  const [renewState, renew] = useMutation(RequestAccessRenewalDocument);
  const [closeState, closeOut] = useMutation(CloseOutAccessGrantDocument);
  const [mode, setMode] = useState<'renew' | 'close' | null>(null);
  const [text, setText] = useState('');
  const [kind, setKind] = useState('DELETION_ATTESTATION');
  const [renewedTo, setRenewedTo] = useState<string | null>(null);
  const r = data?.accessRequest;
  if (!r) return null;
  const wasGranted = Boolean(r.expiresAt);
  if (!wasGranted && !r.renewalOf) return null;
  const openRenewal = r.renewals.length > 0 && mode !== 'renew';
  const canRenew = mine && (r.status === 'APPROVED' || r.status === 'EXPIRED');
  const canClose = mine && !r.closeOut && closeOutAllowed(r.status, wasGranted);
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  };
  const statementProblem =
    mode === 'close' && text.trim().length < 20 ? 'Write at least 20 characters.' : null;

  const submit = async () => {
    if (mode === 'renew') {
      const res = await renew({ id, justification: text.trim() || null });
      if (res.data) {
        setRenewedTo(res.data.requestAccessRenewal.id);
        setMode(null);
        setText('');
        reload();
      }
    } else if (mode === 'close') {
      if (statementProblem) return;
      const res = await closeOut({ id, kind, statement: text.trim() });
      if (res.data) {
        setMode(null);
        setText('');
        reload();
      }
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lifecycle-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="lifecycle-heading">
          Grant lifecycle
        </Title>
        {r.renewalOf ? (
          <Text size="sm">
            Renews{' '}
            <Anchor component={Link} to={`/requests/${r.renewalOf}`} className="mono">
              {r.renewalOf}
            </Anchor>
          </Text>
        ) : null}
        {r.renewals.length ? (
          <Text size="sm">
            Renewal requested:{' '}
            {r.renewals.map((x) => (
              <Anchor key={x} component={Link} to={`/requests/${x}`} className="mono" mr="xs">
                {x}
              </Anchor>
            ))}
          </Text>
        ) : null}
        {r.expiresAt ? (
          <Text size="sm" c="dimmed" data-testid="grant-end">
            Grant {grantEnd(r) ?? `ended (${r.status.toLowerCase()})`}
            {r.remindersSent.length
              ? ` · reminders sent ${r.remindersSent.map((d) => `${d} days`).join(', ')} before`
              : ''}
          </Text>
        ) : null}
        {r.closeOut ? (
          <Stack gap={4} aria-label="Close-out">
            <Group gap="xs">
              <Badge color="gray">Closed out</Badge>
              <Text size="sm">
                {KINDS.find((k) => k.value === r.closeOut!.kind)?.label ?? r.closeOut.kind} ·{' '}
                {fmtDateTime(r.closeOut.recordedAt)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {r.closeOut.statement}
            </Text>
          </Stack>
        ) : closeOutAllowed(r.status, wasGranted) ? (
          <Text size="sm" fw={600}>
            Close-out due: the grant has ended.
          </Text>
        ) : null}
        {renewedTo ? (
          <Text size="sm" fw={600} role="status">
            Renewal submitted:{' '}
            <Anchor component={Link} to={`/requests/${renewedTo}`}>
              open the new request
            </Anchor>
          </Text>
        ) : null}
        {canRenew || canClose ? (
          <Group gap="xs">
            {canRenew && !openRenewal ? (
              <Button variant={mode === 'renew' ? 'filled' : 'light'} onClick={() => setMode('renew')}>
                Request renewal…
              </Button>
            ) : null}
            {canClose ? (
              <Button
                color="gray"
                variant={mode === 'close' ? 'filled' : 'light'}
                onClick={() => setMode('close')}
              >
                Close out project…
              </Button>
            ) : null}
          </Group>
        ) : null}
        {mode === 'renew' ? (
          <Stack gap="xs">
            <Textarea
              label="Why the project continues (optional: the original justification is kept otherwise)"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={3}
            />
            <Group gap="xs">
              <Button onClick={() => void submit()} loading={renewState.fetching}>
                Submit renewal request
              </Button>
              <Button variant="subtle" onClick={() => setMode(null)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        ) : null}
        {mode === 'close' ? (
          <Stack gap="xs">
            <Radio.Group label="Close-out" value={kind} onChange={setKind}>
              <Stack gap={4} mt={4}>
                {KINDS.map((k) => (
                  <Radio key={k.value} value={k.value} label={k.label} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label={kind === 'FINAL_REPORT' ? 'Final report' : 'Attestation'}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={statementProblem}
              autosize
              minRows={3}
              required
            />
            <Group gap="xs">
              <Button color="gray" onClick={() => void submit()} loading={closeState.fetching}>
                Record close-out
              </Button>
              <Button variant="subtle" onClick={() => setMode(null)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        ) : null}
        <ApiErrorAlert error={renewState.error ?? closeState.error} title="Refused: nothing changed" />
      </Stack>
    </Paper>
  );
}
