import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fromValue, never } from 'wonka';
import { Provider, type Client } from 'urql';
import RequestFormPage from './RequestFormPage';

const CONSENT = {
  permission: 'DS',
  diseases: ['MONDO:0007254'],
  modifiers: [{ code: 'IRB', months: null, moratoriumUntil: null, note: null, region: null }],
};
const FORM_DATA = {
  datasetPage: {
    datasets: [{ id: 'demo-cgi-chr7', name: 'HCC1187 chr7', securityLevel: 'CONTROLLED', consent: CONSENT }],
    pageInfo: { hasNextPage: false, endCursor: null },
  },
};
const BREAST_CANCER = { id: 'MONDO:0007254', label: 'breast cancer' };
const MATCH = {
  matchResearchPurpose: {
    outcome: 'NEEDS_REVIEW',
    reasons: [
      { code: 'DS', verdict: 'APPROVE', reason: 'disease-specific research within the consented diseases' },
      {
        code: 'IRB',
        verdict: 'NEEDS_REVIEW',
        reason: 'ethics approval required; a steward verifies approval',
      },
    ],
  },
};

/** A GraphQL client that answers from fixtures and records what was sent (the form is the unit under test). */
function fakeClient(sent: { name: string; variables: unknown }[]): Client {
  return {
    executeQuery: ({
      query,
      variables,
    }: {
      query: { definitions: { name?: { value: string } }[] };
      variables: unknown;
    }) => {
      const name = query.definitions[0].name?.value ?? '';
      sent.push({ name, variables });
      if (name === 'RequestFormData') return fromValue({ data: FORM_DATA, stale: false, hasNext: false });
      if (name === 'MatchPurpose') return fromValue({ data: MATCH, stale: false, hasNext: false });
      if (name === 'DiseaseTerms') {
        const v = variables as { search: string | null; ids: string[] | null };
        const hits =
          (v.search && 'breast cancer'.includes(v.search.toLowerCase())) || v.ids?.includes(BREAST_CANCER.id);
        return fromValue({
          data: { diseaseTerms: hits ? [BREAST_CANCER] : [] },
          stale: false,
          hasNext: false,
        });
      }
      return never;
    },
    executeMutation: ({
      query,
      variables,
    }: {
      query: { definitions: { name?: { value: string } }[] };
      variables: unknown;
    }) => {
      sent.push({ name: query.definitions[0].name?.value ?? '', variables });
      return fromValue({
        data: { submitAccessRequest: { id: 'r1', status: 'SUBMITTED' } },
        stale: false,
        hasNext: false,
      });
    },
    executeSubscription: () => never,
  } as unknown as Client;
}

function renderForm(sent: { name: string; variables: unknown }[]) {
  return render(
    <MantineProvider>
      <Provider value={fakeClient(sent)}>
        <MemoryRouter initialEntries={['/requests/new?dataset=demo-cgi-chr7']}>
          <Routes>
            <Route path="/requests/new" element={<RequestFormPage />} />
            <Route path="/requests/:id" element={<p>request page</p>} />
          </Routes>
        </MemoryRouter>
      </Provider>
    </MantineProvider>,
  );
}

describe('RequestFormPage', () => {
  it('refuses to send an incomplete request and says what is missing', async () => {
    const sent: { name: string; variables: unknown }[] = [];
    renderForm(sent);
    await userEvent.click(await screen.findByRole('button', { name: 'Submit request' }));
    expect(await screen.findByText('Give the project a title')).toBeInTheDocument();
    expect(screen.getByText(/Explain why you need the data/)).toBeInTheDocument();
    expect(screen.getByText('Choose what kind of research this is')).toBeInTheDocument();
    expect(sent.map((s) => s.name)).not.toContain('SubmitAccessRequest');
  });

  it('clears an error as soon as its field is fixed, keeping the others until they are', async () => {
    const sent: { name: string; variables: unknown }[] = [];
    renderForm(sent);
    await userEvent.click(await screen.findByRole('button', { name: 'Submit request' }));
    expect(await screen.findByText('Give the project a title')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Project title/), 'EGFR region');
    expect(screen.queryByText('Give the project a title')).toBeNull();
    expect(screen.getByText(/Explain why you need the data/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Justification/), 'Too short');
    expect(screen.getByText(/Explain why you need the data/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Justification/), ' - now long enough to pass.');
    expect(screen.queryByText(/Explain why you need the data/)).toBeNull();
    expect(screen.getByText('Choose what kind of research this is')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: /Kind of research/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'General research', hidden: true }));
    expect(screen.queryByText('Choose what kind of research this is')).toBeNull();
    expect(sent.map((s) => s.name)).not.toContain('SubmitAccessRequest');
  });

  it('shows the DUO match per code live, with NEEDS_REVIEW highlighted, then submits the coded purpose', async () => {
    const sent: { name: string; variables: unknown }[] = [];
    renderForm(sent);
    await userEvent.type(await screen.findByLabelText(/Project title/), 'EGFR region');
    await userEvent.type(
      screen.getByLabelText(/^Justification/),
      'Compare somatic calls near EGFR with our pairs.',
    );
    await userEvent.type(screen.getByLabelText(/Ethics approval reference/), 'IRB-2026-117');
    await userEvent.click(screen.getByRole('combobox', { name: /Kind of research/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Research on a specific disease', hidden: true }),
    );
    // Disease-specific without a disease is not matched yet (it would be refused).
    expect(sent.some((s) => s.name === 'MatchPurpose')).toBe(false);
    // The MONDO picker searches the node as one types.
    await userEvent.type(screen.getByRole('combobox', { name: /Diseases/ }), 'breast');
    await userEvent.click(
      await screen.findByRole('option', { name: /breast cancer/, hidden: true }, { timeout: 3000 }),
    );
    expect(
      sent.some((s) => s.name === 'DiseaseTerms' && (s.variables as { search: string }).search === 'breast'),
    ).toBe(true);
    const table = await screen.findByRole('table', { name: /How your purpose matches/ }, { timeout: 3000 });
    const review = within(table).getByText('IRB').closest('tr')!;
    expect(review).toHaveAttribute('data-verdict', 'NEEDS_REVIEW');
    expect(review.getAttribute('style')).toContain('yellow');
    await userEvent.click(screen.getByRole('button', { name: 'Submit request' }));
    await waitFor(() => expect(screen.getByText('request page')).toBeInTheDocument());
    const submit = sent.find((s) => s.name === 'SubmitAccessRequest')!;
    expect(submit.variables).toMatchObject({
      input: {
        datasetId: 'demo-cgi-chr7',
        projectTitle: 'EGFR region',
        ethicsRef: 'IRB-2026-117',
        purpose: { category: 'DISEASE_SPECIFIC', diseases: ['MONDO:0007254'], commercial: false },
      },
    });
  });
});
