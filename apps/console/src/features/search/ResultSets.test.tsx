import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ResultSetFieldsFragment } from '@/gql/graphql';
import { ResultSets } from './ResultSets';

const set = (over: Partial<ResultSetFieldsFragment>): ResultSetFieldsFragment => ({
  datasetId: 'ds-1',
  exists: true,
  granularity: 'COUNT',
  count: 1,
  precision: 'EXACT',
  countAdjustedTo: null,
  alleleCount: 18,
  alleleNumber: 600,
  alleleFrequency: 0.03,
  hetCarriers: 16,
  homAltCarriers: 1,
  hemiCarriers: 0,
  recordsTruncated: false,
  records: null,
  ...over,
});

const show = (r: ResultSetFieldsFragment) =>
  render(
    <MantineProvider>
      <ResultSets sets={[r]} asked="COUNT" />
    </MantineProvider>,
  );

describe('a dataset’s count answer', () => {
  it('says only "present" when the guard put the counts at the floor (a priced allele): no number, no ≥', () => {
    show(
      set({
        precision: 'IMPRECISE',
        countAdjustedTo: 5,
        alleleCount: 5,
        alleleFrequency: 5 / 600,
        hetCarriers: 5,
        homAltCarriers: 5,
      }),
    );
    const counts = screen.getByTestId('counts').textContent ?? '';
    expect(counts).toMatch(/present — counts withheld by the privacy guard/i);
    expect(counts).not.toMatch(/AC|AN|AF|het|hom|5/);
    expect(screen.getByTestId('guard-note').textContent).not.toMatch(/≥/);
  });

  it('gives a not-found answer no floor note', () => {
    show(
      set({
        exists: false,
        count: 0,
        precision: 'IMPRECISE',
        countAdjustedTo: 5,
        alleleCount: null,
        alleleNumber: null,
        alleleFrequency: null,
        hetCarriers: 0,
        homAltCarriers: 0,
      }),
    );
    expect(screen.getByTestId('guard-note').textContent).toBe('');
    expect(screen.queryByTestId('counts')).toBeNull();
  });

  it('keeps exact and rounded counts', () => {
    show(set({}));
    expect(screen.getByTestId('counts').textContent).toBe(
      '1 matching variant · AC 18 / AN 600 · AF 0.0300 · 16 het, 1 hom-alt carriers',
    );
    expect(screen.getByTestId('guard-note').textContent).toBe('Exact count');
  });
});
