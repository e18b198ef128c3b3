import { Alert, Button, Checkbox, Group, Paper, Stack, Switch, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { Loading, PageHeader } from '@/components/states';
import { MyNotificationPreferencesDocument, SetNotificationPreferencesDocument } from '@/gql/graphql';
import { labelOf } from './event-labels';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Every user: where e-mails go, e-mail on or off, and which events are e-mailed. */
export default function NotificationPreferencesPage() {
  const [{ data, fetching, error }] = useQuery({ query: MyNotificationPreferencesDocument });
  const [saved, save] = useMutation(SetNotificationPreferencesDocument);
  const [email, setEmail] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [events, setEvents] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!data) return;
    setEmail(data.myNotificationPreferences.email ?? '');
    setEnabled(data.myNotificationPreferences.emailEnabled);
    setEvents(data.myNotificationPreferences.events);
  }, [data]);
  if (fetching && !data) return <Loading />;
  const problem =
    email.trim() && !EMAIL.test(email.trim()) ? 'Enter an address such as name@example.org' : null;
  const submit = async () => {
    setDone(false);
    if (problem) return;
    const r = await save({ input: { email: email.trim() || null, emailEnabled: enabled, events } });
    if (!r.error) setDone(true);
  };
  return (
    <>
      <PageHeader title="Notifications">
        E-mails tell you when something about your requests, grants or reviews needs you. They carry no data
        and no free text: only what happened and a link to sign in and read it.
      </PageHeader>
      <ApiErrorAlert error={error} />
      <Paper withBorder p="md" maw={720}>
        <Stack>
          <TextInput
            label="E-mail address"
            description="Leave empty to receive no e-mail"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={problem}
            type="email"
          />
          <Switch
            label="Send me e-mails"
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <Checkbox.Group label="E-mail me when" value={events} onChange={setEvents}>
            <Stack gap={6} mt={6}>
              {(data?.notificationEventTypes ?? []).map((t) => (
                <Checkbox key={t} value={t} label={labelOf(t)} disabled={!enabled} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group>
            <Button onClick={() => void submit()} loading={saved.fetching}>
              Save preferences
            </Button>
          </Group>
          {done ? (
            <Alert color="green" role="status">
              Saved.
            </Alert>
          ) : null}
          <ApiErrorAlert error={saved.error} title="Not saved" />
        </Stack>
      </Paper>
    </>
  );
}
