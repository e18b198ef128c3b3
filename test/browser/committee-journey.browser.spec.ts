import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from './support/browser';
import { NodeUnderTest } from './support/node-under-test';
import { checkScreen, SignInScreen } from './support/pages';

const PASSWORDS = {
  alice: 'alice researcher passphrase',
  sam: 'sam steward passphrase',
  carl: 'carl chair passphrase',
  mia: 'mia member passphrase',
  max: 'max member passphrase',
} as const;
type Person = keyof typeof PASSWORDS;
const NAMES: Record<Person, string> = {
  alice: 'Alice Andersen',
  sam: 'Sam Steward',
  carl: 'Carl Chair',
  mia: 'Mia Member',
  max: 'Max Member',
};
const CONTROLLED = 'demo-cgi-chr7';
const PROJECT = 'BRCA1 penetrance, committee review';
const isoDay = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86400_000).toISOString().slice(0, 10);

/** A GraphQL call from a signed-in page: the console session cookie and its CSRF header. */
async function gqlAs<T>(page: Page, query: string, variables: Record<string, unknown>): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'hg_csrf')?.value ?? '';
  const body = await page.evaluate(
    async ({ query, variables, csrf }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as Promise<{ data: unknown; errors?: unknown[] }>;
    },
    { query, variables, csrf },
  );
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

/**
 * A three-member data access committee in the console (docs/committees.md), in Debian's Chromium against the
 * built gateway with the shipped policies (two approvals, no rejection, the chair decides): the handler asks for
 * reviews and the decision, members vote with a rationale from their inbox, the chair's approval is refused
 * while the quorum is not met, a vote is changed, and the chair approves. Steps run in order.
 */
