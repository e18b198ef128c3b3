import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { DataTable } from '@/components/DataTable';
import { enumWord, fmtDate, fmtDateTime } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import {
  AddUserDocument,
  AdminUsersDocument,
  GrantRoleDocument,
  InviteUserDocument,
  RevokeRoleDocument,
  type Role,
  type UserAccountFieldsFragment,
} from '@/gql/graphql';
import {
  ALL_ROLES,
  invitationLink,
  ROLE_LABEL,
  validateNewUser,
  type NewUserErrors,
  type NewUserForm,
} from './roles';

type User = UserAccountFieldsFragment;

/** An invitation just made: shown once, to be handed to the person (never stored in clear). */
function InvitationNotice({
  invitation,
}: {
  invitation: { username: string; token: string; expiresAt: string };
}) {
  const link = invitationLink(invitation.token);
  return (
    <Alert color="green" title={`Invitation for ${invitation.username}`} data-testid="invitation">
      <Stack gap={6}>
        <Text size="sm">
          Hand this link to the person (it is shown once). They set their password with it until{' '}
          {fmtDateTime(invitation.expiresAt)}.
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code style={{ wordBreak: 'break-all' }} data-testid="invitation-link">
            {link}
          </Code>
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button size="xs" variant="outline" onClick={copy}>
                {copied ? 'Copied' : 'Copy link'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

function AddUser({
  onInvited,
}: {
  onInvited: (i: { username: string; token: string; expiresAt: string }) => void;
}) {
  const empty: NewUserForm = { username: '', displayName: '', institution: '', roles: ['RESEARCHER'] };
  const [form, setForm] = useState<NewUserForm>(empty);
  const [errors, setErrors] = useState<NewUserErrors>({});
  const [state, add] = useMutation(AddUserDocument);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateNewUser(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const r = await add({
      input: {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        institution: form.institution.trim() || null,
        roles: form.roles,
      },
    });
    if (r.data) {
      onInvited({
        username: r.data.addUser.user.username,
        token: r.data.addUser.token,
        expiresAt: r.data.addUser.expiresAt,
      });
      setForm(empty);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-user-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="add-user-title">
          Add a user
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Username"
            required
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
            error={errors.username}
            autoComplete="off"
          />
          <TextInput
            label="Name"
            required
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
            error={errors.displayName}
          />
          <TextInput
            label="Institution"
            value={form.institution}
            onChange={(e) => setForm({ ...form, institution: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Roles"
          value={form.roles}
          onChange={(v) => setForm({ ...form, roles: v as Role[] })}
          error={errors.roles}
          required
        >
          <Group mt={4}>
            {ALL_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={ROLE_LABEL[r]} />
            ))}
          </Group>
        </Checkbox.Group>
        <ApiErrorAlert error={state.error} title="The user was not added" />
        <Group>
          <Button type="submit" loading={state.fetching}>
            Add user and make an invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Admin: the node's users by name and institution; add one (with an invitation), grant and remove roles. */
export default function UsersPage() {
  const [{ data, fetching, error }] = useQuery({ query: AdminUsersDocument });
  const [grantState, grant] = useMutation(GrantRoleDocument);
  const [revokeState, revoke] = useMutation(RevokeRoleDocument);
  const [inviteState, invite] = useMutation(InviteUserDocument);
  const [invitation, setInvitation] = useState<{ username: string; token: string; expiresAt: string } | null>(
    null,
  );
  const [toGrant, setToGrant] = useState<Record<string, Role | ''>>({});
  const actionError = grantState.error ?? revokeState.error ?? inviteState.error;

  const columns = useMemo(() => {
    const col = createColumnHelper<User>();
    return [
      col.accessor('name', {
        header: 'Name',
        cell: (c) => (
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {c.getValue()}
            </Text>
            <Text size="xs" c="dimmed" className="mono">
              {c.row.original.username}
            </Text>
          </Stack>
        ),
      }),
      col.accessor((u) => u.institution ?? '', { id: 'institution', header: 'Institution' }),
      col.accessor((u) => u.roles.join(' '), {
        id: 'roles',
        header: 'Roles',
        enableSorting: false,
        cell: (c) => {
          const u = c.row.original;
          const missing = ALL_ROLES.filter((r) => !u.roles.includes(r));
          return (
            <Stack gap={6}>
              <Group gap={4}>
                {u.roles.map((r) => (
                  <Badge
                    key={r}
                    variant="light"
                    pr={u.external || u.roles.length === 1 ? undefined : 3}
                    rightSection={
                      u.external || u.roles.length === 1 ? null : (
                        <ActionIcon
                          size="xs"
                          variant="transparent"
                          aria-label={`Remove role ${enumWord(r)} from ${u.name}`}
                          onClick={() => void revoke({ username: u.username, role: r })}
                        >
                          ×
                        </ActionIcon>
                      )
                    }
                  >
                    {enumWord(r)}
                  </Badge>
                ))}
              </Group>
              {u.external ? (
                <Text size="xs" c="dimmed">
                  Roles set by their institution&apos;s provider
                </Text>
              ) : missing.length ? (
                <Group gap={4} wrap="nowrap">
                  <NativeSelect
                    size="xs"
                    aria-label={`Role to grant to ${u.name}`}
                    value={toGrant[u.username] ?? ''}
                    onChange={(e) => setToGrant({ ...toGrant, [u.username]: e.currentTarget.value as Role })}
                    data={[
                      { value: '', label: 'Grant a role…' },
                      ...missing.map((r) => ({ value: r, label: ROLE_LABEL[r] })),
                    ]}
                  />
                  <Button
                    size="xs"
                    variant="outline"
                    disabled={!toGrant[u.username]}
                    aria-label={`Grant the chosen role to ${u.name}`}
                    onClick={() => {
                      const role = toGrant[u.username];
                      if (role)
                        void grant({ username: u.username, role }).then(() =>
                          setToGrant({ ...toGrant, [u.username]: '' }),
                        );
                    }}
                  >
                    Grant
                  </Button>
                </Group>
              ) : null}
            </Stack>
          );
        },
      }),
      col.accessor((u) => u.stewardOf.length, {
        id: 'stewardOf',
        header: 'Stewards',
        cell: (c) =>
          c.row.original.stewardOf.length ? (
            <Text size="xs" className="mono">
              {c.row.original.stewardOf.join(', ')}
            </Text>
          ) : (
            '—'
          ),
      }),
      col.accessor(
        (u) => (u.disabledAt ? 3 : u.passwordSet || u.external ? 0 : u.invitationExpiresAt ? 1 : 2),
        {
          id: 'signIn',
          header: 'Sign-in',
          cell: (c) => {
            const u = c.row.original;
            if (u.disabledAt) return <Badge color="gray">disabled</Badge>;
            if (u.external) return <Text size="xs">institutional provider</Text>;
            return (
              <Stack gap={4} align="flex-start">
                <Text size="xs">
                  {u.passwordSet
                    ? 'password set'
                    : u.invitationExpiresAt
                      ? `invited, until ${fmtDate(u.invitationExpiresAt)}`
                      : 'no password'}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-label={`New invitation link for ${u.name}`}
                  onClick={() =>
                    void invite({ username: u.username }).then((r) => {
                      if (r.data)
                        setInvitation({
                          username: u.username,
                          token: r.data.inviteUser.token,
                          expiresAt: r.data.inviteUser.expiresAt,
                        });
                    })
                  }
                >
                  New invitation
                </Button>
              </Stack>
            );
          },
        },
      ),
      col.accessor('createdAt', { header: 'Added', cell: (c) => fmtDate(c.getValue()) }),
    ];
  }, [grant, revoke, invite, toGrant]);

  return (
    <>
      <PageHeader title="Users and roles">
        Everyone who may sign in to this node, by name and institution. Role changes are audited and apply on
        the person&apos;s next request.
      </PageHeader>
      <Stack>
        {invitation ? <InvitationNotice invitation={invitation} /> : null}
        <ApiErrorAlert error={actionError} title="The change was refused" />
        {fetching && !data ? <Loading /> : null}
        {!data ? (
          <ApiErrorAlert error={error} title="Users cannot be shown" />
        ) : data.users.length === 0 ? (
          <Empty title="No users yet" />
        ) : (
          <DataTable
            data={data.users}
            columns={columns}
            label="Users"
            initialSort={[{ id: 'name', desc: false }]}
            rowTestId={(u) => `user-${u.username}`}
          />
        )}
        <Paper withBorder p="md">
          <AddUser onInvited={setInvitation} />
        </Paper>
      </Stack>
    </>
  );
}
