import { Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime } from '@/components/format';
import { CastReviewVoteDocument, ChangeReviewVoteDocument, type VoteChoice } from '@/gql/graphql';
import { VOTE_OPTIONS, voteColor, voteProblem } from './vote-form';

/**
 * A reviewer's vote on one request: approve / reject / abstain with a written rationale. With a current vote
 * the form changes it (the previous one stays in the record); the server refuses a second cast, a vote from
 * someone not asked, and any vote after the decision, and the refusal is shown with its code.
 */
export function VoteForm({
  id,
  current,
  onDone,
}: {
  id: string;
  current: { vote: string; rationale: string; at: string } | null;
  onDone: () => void;
}) {
  const [editing, setEditing] = useState(current === null);
  const [vote, setVote] = useState<string | null>(current?.vote ?? null);
  const [rationale, setRationale] = useState(current?.rationale ?? '');
  const [touched, setTouched] = useState(false);
  const [castState, cast] = useMutation(CastReviewVoteDocument);
  const [changeState, change] = useMutation(ChangeReviewVoteDocument);
  const problem = voteProblem(vote, rationale);
  const busy = castState.fetching || changeState.fetching;

  const submit = async () => {
    setTouched(true);
    if (problem || !vote) return;
    const send = current ? change : cast;
    const r = await send({
      id,
      vote: vote as VoteChoice,
      rationale: rationale.trim(),
    });
    if (!r.error) {
      setTouched(false);
      setEditing(false);
      onDone();
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="vote-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="vote-heading">
          Your vote
        </Title>
        {current && !editing ? (
          <>
            <Group gap="xs">
              <Badge color={voteColor(current.vote)} data-testid="my-vote">
                {current.vote.toLowerCase()}
              </Badge>
              <Text size="xs" c="dimmed">
                {fmtDateTime(current.at)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {current.rationale}
            </Text>
            <Group>
              <Button variant="light" onClick={() => setEditing(true)}>
                Change my vote
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Radio.Group label="Vote" value={vote} onChange={setVote} required>
              <Group mt={4}>
                {VOTE_OPTIONS.map((o) => (
                  <Radio key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label="Rationale"
              description="Shown to the committee and the chair (never to the applicant)"
              autosize
              minRows={3}
              value={rationale}
              onChange={(e) => setRationale(e.currentTarget.value)}
              error={touched ? problem : null}
              required
            />
            <Group>
              <Button onClick={() => void submit()} loading={busy}>
                {current ? 'Change vote' : 'Cast vote'}
              </Button>
              {current ? (
                <Button variant="subtle" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              ) : null}
            </Group>
          </>
        )}
        <ApiErrorAlert error={castState.error ?? changeState.error} title="Vote refused: nothing changed" />
      </Stack>
    </Paper>
  );
}
