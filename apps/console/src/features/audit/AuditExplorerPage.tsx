import {
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { enumWord, fmtDateTime, PersonLabel } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import {
  AuditEventsDocument,
  type AuditEventFilter,
  type AuditEventsQuery,
  type AuditOutcome,
} from '@/gql/graphql';

type AuditEvent = AuditEventsQuery['auditEvents']['events'][number];
const OUTCOME_COLOR: Record<string, string> = { ALLOW: 'green', DENY: 'red', ERROR: 'orange' };
const PAGE = 50;

interface FilterForm {
  actor: string;
  datasetId: string;
  action: string;
  outcome: string;
  from: string;
  to: string;
}
const emptyFilter: FilterForm = { actor: '', datasetId: '', action: '', outcome: '', from: '', to: '' };

/** An ISO instant as a datetime-local input's value (local time, minutes). */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Filters given in the URL (drill-down from the activity plots). */
function filterFromUrl(params: URLSearchParams): FilterForm {
  return {
    actor: params.get('actor') ?? '',
    datasetId: params.get('datasetId') ?? '',
    action: params.get('action') ?? '',
    outcome: (params.get('outcome') ?? '').toUpperCase(),
    from: toLocalInput(params.get('from')),
    to: toLocalInput(params.get('to')),
  };
}

/** What is wrong with the filters before they are sent: a period that ends before it starts. */
export function auditFilterProblems(f: FilterForm): Partial<Record<keyof FilterForm, string>> {
  if (f.from && f.to && new Date(f.from).getTime() > new Date(f.to).getTime())
    return { to: '“To” is earlier than “From”: no event can match' };
  return {};
}

export function toAuditFilter(f: FilterForm): AuditEventFilter {
  return {
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.datasetId.trim() ? { datasetId: f.datasetId.trim() } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.outcome ? { outcome: f.outcome as AuditOutcome } : {}),
    ...(f.from ? { from: new Date(f.from).toISOString() } : {}),
    ...(f.to ? { to: new Date(f.to).toISOString() } : {}),
  };
}

function EventDetail({ e }: { e: AuditEvent }) {
  const detail = JSON.stringify(e.details, null, 2);
  const rows: [string, React.ReactNode][] = [
    ['Sequence', <Code key="s">{e.seq}</Code>],
    ['Time', fmtDateTime(e.at)],
    [
      'Actor',
      `${e.actorPerson?.name ?? e.actor}${e.actorPerson?.institution || e.institution ? ` · ${e.actorPerson?.institution ?? e.institution}` : ''} (${e.roles.join(', ') || 'no role'}) — subject ${e.actor}`,
    ],
    ['Action', e.action],
    ['Resource', e.resource ?? '—'],
    ['Outcome', `${enumWord(e.outcome)}${e.reason ? ` (${e.reason})` : ''}`],
    ['Datasets', e.datasetIds.join(', ') || '—'],
    ['Granularity', e.granularity ?? '—'],
    ['Request id', e.requestId ?? '—'],
    [
      'Hash',
      <span key="h" className="mono">
        {e.hash}
      </span>,
    ],
    [
      'Previous hash',
      <span key="p" className="mono">
        {e.prevHash}
      </span>,
    ],
  ];
  return (
    <Stack>
      <Table aria-label="Event detail">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th scope="row" w={130}>
                {k}
              </Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={600}>
        Detail
      </Text>
      <Code block>{detail}</Code>
    </Stack>
  );
}

