import { Anchor, Badge, Chip, Group, Select, Stack } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { DataTable } from '@/components/DataTable';
import { VerdictBadge } from '@/components/DuoMatchTable';
import { daysBetween, fmtDate, PersonLabel, StatusBadge } from '@/components/format';
import { Empty, Loading, PageHeader } from '@/components/states';
import type { RequestSummaryFragment } from '@/gql/graphql';
import { countByState, filterQueue, useStewardedRequests, type QueueFilter } from './queue-filter';

const STATES = ['SUBMITTED', 'RETURNED', 'APPROVED', 'EXPIRED', 'REJECTED', 'REVOKED', 'WITHDRAWN'];
const col = createColumnHelper<RequestSummaryFragment>();
const columns = [
  col.accessor('projectTitle', {
    header: 'Project',
    cell: (c) => (
      <Anchor component={Link} to={`/review/${c.row.original.id}`}>
        {c.getValue()}
      </Anchor>
    ),
  }),
  col.accessor((r) => r.applicant.name, {
    id: 'applicant',
    header: 'Applicant',
    cell: (c) => <PersonLabel person={c.row.original.applicant} />,
  }),
  col.accessor('datasetId', { header: 'Dataset' }),
  col.accessor((r) => r.duoMatch.outcome, {
    id: 'match',
    header: 'DUO',
    cell: (c) => <VerdictBadge verdict={c.getValue()} />,
  }),
  col.accessor('status', { header: 'State', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor('createdAt', {
    header: 'Age',
    cell: (c) => `${daysBetween(c.getValue())} d (${fmtDate(c.getValue())})`,
  }),
];

/** Steward: requests for the datasets I steward, filterable by state, dataset and age, with counts. */
export default function QueuePage() {
  const { rows, data, fetching, error } = useStewardedRequests();
  const [filter, setFilter] = useState<QueueFilter>({
    states: ['SUBMITTED'],
    datasetId: null,
    minAgeDays: 0,
  });
  const counts = countByState(rows);
  const shown = filterQueue(rows, filter);
  const datasets = [...new Set(rows.map((r) => r.datasetId))].sort();
  return (
    <>
      <PageHeader title="Request queue">Access requests for the datasets you steward.</PageHeader>
      <ApiErrorAlert error={error} />
      <Stack gap="sm" mb="md">
        <Chip.Group
          multiple
          value={filter.states}
          onChange={(states) => setFilter((f) => ({ ...f, states }))}
        >
          <Group gap="xs" role="group" aria-label="Filter by state">
            {STATES.map((s) => (
              <Chip key={s} value={s} size="sm">
                {s.toLowerCase()}{' '}
                <Badge size="xs" ml={4} variant="filled" color="gray">
                  {counts[s] ?? 0}
                </Badge>
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group gap="sm">
          <Select
            label="Dataset"
            placeholder="All datasets"
            clearable
            data={datasets}
            value={filter.datasetId}
            onChange={(datasetId) => setFilter((f) => ({ ...f, datasetId }))}
            w={260}
          />
          <Select
            label="Waiting for"
            data={[
              { value: '0', label: 'any time' },
              { value: '7', label: 'more than a week' },
              { value: '30', label: 'more than 30 days' },
            ]}
            value={String(filter.minAgeDays)}
            onChange={(v) => setFilter((f) => ({ ...f, minAgeDays: Number(v ?? 0) }))}
            w={200}
            allowDeselect={false}
          />
        </Group>
      </Stack>
      {fetching && !data ? <Loading /> : null}
      {data && shown.length === 0 ? (
        <Empty
          title={rows.length === 0 ? 'No requests for your datasets yet' : 'No request matches these filters'}
        />
      ) : null}
      {shown.length > 0 ? (
        <DataTable
          data={shown}
          columns={columns}
          label="Access requests"
          initialSort={[{ id: 'createdAt', desc: false }]}
          rowTestId={(r) => `queue-${r.id}`}
        />
      ) : null}
    </>
  );
}
