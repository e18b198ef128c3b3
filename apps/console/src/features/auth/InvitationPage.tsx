import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { acceptInvitation } from '@/app/api';
import { useSession } from '@/app/session';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';

export const MIN_PASSWORD = 12;

/** Why a new password cannot be used, or null (the server checks again). */
export function newPasswordProblem(password: string, repeat: string): string | null {
  if (password.length < MIN_PASSWORD) return `At least ${MIN_PASSWORD} characters`;
  if (/^(.)\1*$/.test(password)) return 'Not one repeated character';
  if (password !== repeat) return 'The two passwords differ';
  return null;
}

/** Sets the password once, from the link `helixgate users add` printed (token in the URL fragment). */
export default function InvitationPage() {
  const { state } = useSession();
  const token = useLocation().hash.replace(/^#/, '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (state.status === 'signed-in') return <Navigate to="/" replace />;
  const problem = newPasswordProblem(password, repeat);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation(token, password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Choose your password">
          <Stack>
            <Title order={1} size="h2">
              Choose your password
            </Title>
            <Text size="sm" c="dimmed">
              This invitation works once. Use at least {MIN_PASSWORD} characters; a passphrase is best.
            </Text>
            <ApiErrorAlert error={error} title="The password was not set" />
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={touched && password.length < MIN_PASSWORD ? problem : null}
              required
              autoFocus
            />
            <PasswordInput
              label="Repeat the password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={touched && password.length >= MIN_PASSWORD ? problem : null}
              required
            />
            <Button type="submit" loading={busy} disabled={!token}>
              Set password and sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