describe('Helixgate Console in a browser: a data access committee reviews and decides', () => {
  let node: NodeUnderTest;
  let browser: Browser;
  let requestId: string;
  const pages = new Map<Person, Page>();

  beforeAll(async () => {
    NodeUnderTest.buildConsole();
    node = new NodeUnderTest();
    await node.start();
    node.addUser('alice', 'researcher', 'Alice Andersen', 'University A', PASSWORDS.alice);
    node.addUser('sam', 'steward', 'Sam Steward', 'Hospital B', PASSWORDS.sam);
    node.addUser('carl', 'dac_chair', 'Carl Chair', 'Ethics Board', PASSWORDS.carl);
    node.addUser('mia', 'dac_member', 'Mia Member', 'University C', PASSWORDS.mia);
    node.addUser('max', 'dac_member', 'Max Member', 'Institute D', PASSWORDS.max);
    node.cli(['datasets', 'steward', '--dataset', CONTROLLED, '--user', 'sam']);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  const as = async (who: Person): Promise<Page> => {
    let page = pages.get(who);
    if (!page) {
      page = (await newPage(browser, node.url)).page;
      await (await new SignInScreen(page).open()).signIn(who, PASSWORDS[who]);
      pages.set(who, page);
    }
    return page;
  };

  it('the steward sets up the committee on the dataset page and the researcher submits a request', async () => {
    const sam = await as('sam');
    await sam.goto(`/console/datasets/${CONTROLLED}`);
    await sam.getByRole('heading', { name: 'Data access committee' }).waitFor();
    for (const [who, chair] of [
      ['carl', true],
      ['mia', false],
      ['max', false],
    ] as const) {
      await sam.getByLabel('Add a member (username)').fill(who);
      if (chair) await sam.getByRole('checkbox', { name: 'Chair' }).check();
      await sam.getByRole('button', { name: 'Add', exact: true }).click();
      await sam.getByTestId('committee-member').filter({ hasText: NAMES[who] }).waitFor();
    }
    expect(await sam.getByTestId('committee-member').count()).toBe(3);
    expect(await sam.getByTestId('committee-member').first().textContent()).toContain('chair');
    await checkScreen(sam, 'committee-00-members');
    const alice = await as('alice');
    const r = await gqlAs<{ submitAccessRequest: { id: string } }>(
      alice,
      'mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id } }',
      {
        i: {
          datasetId: CONTROLLED,
          projectTitle: PROJECT,
          justification: 'Estimate penetrance of BRCA1 variants in this cohort.',
          ethicsRef: 'IRB-2026-117',
          purpose: {
            category: 'DISEASE_SPECIFIC',
            diseases: ['MONDO:0007254'],
            commercial: false,
            forProfitOrganization: false,
          },
        },
      },
    );
    requestId = r.submitAccessRequest.id;
  });

  it('the handler asks two members for a review and the chair for the decision', async () => {
    const sam = await as('sam');
    await sam.goto(`/console/review/${requestId}`);
    await sam.getByRole('heading', { name: 'Review and decision' }).waitFor();
    expect(await sam.getByText('Handled by').locator('..').textContent()).toContain('Sam Steward');
    await sam.getByRole('combobox', { name: 'Ask for a review' }).click();
    await sam.getByRole('option', { name: /Mia Member/ }).click();
    await sam.getByRole('option', { name: /Max Member/ }).click();
    await sam.keyboard.press('Escape');
    await sam.getByRole('combobox', { name: 'Decision by' }).click();
    await sam.getByRole('option', { name: /Carl Chair/ }).click();
    await sam.getByRole('button', { name: 'Ask', exact: true }).click();
    await sam.getByText(/Mia Member.*review, by Sam Steward/).waitFor();
    await checkScreen(sam, 'committee-01-handler-asks');
  });

  it('members find the request in their inbox and vote with a rationale', async () => {
    for (const [who, vote, rationale] of [
      ['mia', 'Approve', 'Disease-specific purpose within the consented HMB scope.'],
      ['max', 'Reject', 'No data management plan attached to the request.'],
    ] as const) {
      const page = await as(who);
      // A committee member lands on the reviews asked of them.
      await page.getByRole('heading', { name: 'Reviews asked of me' }).waitFor();
      const row = page.getByTestId(`review-${requestId}`);
      expect(await row.textContent()).toContain('Alice Andersen');
      expect(await row.textContent()).toContain('to do');
      if (who === 'mia') await checkScreen(page, 'committee-02-inbox');
      await row.getByRole('link', { name: PROJECT }).click();
      await page.getByRole('table', { name: 'DUO match per code' }).waitFor();
      await page.getByRole('button', { name: 'Cast vote' }).click();
      await page.getByText('Choose approve, reject or abstain.').waitFor(); // checked before sending
      await page.getByRole('radio', { name: vote }).check();
      await page.getByLabel(/^Rationale/).fill(rationale);
      if (who === 'mia') await checkScreen(page, 'committee-03-vote-form');
      await page.getByRole('button', { name: 'Cast vote' }).click();
      await page.getByTestId('my-vote').filter({ hasText: vote.toLowerCase() }).waitFor();
    }
  });

  it('the chair sees every vote with its rationale; an approval without quorum is refused', async () => {
    const carl = await as('carl');
    await carl.goto(`/console/committee/${requestId}`);
    const votes = carl.getByRole('table', { name: 'Votes with their rationale' });
    await votes.getByText('No data management plan attached to the request.').waitFor();
    expect(await votes.textContent()).toContain('Mia Member');
    expect(await carl.getByTestId('quorum').textContent()).toMatch(/not met/);
    await checkScreen(carl, 'committee-04-chair-view');
    await carl.getByRole('button', { name: 'Approve…' }).click();
    await carl.getByLabel(/^Grant ends on/).fill(isoDay(365));
    await carl.getByRole('button', { name: 'Confirm approval' }).click();
    expect(await carl.getByTestId('api-error').first().textContent()).toMatch(/QUORUM_NOT_MET/);
    await carl.getByTestId('request-status').filter({ hasText: 'submitted' }).first().waitFor();
  });

  it('a member changes a vote (kept in the record) and the chair approves', async () => {
    const max = await as('max');
    await max.goto(`/console/committee/${requestId}`);
    await max.getByRole('button', { name: 'Change my vote' }).click();
    await max.getByRole('radio', { name: 'Approve' }).check();
    await max.getByLabel(/^Rationale/).fill('The applicant sent the data management plan.');
    await max.getByRole('button', { name: 'Change vote' }).click();
    await max.getByTestId('my-vote').filter({ hasText: 'approve' }).waitFor();
    expect(await max.getByTestId('vote-row').count()).toBe(3);

    const carl = await as('carl');
    await carl.reload();
    await carl.getByTestId('quorum').getByText('met', { exact: true }).waitFor();
    await carl.getByRole('button', { name: 'Approve…' }).click();
    await carl.getByLabel(/^Grant ends on/).fill(isoDay(365));
    await carl.getByRole('button', { name: 'Confirm approval' }).click();
    await carl.getByTestId('request-status').filter({ hasText: 'approved' }).first().waitFor();
  });

  it('the researcher sees the handler and the decision, never the votes', async () => {
    const alice = await as('alice');
    await alice.goto(`/console/requests/${requestId}`);
    await alice.getByTestId('request-status').filter({ hasText: 'approved' }).first().waitFor();
    await alice.getByText('Handled by').waitFor();
    expect(await alice.getByRole('table', { name: 'Votes with their rationale' }).count()).toBe(0);
    expect(await alice.locator('body').textContent()).not.toContain('No data management plan');
    await checkScreen(alice, 'committee-05-researcher-view');
  });
});
