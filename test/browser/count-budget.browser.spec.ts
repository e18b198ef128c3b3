import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from './support/browser';
import { NodeUnderTest } from './support/node-under-test';
import { checkScreen, SignInScreen, VariantSearch } from './support/pages';

const PASSWORD = 'a passphrase for the count budget journey';
const DATASET = 'demo-1kg-chr20';
// chr20:1008482 C>T: 9% in the demo's 203-person panel, present in the dataset: a noisy count of it costs
// about half of the count budget at N = 300 (docs/privacy.md rule 7), so two counts spend it.
const ALLELE = { chromosome: '20', position: '1008482', ref: 'C', alt: 'T' } as const;

/**
 * The researcher's side of the count budget (issue 10), in Debian's Chromium against the built gateway
 * (`--demo`, embedded database): the search asks yes/no by default, choosing counts says what a count costs and
 * how much is left, the refusal once it is spent says so plainly (and yes/no still answers), and the dataset
 * page shows the allowance. Each screen is checked with axe and photographed.
 */
describe('Helixgate Console: a researcher and their count budget', () => {
  let node: NodeUnderTest;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    NodeUnderTest.buildConsole();
    node = new NodeUnderTest();
    await node.start();
    node.addUser('rita', 'researcher', 'Rita Researcher', 'Hospital C', PASSWORD);
    browser = await launchChromium();
    page = (await newPage(browser, node.url)).page;
    await (await new SignInScreen(page).open()).signIn('rita', PASSWORD);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  const fill = async () => {
    await page.getByLabel(/^Chromosome/).fill(ALLELE.chromosome);
    await page.getByLabel(/^Position/).fill(ALLELE.position);
    await page.getByLabel(/^Reference bases/).fill(ALLELE.ref);
    await page.getByLabel(/^Alternate bases/).fill(ALLELE.alt);
  };
  const answered = () =>
    page.locator(
      `[data-testid="result-${DATASET}"], [data-testid="count-budget-spent"], [data-testid="api-error"]`,
    );
  /** Clicks Search and waits for the gateway's answer to be shown (the previous one is cleared on submit). */
  const search = async () => {
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('query VariantSearch'),
      ),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    await answered().first().waitFor();
  };

  it('asks yes/no by default, with no cost hint, and answers it', async () => {
    await new VariantSearch(page).open(DATASET);
    expect(await page.getByRole('radio', { name: 'Yes/no' }).isChecked()).toBe(true);
    expect(await page.getByTestId('count-cost-hint').count()).toBe(0);
    await fill();
    await search();
    const result = page.getByTestId(`result-${DATASET}`);
    expect(await result.textContent()).toMatch(/found/);
    expect(await result.getByTestId('guard-note').textContent()).toMatch(/Yes\/no, as asked \(not charged/);
    await checkScreen(page, 'count-budget-01-default-yes-no');
  });

  it('choosing counts says what a count costs and how much of the budget is left for the dataset', async () => {
    await page.getByText('Counts', { exact: true }).click();
    const hint = page.getByTestId('count-cost-hint');
    await hint.waitFor();
    const text = (await hint.textContent()) ?? '';
    expect(text).toMatch(/charged to your count budget for the dataset, for good/);
    expect(text).toMatch(/Yes\/no answers are not charged/);
    expect(text).toMatch(
      /1000 Genomes Phase 3, chr20.*100% of your count budget left: about \d+ more counts of an allele at 50%/s,
    );
    await checkScreen(page, 'count-budget-02-cost-hint');
    await search();
    expect(await page.getByTestId(`result-${DATASET}`).getByTestId('guard-note').textContent()).toMatch(
      /Approximate count/,
    );
    // The hint is read again after the count: less is left.
    await hint.filter({ hasNotText: '100% of your count budget left' }).waitFor();
  });

  it('once the budget is spent, the refusal says so plainly (no raw code), and yes/no still answers', async () => {
    const spent = page.getByTestId('count-budget-spent');
    let asked = 1;
    while ((await spent.count()) === 0) {
      expect(asked).toBeLessThan(30); // a count of this allele costs about half of the budget
      await search();
      asked++;
    }
    const text = (await spent.textContent()) ?? '';
    // What is left cannot pay for a count of this (9%) allele: said plainly, with the numbers.
    expect(text).toMatch(
      /Your count budget for 1000 Genomes Phase 3, chr20.* (cannot pay for this count|is spent)/,
    );
    expect(text).toMatch(/for good \(the budget never refills\)/);
    expect(text).toMatch(/This count would cost \d+% of the budget and (\d+%|under 1%|none) is left/);
    expect(text).toMatch(/Yes\/no questions are not charged and still work/);
    expect(text).not.toMatch(/PRIVACY_COUNT_BUDGET_SPENT/);
    expect(await page.getByTestId('api-error').count()).toBe(0);
    expect(await page.getByTestId('count-cost-hint').textContent()).not.toMatch(/100% of your count budget/);
    await checkScreen(page, 'count-budget-03-refused');
    await spent.getByRole('button', { name: 'Ask yes/no instead' }).click();
    await page.getByTestId(`result-${DATASET}`).waitFor();
    expect(await page.getByRole('radio', { name: 'Yes/no' }).isChecked()).toBe(true);
    expect(await page.getByTestId(`result-${DATASET}`).textContent()).toMatch(/found/);
    // Commoner alleles cost less: counts of one at 53% until not even those fit.
    await page.getByText('Counts', { exact: true }).click();
    await page.getByLabel(/^Position/).fill('1020318');
    for (let more = 0; (await spent.count()) === 0; more++) {
      expect(more).toBeLessThan(30);
      await search();
    }
    expect(await spent.textContent()).toMatch(/Your count budget for 1000 Genomes Phase 3, chr20.* is spent/);
    expect(await page.getByTestId('count-cost-hint').textContent()).toMatch(/spent, for good/);
    await checkScreen(page, 'count-budget-04-spent');
  });

  it('the dataset page shows the allowance', async () => {
    await page.goto(`/console/datasets/${DATASET}`);
    const section = page.getByRole('region', { name: 'Your privacy allowance' });
    await section.waitFor();
    await section.getByTestId(`allowance-${DATASET}`).waitFor();
    expect(await section.textContent()).toMatch(/Your count budget here is spent, for good/);
    await section
      .getByRole('progressbar', { name: /Count budget left for .*: (none|under 1%|\d+%)/ })
      .waitFor();
    await checkScreen(page, 'count-budget-05-dataset-allowance');
  });
});
