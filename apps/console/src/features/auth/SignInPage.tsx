import {
  Alert,
  Button,
  Center,
  Code,
  Divider,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { signIn, signInProviders, type Providers } from '@/app/api';
import { useSession } from '@/app/session';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';

/** Safe place to return to after signing in: a console path only. */
function safeReturn(value: string | null): string {
  return value && /^\/(?!\/)[A-Za-z0-9/_?=&.%-]*$/.test(value) ? value : '/';
}

/** Sign-in: a local password, or an institutional OpenID Connect provider. */
export default function SignInPage() {
  const { state } = useSession();
  const [params] = useSearchParams();
  const returnTo = safeReturn(params.get('returnTo'));
  const [providers, setProviders] = useState<Providers>({ password: true, oidc: [] });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void signInProviders().then(setProviders), []);

  if (state.status === 'signed-in') return <Navigate to={returnTo} replace />;

  const usernameError = touched && !username.trim() ? 'Enter your username' : null;
  const passwordError = touched && !password ? 'Enter your password' : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const providerError = params.get('error');
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
        <Stack>
          <div>
            <Title order={1} size="h2">
              Helixgate Console
            </Title>
            <Text c="dimmed" size="sm">
              Sign in to request data, review requests or audit this node.
            </Text>
          </div>
          {providerError ? (
            <Alert color="red" title="Sign-in failed" role="alert">
              {params.get('message') ?? 'The identity provider refused the sign-in.'}{' '}
              <Code>{providerError}</Code>
            </Alert>
          ) : null}
          <ApiErrorAlert error={error} title="Sign-in failed" />
          <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in with a password">
            <Stack gap="sm">
              <TextInput
                label="Username"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={usernameError}
                required
                autoFocus
              />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passwordError}
                required
              />
              <Button type="submit" loading={busy} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
          {providers.oidc.length > 0 ? (
            <>
              <Divider label="or" labelPosition="center" />
              {providers.oidc.map((p) => (
                <Button
                  key={p.id}
                  component="a"
                  variant="default"
                  href={`/auth/oidc/${encodeURIComponent(p.id)}/start?returnTo=${encodeURIComponent(`/console${returnTo === '/' ? '/' : returnTo}`)}`}
                >
                  Sign in with {p.name}
                </Button>
              ))}
            </>
          ) : null}
          <Text size="xs" c="dimmed">
            No password yet? Use the invitation link your node operator sent you, or ask them for one (
            <Code>helixgate users invite</Code>
            ).
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
