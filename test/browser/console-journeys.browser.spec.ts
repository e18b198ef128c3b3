import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  freePort,
  policiesWithProvider,
  startOidcProvider,
  type TestOidcProvider,
} from '../support/oidc-provider-process';
import { launchChromium, newPage, SCREENSHOTS } from './support/browser';
import { NodeUnderTest } from './support/node-under-test';
import {
  checkScreen,
  Navigation,
  RequestForm,
  SignInScreen,
  StewardsScreen,
  UsersScreen,
  VariantSearch,
} from './support/pages';

const PASSWORDS = {
  alice: 'alice researcher passphrase',
  sam: 'sam steward passphrase',
  carol: 'carol compliance passphrase',
  ada: 'ada administrator passphrase',
} as const;
type Person = keyof typeof PASSWORDS;
const CONTROLLED = 'demo-cgi-chr7';
const PROJECT = 'EGFR region in breast cancer';
const isoDay = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86400_000).toISOString().slice(0, 10);

/**
 * The README walkthrough through the console, in Debian's Chromium, against the built gateway started as
 * `npm start` starts it (demo datasets, embedded database), with an institutional OpenID Connect provider
 * trusted for sign-in. The tests run in order: each role's step builds on the one before, as in the README.
 */
describe('Helixgate Console in a browser: the three roles of the README walkthrough', () => {
  let node: NodeUnderTest;
  let provider: TestOidcProvider;
  let browser: Browser;
  const pages = new Map<Person, Page>();

  beforeAll(async () => {
    NodeUnderTest.buildConsole();
    const port = await freePort();
    provider = await startOidcProvider([`http://127.0.0.1:${port}/auth/oidc/uni-y/callback`]);
    node = new NodeUnderTest(undefined, {
      PORT: String(port),
      HELIXGATE_POLICIES_DIR: policiesWithProvider(provider.issuer),
      HELIXGATE_GRAPHQL_PLAYGROUND: 'true',
    });
    await node.start();
    node.addUser('alice', 'researcher', 'Alice Andersen', 'University A', PASSWORDS.alice);
    node.addUser('sam', 'steward', 'Sam Steward', 'Hospital B', PASSWORDS.sam);
    node.addUser('carol', 'compliance', 'Carol Compliance', 'Hospital B', PASSWORDS.carol);
    node.addUser('ada', 'admin', 'Ada Admin', 'Hospital B', PASSWORDS.ada);
    node.cli(['datasets', 'steward', '--dataset', CONTROLLED, '--user', 'sam']);
    node.cli(['datasets', 'steward', '--dataset', 'demo-1kg-mt', '--user', 'sam']);
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    await provider?.stop();
  });

  /** The signed-in page of a person (each in their own browser context: their own cookies). */
  const as = async (who: Person): Promise<Page> => {
    let page = pages.get(who);
    if (!page) {
      page = (await newPage(browser, node.url)).page;
      await (await new SignInScreen(page).open()).signIn(who, PASSWORDS[who]);
      pages.set(who, page);
    }
    return page;
  };

  it('a researcher signs in with a password and sees the catalogue with consents as pills', async () => {
    const { page } = await newPage(browser, node.url);
    await new SignInScreen(page).open();
    await checkScreen(page, '01-sign-in');
    await new SignInScreen(page).signIn('alice', PASSWORDS.alice);
    pages.set('alice', page);
    await page.getByRole('heading', { name: 'Datasets' }).waitFor();
    await page.getByText('Disease-specific research: breast cancer', { exact: false }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Alice Andersen');
    await checkScreen(page, '02-researcher-catalogue');
  });

  it('without a grant, a record query of the CONTROLLED dataset is refused, saying what is missing', async () => {
    const page = await as('alice');
    const search = new VariantSearch(page);
    await search.open(CONTROLLED);
    await search.ask({ chromosome: '7', position: '55003988', ref: 'A', alt: 'G', answer: 'Records' });
    const error = page.getByTestId('api-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/CONTROLLED.*FORBIDDEN/s);
    await checkScreen(page, '03-search-refused');
  });

  it('a researcher requests access and sees the DUO match per code before submitting', async () => {
    const page = await as('alice');
    await page.goto('/console/datasets');
    await page
      .getByRole('article', { name: /Complete Genomics/ })
      .getByRole('link', { name: 'Request access' })
      .click();
    await page.getByRole('heading', { name: 'Request access' }).waitFor();
    const form = new RequestForm(page);
    await form.fill({
      title: PROJECT,
      justification: 'Compare somatic calls near EGFR with our tumour/normal pairs.',
      ethics: 'IRB-2026-117',
      disease: 'breast cancer',
    });
    const match = page.getByRole('table', { name: 'How your purpose matches, per DUO code' });
    await match.waitFor();
    await match.locator('tr[data-verdict="APPROVE"]').first().waitFor();
    expect(await match.locator('tr[data-verdict]').count()).toBeGreaterThanOrEqual(2);
    await checkScreen(page, '04-request-form-duo-match');
    await form.submit();
    await page.getByRole('heading', { name: PROJECT }).waitFor();
    expect(await page.getByTestId('request-status').first().textContent()).toBe('submitted');
    await checkScreen(page, '05-request-submitted');
  });

  it('the form refuses an incomplete request before sending it', async () => {
    const page = await as('alice');
    await page.goto('/console/requests/new');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByText('Choose the dataset').waitFor();
    await page.getByText('Give the project a title').waitFor();
    await page.goto('/console/requests');
    await page.getByRole('row', { name: new RegExp(PROJECT) }).waitFor();
    expect(await page.getByRole('table', { name: 'My access requests' }).locator('tbody tr').count()).toBe(1);
  });

  it('a steward sees the request in the queue, with the applicant by name, and approves it with an end date', async () => {
    const page = await as('sam');
    await page.getByRole('heading', { name: 'Request queue' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(PROJECT) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Alice Andersen');
    expect(await row.textContent()).toContain('University A');
    await checkScreen(page, '06-steward-queue');
    await row.getByRole('link', { name: PROJECT }).click();
    await page.getByRole('table', { name: 'DUO match per code' }).waitFor();
    await page.getByRole('button', { name: 'Approve…' }).click();
    // More than the three years a grant may last: the form refuses before sending.
    await page.getByLabel(/^Grant ends on/).fill(isoDay(4 * 365));
    await page.getByRole('button', { name: 'Confirm approval' }).click();
    await page.getByText('At most three years').waitFor();
    await page.getByLabel(/^Grant ends on/).fill(isoDay(400));
    await checkScreen(page, '07-steward-request-approve');
    await page.getByRole('button', { name: 'Confirm approval' }).click();
    await page.getByTestId('request-status').filter({ hasText: 'approved' }).first().waitFor();
    await page
      .getByText(/grant ends/)
      .first()
      .waitFor();
  });

  it('with the grant, the researcher’s record query returns carriers; the grant and its visa are listed', async () => {
    const page = await as('alice');
    const search = new VariantSearch(page);
    await search.open(CONTROLLED);
    await search.ask({ chromosome: '7', position: '55003988', ref: 'A', alt: 'G', answer: 'Records' });
    const result = page.getByTestId(`result-${CONTROLLED}`);
    await result.getByRole('table').waitFor();
    expect(await result.textContent()).toMatch(/HCC1187-H-200-37-ASM-[NT]1/);
    expect(await result.getByTestId('guard-note').textContent()).toMatch(
      /Record-level answer under your grant/,
    );
    await checkScreen(page, '08-search-records');
    await new Navigation(page).go('My grants');
    await page.getByRole('table', { name: 'Active grants' }).getByText(CONTROLLED).waitFor();
    await page.getByRole('button', { name: 'Download visa' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download visa' }).click(),
    ]);
    const jwt = fs.readFileSync(await download.path(), 'utf8').trim();
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as {
      ga4gh_visa_v1: { type: string };
    };
    expect(claims.ga4gh_visa_v1.type).toBe('ControlledAccessGrants');
    await checkScreen(page, '09-my-grants');
  });

  it('a steward revokes the grant and the researcher is refused again at once', async () => {
    const sam = await as('sam');
    await sam.getByRole('button', { name: 'Revoke grant…' }).click();
    await sam.getByRole('button', { name: 'Confirm revocation' }).click();
    await sam.getByText('Write the reason (the researcher sees it)').waitFor(); // checked before sending
    await sam.getByLabel(/^Reason/).fill('data shared outside the project');
    await sam.getByRole('button', { name: 'Confirm revocation' }).click();
    await sam.getByTestId('request-status').filter({ hasText: 'revoked' }).first().waitFor();
    const alice = await as('alice');
    const search = new VariantSearch(alice);
    await search.open(CONTROLLED);
    await search.ask({ chromosome: '7', position: '55003988', ref: 'A', alt: 'G', answer: 'Records' });
    expect(await alice.getByTestId('api-error').textContent()).toMatch(/FORBIDDEN/);
  });

  it('a steward edits a dataset’s consent (validated), and a refused edit says why and changes nothing', async () => {
    const page = await as('sam');
    await page.goto(`/console/datasets/${CONTROLLED}`);
    await page.getByRole('heading', { name: 'Consent (DUO)' }).waitFor();
    await page.getByRole('combobox', { name: 'Modifiers' }).click();
    await page.getByRole('option', { name: /^TS — Time limit/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save consent' }).click();
    await page.getByText('Months: 1 to 1200').waitFor(); // the form checks the parameter first
    await page.getByLabel(/^TS: months of use/).fill('24');
    await page.getByRole('button', { name: 'Save consent' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.reload();
    await page.getByText('Time limit on use (24 months)').waitFor();
    // The dataset's ingest history: the demo load, with its counts and who loaded it.
    const ingest = page.getByTestId('ingest-row').first();
    await ingest.waitFor();
    expect(await ingest.textContent()).toMatch(/cgi_hcc1187_chr7-sub_2s\.vcf\.gz.*helixgate-demo/s);
    await checkScreen(page, '10-steward-dataset');
    // Sam does not steward the public dataset: the API refuses, the screen shows the code.
    await page.goto('/console/datasets/demo-1kg-chr20');
    await page.getByRole('button', { name: 'Save consent' }).click();
    const refused = page.getByTestId('api-error').filter({ hasText: /consent/ });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/FORBIDDEN/);
    // Nor does he see that dataset's ingest history: the section says why.
    expect(await page.getByTestId('ingest-history').getByTestId('api-error').textContent()).toMatch(
      /only the stewards of dataset demo-1kg-chr20 and administrators see its ingest history.*FORBIDDEN/s,
    );
    await page.reload();
    await page.getByText('General research use').first().waitFor();
  });

  it('a steward withdraws a participant after typing the sample id twice', async () => {
    const page = await as('sam');
    await page.goto(`/console/datasets/${CONTROLLED}`);
    await page.getByLabel(/^Sample id to withdraw/).fill('HCC1187-H-200-37-ASM-T1');
    await page.getByLabel(/^Type the sample id again/).fill('HCC1187-H-200-37-ASM-T');
    await page.getByRole('button', { name: 'Withdraw participant' }).click();
    await page.getByText('Type the same sample id to confirm').waitFor();
    await page.getByLabel(/^Type the sample id again/).fill('HCC1187-H-200-37-ASM-T1');
    await page.getByRole('button', { name: 'Withdraw participant' }).click();
    await page.getByText('Participant withdrawn').waitFor({ timeout: 60_000 });
    await checkScreen(page, '11-steward-withdrawal');
    await page.reload();
    await page.getByText('1 individuals').waitFor();
  });

  it('a compliance officer searches the audit trail and opens an event with its seq and hash', async () => {
    const page = await as('carol');
    await page.getByRole('heading', { name: 'Audit explorer' }).waitFor();
    await page.getByLabel('Dataset').fill(CONTROLLED);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('audit-row').first().waitFor();
    await checkScreen(page, '12-audit-explorer');
    await page.getByTestId('audit-row').first().getByRole('button').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Previous hash').waitFor();
    expect(await drawer.textContent()).toMatch(/[0-9a-f]{64}/);
    await checkScreen(page, '13-audit-event');
    await page.keyboard.press('Escape');
  });

  it('a compliance officer sees activity plots and drills down from a refused count to the events', async () => {
    const page = await as('carol');
    await new Navigation(page).go('Activity');
    await page.getByRole('figure', { name: 'Events by outcome over time' }).locator('svg').first().waitFor();
    await page.getByRole('table', { name: 'Top actors' }).waitFor();
    // Top actors by name and institution, not by subject.
    const actors = await page.getByTestId('top-actor').allTextContents();
    expect(actors).toEqual(expect.arrayContaining(['Alice Andersen', 'Sam Steward']));
    await checkScreen(page, '14-audit-activity');
    await page.getByRole('link', { name: 'All refused requests in this range' }).click();
    await page.getByRole('heading', { name: 'Audit explorer' }).waitFor();
    await page.getByTestId('audit-row').first().waitFor();
    const outcomes = await page.getByTestId('audit-row').locator('td:last-child').allTextContents();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.startsWith('deny'))).toBe(true);
  });

  it('a compliance officer verifies the chain, sees who decrypted what, and exports with a signed manifest', async () => {
    const page = await as('carol');
    await new Navigation(page).go('Integrity');
    await page.getByTestId('integrity-result').filter({ hasText: 'The audit trail is intact' }).waitFor();
    await checkScreen(page, '15-audit-integrity');
    await new Navigation(page).go('Participant access');
    await page.getByLabel(/^Dataset/).fill(CONTROLLED);
    await page.getByRole('button', { name: 'Show history' }).click();
    await page.getByRole('table', { name: 'Decryptions' }).waitFor();
    await checkScreen(page, '16-participant-access');
    await new Navigation(page).go('Exports');
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole('button', { name: 'Export and download' }).click();
    await page.getByTestId('export-manifest').waitFor();
    expect(await page.getByTestId('export-manifest').textContent()).toMatch(/events · sha256 [0-9a-f]{64}/);
    for (let i = 0; i < 50 && downloads.length < 2; i++) await page.waitForTimeout(100);
    expect(downloads.sort()).toEqual([
      expect.stringMatching(/\.ndjson$/),
      expect.stringMatching(/\.manifest\.jws$/),
    ]);
    await checkScreen(page, '17-audit-export');
  });

  it('a steward signs in with their institution’s OpenID Connect provider', async () => {
    const { page } = await newPage(browser, node.url);
    await new SignInScreen(page).open();
    await page.getByRole('link', { name: 'Sign in with University Y' }).click();
    // The provider's own screens: its login form, then its consent prompt.
    await page.locator('input[name="login"]').fill('dana.steward');
    await page.locator('input[name="password"]').fill('any password: the test provider checks none');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Dana Steward');
    await page.getByRole('heading', { name: 'Request queue' }).waitFor();
    await page.getByTestId('empty-state').waitFor();
    await checkScreen(page, '18-oidc-steward-empty-queue');
  });

  it('a developer opens GraphiQL at /graphql (bundled, under the CSP) and runs a query', async () => {
    const { page } = await newPage(browser, node.url);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/graphql');
    // GraphiQL loads the schema (introspection) first; run the query once it is ready.
    const result = page.locator('.graphiql-response');
    for (let i = 0; i < 20 && !(await result.textContent())?.includes('demo-1kg-chr20'); i++) {
      await page.locator('.graphiql-execute-button').click();
      await page.waitForTimeout(1000);
    }
    expect(await result.textContent()).toContain('"demo-1kg-chr20"');
    await page.screenshot({ path: `${SCREENSHOTS}/19-graphiql.png` });
    expect(errors).toEqual([]);
  });

  it('an administrator adds a user with an invitation, grants and removes roles; a steward is refused', async () => {
    const page = await as('ada');
    const users = new UsersScreen(page);
    await users.open();
    await users.row('alice').waitFor();
    expect(await users.row('sam').textContent()).toMatch(/Sam Steward.*Hospital B.*steward/s);
    const link = await users.addUser({
      username: 'nina',
      name: 'Nina New',
      institution: 'University N',
      roles: ['Researcher'],
    });
    expect(link).toMatch(/\/console\/invitation#[A-Za-z0-9_-]{43}$/);
    await users.row('nina').waitFor();
    await users.grant('Nina New', 'Data steward');
    await users.row('nina').getByText('steward', { exact: true }).waitFor();
    await users.revoke('Nina New', 'researcher');
    await users.row('nina').getByText('researcher', { exact: true }).waitFor({ state: 'detached' });
    await checkScreen(page, '20-admin-users');
    // The invitation sets Nina's password once; she signs in as a steward.
    const { page: nina } = await newPage(browser, node.url);
    await nina.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await nina
      .getByLabel(/^New password/)
      .and(nina.locator('input'))
      .fill('nina steward passphrase');
    await nina
      .getByLabel(/^Repeat the password/)
      .and(nina.locator('input'))
      .fill('nina steward passphrase');
    await nina.getByRole('button', { name: 'Set password and sign in' }).click();
    await nina.getByTestId('signed-in-as').waitFor();
    expect(await nina.getByTestId('signed-in-as').textContent()).toBe('Nina New');
    // A steward cannot open the users screen: it says whom the page is for, and offers no form.
    const sam = await as('sam');
    await sam.goto('/console/admin/users');
    const refused = sam.getByTestId('role-gate');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/This page is for administrators\./);
    expect(await sam.getByLabel(/^Username/).count()).toBe(0);
  });

  it('an administrator assigns and removes dataset stewards', async () => {
    const page = await as('ada');
    const stewards = new StewardsScreen(page);
    await stewards.open();
    await stewards.card(CONTROLLED).getByText('Sam Steward').waitFor();
    await stewards.assign('demo-1kg-chr20', 'Nina New · University N');
    await stewards.card('demo-1kg-chr20').getByTestId('steward').filter({ hasText: 'Nina New' }).waitFor();
    await checkScreen(page, '21-admin-stewards');
    await stewards.remove(
      'demo-1kg-chr20',
      '1000 Genomes Phase 3, chr20:1-4 Mb (300 individuals)',
      'Nina New',
    );
    await stewards
      .card('demo-1kg-chr20')
      .getByTestId('steward')
      .filter({ hasText: 'Nina New' })
      .waitFor({ state: 'detached' });
  });

  it('an administrator sees the peers with their live status and the node identity', async () => {
    // The node's certificate, and two peers: this node itself (a real signed hello) and one that is down.
    node.cli(['node', 'init']);
    const id = JSON.parse(node.cli(['node', 'show', '--json'])) as {
      nodeId: string;
      issuer: string;
      keyThumbprints: string[];
    };
    node.cli([
      'peers',
      'add',
      '--id',
      id.nodeId,
      '--url',
      node.url,
      '--issuer',
      id.issuer,
      ...id.keyThumbprints.flatMap((t) => ['--thumbprint', t]),
      '--insecure',
    ]);
    node.cli([
      'peers',
      'add',
      '--id',
      'down-beacon',
      '--kind',
      'beacon-v2',
      '--url',
      'http://127.0.0.1:9/api',
      '--insecure',
    ]);
    const page = await as('ada');
    await new Navigation(page).go('Peers');
    const self = page.getByTestId(`peer-${id.nodeId}`);
    await self.getByTestId('peer-status').filter({ hasText: 'ok' }).waitFor();
    expect(await page.getByTestId('peer-down-beacon').getByTestId('peer-status').textContent()).toBe('error');
    expect(await page.getByTestId('peer-down-beacon').textContent()).toMatch(/unreachable/);
    await checkScreen(page, '22-admin-peers');
    await new Navigation(page).go('Node identity');
    await page.getByTestId('cert-sha256').waitFor();
    expect(await page.getByTestId('node-id').textContent()).toBe(id.nodeId);
    expect(await page.getByTestId('cert-subject').textContent()).toContain(`CN=${id.nodeId}`);
    expect(await page.getByTestId('signing-key').textContent()).toBe(id.keyThumbprints.at(-1));
    expect(await page.getByTestId('cert-expiry').textContent()).toMatch(/^36[45] days left$/);
    await checkScreen(page, '23-admin-node');
  });

  it('a researcher searches the network and sees each node’s status', async () => {
    const page = await as('alice');
    await page.goto('/console/search');
    await page.getByRole('heading', { name: 'Variant search' }).waitFor();
    await page.getByText('The network', { exact: true }).click();
    // 20:1000851 G>A is in the PUBLIC chr20 demo dataset: this node and its peer (itself) both have it.
    await page.getByLabel(/^Chromosome/).fill('20');
    await page.getByLabel(/^Position/).fill('1000851');
    await page.getByLabel(/^Reference bases/).fill('G');
    await page.getByLabel(/^Alternate bases/).fill('A');
    await page.getByRole('button', { name: 'Search' }).click();
    const nodes = page.getByRole('table', { name: 'Status of each node' });
    await nodes.waitFor();
    expect(await page.getByTestId('node-local').getByTestId('node-status').textContent()).toBe('ok');
    expect(await page.getByTestId('node-down-beacon').getByTestId('node-status').textContent()).toBe('error');
    expect(await page.getByTestId('network-summary').textContent()).toMatch(/Found in the network/);
    await checkScreen(page, '24-network-search');
  });

  it('signing out ends the session: the console asks to sign in again', async () => {
    const page = await as('carol');
    await new Navigation(page).signOut();
    await page.goto('/console/audit');
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(page.url()).toContain('/console/sign-in?returnTo=%2Faudit');
  });
});
