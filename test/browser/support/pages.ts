import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot, seriousAxeViolations } from './browser';

/** Checks a screen once it shows what it is for: no serious/critical axe violation, and a screenshot. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Page objects: one per screen, named for what the person does there. */
export class SignInScreen {
  constructor(private readonly page: Page) {}
  async open(): Promise<this> {
    await this.page.goto('/console/sign-in');
    await this.page.getByRole('heading', { name: 'Helixgate Console' }).waitFor();
    return this;
  }
  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page
      .getByLabel(/^Password/)
      .and(this.page.locator('input'))
      .fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await this.page.getByTestId('signed-in-as').waitFor();
  }
}

export class Navigation {
  constructor(private readonly page: Page) {}
  async go(label: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: label, exact: true })
      .click();
  }
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  }
}

export class RequestForm {
  constructor(private readonly page: Page) {}
  async fill(opts: { title: string; justification: string; ethics: string; disease: string }): Promise<void> {
    const p = this.page;
    await p.getByLabel('Project title').fill(opts.title);
    await p.getByLabel('Justification').fill(opts.justification);
    await p.getByLabel('Ethics approval reference').fill(opts.ethics);
    await p.getByRole('combobox', { name: 'Kind of research' }).click();
    await p.getByRole('option', { name: 'Research on a specific disease' }).click();
    await p.getByRole('combobox', { name: 'Diseases (MONDO)' }).fill(opts.disease);
    await p
      .getByRole('option', { name: new RegExp(opts.disease, 'i') })
      .first()
      .click();
    await p.keyboard.press('Escape');
  }
  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Submit request' }).click();
  }
}

export class VariantSearch {
  constructor(private readonly page: Page) {}
  async open(datasetId: string): Promise<void> {
    await this.page.goto(`/console/search?dataset=${encodeURIComponent(datasetId)}`);
    await this.page.getByRole('heading', { name: 'Variant search' }).waitFor();
  }
  async ask(q: {
    chromosome: string;
    position: string;
    ref: string;
    alt: string;
    answer: 'Yes/no' | 'Counts' | 'Records';
  }) {
    const p = this.page;
    await p.getByLabel(/^Chromosome/).fill(q.chromosome);
    await p.getByLabel(/^Position/).fill(q.position);
    await p.getByLabel(/^Reference bases/).fill(q.ref);
    await p.getByLabel(/^Alternate bases/).fill(q.alt);
    await p.getByText(q.answer, { exact: true }).click();
    await p.getByRole('button', { name: 'Search' }).click();
    await p.locator('[data-testid="api-error"], [data-testid^="result-"]').first().waitFor();
  }
}
