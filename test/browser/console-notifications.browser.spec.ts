import type { Browser, Page } from 'playwright-core';
import { freePort } from '../support/oidc-provider-process';
import { launchChromium, newPage } from './support/browser';
import { NodeUnderTest } from './support/node-under-test';
import { checkScreen, SignInScreen } from './support/pages';

const PASSWORD = 'a passphrase for the notifications journey';
const DATASET = 'demo-cgi-chr7';

/**
 * The notification and grant-lifecycle screens in Debian's Chromium against the built gateway (`--demo`,
 * embedded database): a researcher's preferences, renewal and close-out on the request page, and the
 * administrator's dead-letter list (webhooks to a closed port die after one attempt) with its retry.
 */
describe('Helixgate Console: notifications, renewal, close-out, dead letters', () => {
  let node: NodeUnderTest;
  let browser: Browser;
  let grantId: string;
  const tokens: Record<string, string> = {};

  const gql = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const signedIn = async (who: string): Promise<Page> => {
    const { page } = await newPage(browser, node.url);
    await (await new SignInScreen(page).open()).signIn(who, PASSWORD);
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  };

  beforeAll(async () => {
    NodeUnderTest.buildConsole();
    const closed = await freePort(); // nothing listens here: every webhook delivery fails
    node = new NodeUnderTest(undefined, {
      HELIXGATE_WEBHOOK_URLS: `http://127.0.0.1:${closed}/hooks`,
      HELIXGATE_WEBHOOK_SECRET: 'browser-test-webhook-secret-0123456789abcdef',
      HELIXGATE_NOTIFY_MAX_ATTEMPTS: '1',
      HELIXGATE_NOTIFY_POLL_MS: '300',
    });
    await node.start();
    node.addUser('nora', 'researcher', 'Nora Researcher', 'University A', PASSWORD);
    node.addUser('stan', 'steward', 'Stan Steward', 'Hospital B', PASSWORD);
    node.addUser('ada', 'admin', 'Ada Admin', 'Hospital B', PASSWORD);
    node.cli(['datasets', 'steward', '--dataset', DATASET, '--user', 'stan']);
    tokens.nora = node.cli(['tokens', 'issue', '--user', 'nora', '--bona-fide']).trim();
    tokens.stan = node.cli(['tokens', 'issue', '--user', 'stan']).trim();
    const s = await gql(
      'nora',
      `mutation($i: SubmitAccessRequestInput!) { submitAccessRequest(input: $i) { id } }`,
      {
        i: {
          datasetId: DATASET,
          projectTitle: 'Follow-up of EGFR carriers',
          justification: 'Compare somatic calls near EGFR with our tumour/normal pairs.',
          ethicsRef: 'IRB-2026-301',
          purpose: {
            category: 'DISEASE_SPECIFIC',
            diseases: ['MONDO:0007254'],
            commercial: false,
            forProfitOrganization: false,
          },
        },
      },
    );
    grantId = s.submitAccessRequest.id;
    await gql(
      'stan',
      `mutation($id: ID!, $e: DateTime!) { approveAccessRequest(id: $id, expiresAt: $e) { id } }`,
      {
        id: grantId,
        e: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      },
    );
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('a researcher chooses where and which notifications are e-mailed', async () => {
    const page = await signedIn('nora');
    await page.getByRole('link', { name: 'My notifications' }).click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await page.getByLabel('E-mail address').fill('nora@university-a.example');
    await page.getByLabel('A committee member voted on a request I handle').uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await checkScreen(page, 'n1-notification-preferences');
    await page.reload();
    await page.getByLabel('E-mail address').waitFor();
    expect(await page.getByLabel('E-mail address').inputValue()).toBe('nora@university-a.example');
    expect(await page.getByLabel('A committee member voted on a request I handle').isChecked()).toBe(false);
    expect(await page.getByLabel('My grant ends soon (reminders)').isChecked()).toBe(true);
  });

  it('a researcher asks to renew a grant from its page; the renewal links back to it', async () => {
    const page = await signedIn('nora');
    await page.goto(`/console/requests/${grantId}`);
    await page.getByRole('heading', { name: 'Grant lifecycle' }).waitFor();
    await page.getByRole('button', { name: 'Request renewal…' }).click();
    await page
      .getByLabel(/Why the project continues/)
      .fill('The follow-up cohort continues for one more year.');
    await page.getByRole('button', { name: 'Submit renewal request' }).click();
    await page.getByText('Renewal submitted').waitFor();
    await checkScreen(page, 'n2-renewal-requested');
    await page.getByRole('link', { name: 'open the new request' }).click();
    // the renewal's page links back to the grant it renews
    await page.getByRole('link', { name: grantId }).waitFor();
    expect(page.url()).not.toContain(grantId);
  });

  it('after the grant ends (revoked), the researcher records the close-out', async () => {
    await gql(
      'stan',
      `mutation($id: ID!) { revokeAccessGrant(id: $id, reason: "project ended early") { id } }`,
      {
        id: grantId,
      },
    );
    const page = await signedIn('nora');
    await page.goto(`/console/requests/${grantId}`);
    await page.getByText('Close-out due: the grant has ended.').waitFor();
    await page.getByRole('button', { name: 'Close out project…' }).click();
    await page.getByLabel('Attest that every copy of the data is deleted').check();
    await page
      .getByLabel('Attestation')
      .fill('Every copy of the data was deleted from our servers on 6 December.');
    await page.getByRole('button', { name: 'Record close-out' }).click();
    await page.getByText('Closed out').waitFor();
    await checkScreen(page, 'n3-closed-out');
    expect(await page.getByRole('button', { name: 'Close out project…' }).count()).toBe(0);
  });

  it('the administrator sees the dead letters and retries one; others do not see the screen', async () => {
    const page = await signedIn('ada');
    await page.getByRole('link', { name: 'Deliveries & dead letters' }).click();
    const table = page.getByRole('table', { name: 'Notification deliveries' });
    await table.waitFor({ timeout: 30_000 });
    await table.getByText('request.submitted').first().waitFor();
    await table
      .getByText(/webhook/)
      .first()
      .waitFor();
    await checkScreen(page, 'n4-dead-letters');
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(4); // submitted, approved, revoked, closeout.due, renewal, close-out
    await table.getByRole('button', { name: 'Retry' }).first().click();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('api-error').count()).toBe(0);
    const researcher = await signedIn('nora');
    expect(await researcher.getByRole('link', { name: 'Deliveries & dead letters' }).count()).toBe(0);
  });
});
