import { Badge, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { PersonLabel } from '@/components/format';
import {
  AddCommitteeMemberDocument,
  DatasetCommitteeDocument,
  RemoveCommitteeMemberDocument,
} from '@/gql/graphql';

/**
 * A dataset's data access committee, for its stewards and admins: members by name and institution (chairs
 * first), add one by username (as a chair or not), remove one. Members need the dac_member or dac_chair role
 * to act; the quorum is in policies/committees.yaml.
 */
export function CommitteeMembers({ datasetId }: { datasetId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: DatasetCommitteeDocument, variables: { datasetId } });
  const [username, setUsername] = useState('');
  const [chair, setChair] = useState(false);
  const [addState, add] = useMutation(AddCommitteeMemberDocument);
  const [removeState, remove] = useMutation(RemoveCommitteeMemberDocument);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const members = data?.dataAccessCommittee ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="committee-members-heading">
      <Title order={2} size="h4" id="committee-members-heading">
        Data access committee
      </Title>
      <ApiErrorAlert error={error} />
      {members.length === 0 ? (
        <Text size="sm">No committee: the stewards decide requests alone.</Text>
      ) : (
        members.map((m) => (
          <Group key={m.member} gap="xs" data-testid="committee-member">
            <PersonLabel person={m.person} />
            {m.chair ? <Badge color="violet">chair</Badge> : null}
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              loading={removeState.fetching}
              onClick={() => void remove({ datasetId, member: m.member }).then((r) => !r.error && reload())}
            >
              Remove
            </Button>
          </Group>
        ))
      )}
      <Group align="flex-end">
        <TextInput
          label="Add a member (username)"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Checkbox label="Chair" checked={chair} onChange={(e) => setChair(e.currentTarget.checked)} mb={8} />
        <Button
          disabled={!username.trim()}
          loading={addState.fetching}
          onClick={() =>
            void add({ datasetId, member: username.trim(), chair }).then((r) => {
              if (!r.error) {
                setUsername('');
                setChair(false);
                reload();
              }
            })
          }
        >
          Add
        </Button>
      </Group>
      <ApiErrorAlert error={addState.error ?? removeState.error} title="Refused: nothing changed" />
    </Stack>
  );
}
