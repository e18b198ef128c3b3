import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '@/app/session';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDateTime, PersonLabel } from '@/components/format';
import {
  AddAccessRemarkDocument,
  AttestResearcherStatusDocument,
  DatasetCommitteeDocument,
  ReassignAccessReviewDocument,
  RequestAccessReviewDocument,
  RequestCommitteeDocument,
  type RemarkVisibility,
  type RequestCommitteeQuery,
} from '@/gql/graphql';
import { VoteForm } from './VoteForm';
import { voteColor } from './vote-form';

type Request = RequestCommitteeQuery['accessRequest'];
type Review = NonNullable<Request['review']>;

/** Quorum state: the dataset's rules, the count so far, and what an approval still lacks. */
export function QuorumSummary({ quorum }: { quorum: Review['quorum'] }) {
  const p = quorum.policy;
  return (
    <Stack gap={4} data-testid="quorum">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Quorum
        </Text>
        {quorum.applies ? (
          <Badge color={quorum.met ? 'green' : 'orange'}>{quorum.met ? 'met' : 'not met'}</Badge>
        ) : (
          <Badge color="gray">no committee: the steward decides</Badge>
        )}
      </Group>
      {/* Without a committee there are no votes to count: the policy's numbers would not apply. */}
      {quorum.applies ? (
        <Text size="sm" c="dimmed">
          {p.minApprovals} approval(s) needed,{' '}
          {p.maxRejections === 0 ? 'no rejection' : `at most ${p.maxRejections} rejection(s)`}
          {p.chairRequired ? ', a chair decides' : ''} · so far {quorum.approvals} approve,{' '}
          {quorum.rejections} reject, {quorum.abstentions} abstain
        </Text>
      ) : null}
      {quorum.applies && quorum.missing.length ? (
        <List size="sm">
          {quorum.missing.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}

function VotesTable({ review }: { review: Review }) {
  if (review.voteHistory.length === 0) return <Text size="sm">No vote yet.</Text>;
  return (
    <Table striped withTableBorder aria-label="Votes with their rationale">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Reviewer</Table.Th>
          <Table.Th w={120}>Vote</Table.Th>
          <Table.Th>Rationale</Table.Th>
          <Table.Th>When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {review.voteHistory.map((v, i) => (
          <Table.Tr key={i} style={v.current ? undefined : { opacity: 0.55 }} data-testid="vote-row">
            <Table.Td>
              <PersonLabel person={v.reviewerPerson} />
            </Table.Td>
            <Table.Td>
              <Badge
                color={voteColor(v.vote)}
                variant={v.current ? 'filled' : 'outline'}
                style={{ overflow: 'visible' }}
              >
                {v.vote.toLowerCase()}
              </Badge>
              {v.current ? null : (
                <Text size="xs" c="dimmed">
                  changed later
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{v.rationale}</Table.Td>
            <Table.Td>{fmtDateTime(v.at)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The handler asks committee members for reviews and a chair for the decision, or moves a review. */
function AskForReview({ r, onDone }: { r: Request; onDone: () => void }) {
  const [{ data }] = useQuery({ query: DatasetCommitteeDocument, variables: { datasetId: r.datasetId } });
  const [reviewers, setReviewers] = useState<string[]>([]);
  const [chair, setChair] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [askState, ask] = useMutation(RequestAccessReviewDocument);
  const [moveState, move] = useMutation(ReassignAccessReviewDocument);
  const members = data?.dataAccessCommittee ?? [];
  const label = (m: (typeof members)[number]) =>
    `${m.person.name}${m.person.institution ? ` · ${m.person.institution}` : ''}${m.chair ? ' (chair)' : ''}`;
  const active = (r.review?.assignments ?? []).filter((a) => a.active);
  if (members.length === 0)
    return (
      <Text size="sm" c="dimmed">
        This dataset has no data access committee yet.
      </Text>
    );
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <MultiSelect
          label="Ask for a review"
          placeholder="Committee members"
          data={members.map((m) => ({ value: m.member, label: label(m) }))}
          value={reviewers}
          onChange={setReviewers}
          style={{ flex: 1 }}
        />
        <Select
          label="Decision by"
          placeholder="A chair"
          clearable
          data={members.filter((m) => m.chair).map((m) => ({ value: m.member, label: label(m) }))}
          value={chair}
          onChange={setChair}
        />
        <Button
          loading={askState.fetching}
          disabled={reviewers.length === 0 && !chair}
          onClick={() =>
            void ask({ id: r.id, reviewers, chair }).then((x) => {
              if (!x.error) {
                setReviewers([]);
                setChair(null);
                onDone();
              }
            })
          }
        >
          Ask
        </Button>
      </Group>
      {active.length ? (
        <Group align="flex-end">
          <Select
            label="Reassign the review of"
            data={active.map((a) => ({ value: a.reviewer, label: a.reviewerPerson.name }))}
            value={from}
            onChange={setFrom}
          />
          <Select
            label="to"
            data={members.filter((m) => m.member !== from).map((m) => ({ value: m.member, label: label(m) }))}
            value={to}
            onChange={setTo}
          />
          <Button
            variant="light"
            loading={moveState.fetching}
            disabled={!from || !to}
            onClick={() =>
              void move({ id: r.id, from: from!, to: to!, note: null }).then((x) => {
                if (!x.error) {
                  setFrom(null);
                  setTo(null);
                  onDone();
                }
              })
            }
          >
            Reassign
          </Button>
        </Group>
      ) : null}
      <ApiErrorAlert error={askState.error ?? moveState.error} title="Refused: nothing changed" />
    </Stack>
  );
}

function ResearcherStatusBox({
  r,
  canAttest,
  onDone,
}: {
  r: Request;
  canAttest: boolean;
  onDone: () => void;
}) {
  const s = r.researcherStatus;
  const [note, setNote] = useState('');
  const [state, attest] = useMutation(AttestResearcherStatusDocument);
  return (
    <Stack gap={4} data-testid="researcher-status">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Researcher status
        </Text>
        <Badge color={s.visa ? 'green' : 'gray'}>{s.visa ? 'bona fide visa' : 'no visa'}</Badge>
        {s.attestedBy ? <Badge color="green">attested</Badge> : null}
        <Text size="xs" c="dimmed">
          required: {s.required}
        </Text>
      </Group>
      {s.visaSource ? (
        <Text size="xs" c="dimmed">
          Visa from {s.visaSource}
        </Text>
      ) : null}
      {s.attestedBy ? (
        <Text size="sm">
          Attested by <PersonLabel person={s.attestedBy} /> on {fmtDateTime(s.attestedAt)}: “
          {s.attestationNote}”
        </Text>
      ) : null}
      {s.missing ? (
        <Alert color="orange" p="xs">
          {s.missing}
        </Alert>
      ) : null}
      {canAttest && s.required !== 'none' && !s.attestedBy && ['SUBMITTED', 'RETURNED'].includes(r.status) ? (
        <Group align="flex-end">
          <Textarea
            label="Attest researcher status"
            placeholder="On what basis (staff directory, institutional letter…)"
            autosize
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="light"
            loading={state.fetching}
            disabled={note.trim().length < 5}
            onClick={() => void attest({ id: r.id, note: note.trim() }).then((x) => !x.error && onDone())}
          >
            Attest
          </Button>
        </Group>
      ) : null}
      <ApiErrorAlert error={state.error} title="Refused: nothing changed" />
    </Stack>
  );
}

/** Remarks: for the applicant or internal to the committee (the applicant sees only theirs). */
export function RemarksBox({ r, internal, onDone }: { r: Request; internal: boolean; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<RemarkVisibility>(internal ? 'INTERNAL' : 'APPLICANT');
  const [state, add] = useMutation(AddAccessRemarkDocument);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="remarks-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="remarks-heading">
          Remarks
        </Title>
        {r.remarks.length === 0 ? <Text size="sm">No remark yet.</Text> : null}
        {r.remarks.map((m) => (
          <Stack key={m.id} gap={0} data-testid="remark">
            <Group gap="xs">
              <PersonLabel person={m.author} />
              <Text size="xs" c="dimmed">
                {fmtDateTime(m.at)}
              </Text>
              {m.visibility === 'INTERNAL' ? <Badge color="violet">internal</Badge> : null}
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {m.body}
            </Text>
          </Stack>
        ))}
        <Textarea
          label="Add a remark"
          autosize
          minRows={2}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Group>
          {internal ? (
            <SegmentedControl
              value={visibility}
              onChange={(v) => setVisibility(v as RemarkVisibility)}
              data={[
                { value: 'INTERNAL', label: 'Internal to the committee' },
                { value: 'APPLICANT', label: 'Visible to the applicant' },
              ]}
            />
          ) : null}
          <Button
            disabled={!body.trim()}
            loading={state.fetching}
            onClick={() =>
              void add({ id: r.id, body: body.trim(), visibility }).then((x) => {
                if (!x.error) {
                  setBody('');
                  onDone();
                }
              })
            }
          >
            Add remark
          </Button>
        </Group>
        <ApiErrorAlert error={state.error} title="Refused: nothing changed" />
      </Stack>
    </Paper>
  );
}

/**
 * The committee's side of a request, on the request page: who handles it, researcher status, the quorum, every
 * vote with its rationale (changed ones kept), the reviews asked; the vote form for a reviewer asked; asking for
 * reviews for the handler; remarks. What the caller may not see (the applicant) the API does not send.
 */
export function CommitteePanel({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { state, hasRole } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: RequestCommitteeDocument, variables: { id } });
  if (error && !data) return <ApiErrorAlert error={error} />;
  if (!data) return null;
  const r = data.accessRequest;
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  };
  const me = state.status === 'signed-in' ? state.user.username : null;
  const review = r.review;
  const mine = review?.assignments.find((a) => a.active && a.reviewerPerson.username === me) ?? null;
  const myVote = mine ? (review!.votes.find((v) => v.reviewer === mine.reviewer) ?? null) : null;
  const steward = hasRole('steward');
  // No data access committee (the quorum does not apply): the steward decides; no votes, no internal remarks.
  const committee = review?.quorum.applies ?? false;
  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="committee-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="committee-heading">
            Review and decision
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed" w={120}>
              Handled by
            </Text>
            <PersonLabel person={r.handler} />
          </Group>
          <ResearcherStatusBox r={r} canAttest={steward || hasRole('dac_chair')} onDone={reload} />
          {review ? (
            <>
              <QuorumSummary quorum={review.quorum} />
              {committee || review.voteHistory.length ? <VotesTable review={review} /> : null}
              {review.assignments.length ? (
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    Asked
                  </Text>
                  {review.assignments.map((a, i) => (
                    <Text size="sm" key={i} c={a.active ? undefined : 'dimmed'}>
                      <PersonLabel person={a.reviewerPerson} /> — {a.role === 'CHAIR' ? 'decision' : 'review'}
                      , by {a.requestedBy.name} on {fmtDateTime(a.requestedAt)}
                      {a.replacedBy ? ` (reassigned to ${a.replacedBy.name})` : ''}
                    </Text>
                  ))}
                </Stack>
              ) : null}
              {steward && r.status === 'SUBMITTED' ? <AskForReview r={r} onDone={reload} /> : null}
            </>
          ) : null}
        </Stack>
      </Paper>
      {mine && r.status === 'SUBMITTED' ? (
        <VoteForm key={myVote?.at ?? 'new'} id={r.id} current={myVote} onDone={reload} />
      ) : null}
      <RemarksBox r={r} internal={committee} onDone={reload} />
    </Stack>
  );
}