/** Compliance: search the audit trail (newest first, keyset paging on seq) and open an event. */
export default function AuditExplorerPage() {
  const [params] = useSearchParams();
  const [form, setForm] = useState<FilterForm>(() => filterFromUrl(params));
  const [filter, setFilter] = useState<AuditEventFilter>(() => toAuditFilter(filterFromUrl(params)));
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const after = cursors[cursors.length - 1];
  const [{ data, fetching, error }] = useQuery({
    query: AuditEventsDocument,
    variables: { filter, first: PAGE, after },
  });
  const [problems, setProblems] = useState<Partial<Record<keyof FilterForm, string>>>({});
  const set = (k: keyof FilterForm, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const search = (e: FormEvent) => {
    e.preventDefault();
    const found = auditFilterProblems(form);
    setProblems(found);
    if (Object.keys(found).length) return;
    setFilter(toAuditFilter(form));
    setCursors([null]);
  };
  const page = data?.auditEvents;
  // Filters that cannot be asked (shown on the form): no list of another question's events under them.
  const blocked = Object.keys(problems).length > 0;
  return (
    <>
      <PageHeader title="Audit explorer">
        Every decision this node made, newest first. Open an event for its sequence number and hash.
      </PageHeader>
      <Paper withBorder p="md" mb="md">
        <form onSubmit={search} aria-label="Audit filters">
          <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }}>
            <TextInput
              label="Actor"
              description="A user name (e.g. alice) or the subject an event records"
              value={form.actor}
              onChange={(e) => set('actor', e.currentTarget.value)}
            />
            <TextInput
              label="Dataset"
              value={form.datasetId}
              onChange={(e) => set('datasetId', e.currentTarget.value)}
            />
            <TextInput
              label="Action"
              placeholder="e.g. graphql:query beacon"
              value={form.action}
              onChange={(e) => set('action', e.currentTarget.value)}
            />
            <Select
              label="Outcome"
              placeholder="Any"
              clearable
              data={[
                { value: 'ALLOW', label: 'allow' },
                { value: 'DENY', label: 'deny' },
                { value: 'ERROR', label: 'error' },
              ]}
              value={form.outcome || null}
              onChange={(v) => set('outcome', v ?? '')}
            />
            <TextInput
              type="datetime-local"
              label="From"
              value={form.from}
              onChange={(e) => set('from', e.currentTarget.value)}
            />
            <TextInput
              type="datetime-local"
              label="To"
              value={form.to}
              onChange={(e) => set('to', e.currentTarget.value)}
              error={problems.to}
            />
          </SimpleGrid>
          <Group mt="sm">
            <Button type="submit">Search</Button>
            <Button
              variant="default"
              onClick={() => {
                setForm(emptyFilter);
                setProblems({});
                setFilter({});
                setCursors([null]);
              }}
            >
              Clear
            </Button>
          </Group>
        </form>
      </Paper>
      <ApiErrorAlert error={error} />
      {fetching && !data ? <Loading /> : null}
      {page && !blocked && page.events.length === 0 ? <Empty title="No event matches these filters" /> : null}
      {page && !blocked && page.events.length > 0 ? (
        <Table.ScrollContainer minWidth={800}>
          <Table withTableBorder highlightOnHover verticalSpacing={4} aria-label="Audit events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Seq</Table.Th>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Actor</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Datasets</Table.Th>
                <Table.Th scope="col">Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.events.map((e) => (
                <Table.Tr key={e.seq} data-testid="audit-row">
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => setOpen(e)}
                      aria-label={`Open event ${e.seq}`}
                      className="mono"
                      td="underline"
                    >
                      {e.seq}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{fmtDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    {e.actorPerson ? (
                      <PersonLabel person={e.actorPerson} />
                    ) : (
                      <Text span size="sm">
                        {e.actor}
                        {e.institution ? ` · ${e.institution}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="mono">{e.action}</Table.Td>
                  <Table.Td>{e.datasetIds.join(', ')}</Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME_COLOR[e.outcome] ?? 'gray'}>{enumWord(e.outcome)}</Badge>{' '}
                    {e.reason ? (
                      <Text span size="xs">
                        {e.reason}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Group mt="sm">
        <Button
          variant="default"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          variant="default"
          disabled={!page?.pageInfo.hasNextPage}
          onClick={() => {
            const next = page?.pageInfo.endCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Older
        </Button>
        <Text size="sm" c="dimmed">
          Page {cursors.length} · {PAGE} per page
        </Text>
      </Group>
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `Event ${open.seq}` : ''}
        position="right"
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close event detail' }}
      >
        {open ? <EventDetail e={open} /> : null}
      </Drawer>
    </>
  );
}
