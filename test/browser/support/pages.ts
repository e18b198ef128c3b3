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
    await p
      .locator('[data-testid="api-error"], [data-testid="count-budget-spent"], [data-testid^="result-"]')
      .first()
      .waitFor();
  }
}

/** Admin: users and roles. */
export class UsersScreen {
  constructor(private readonly page: Page) {}
  async open(): Promise<void> {
    await this.page.goto('/console/admin/users');
    await this.page.getByRole('heading', { name: 'Users and roles' }).waitFor();
  }
  row(username: string) {
    return this.page.getByTestId(`user-${username}`);
  }
  async addUser(u: {
    username: string;
    name: string;
    institution: string;
    roles: string[];
  }): Promise<string> {
    const p = this.page;
    await p.getByLabel(/^Username/).fill(u.username);
    await p.getByLabel(/^Name/).fill(u.name);
    await p.getByLabel(/^Institution/).fill(u.institution);
    for (const role of ['Researcher', 'Data steward', 'Compliance officer', 'Administrator']) {
      const box = p.getByRole('checkbox', { name: role });
      if ((await box.isChecked()) !== u.roles.includes(role)) await box.click();
    }
    await p.getByRole('button', { name: 'Add user and make an invitation' }).click();
    const link = p.getByTestId('invitation-link');
    await link.waitFor();
    return (await link.textContent()) ?? '';
  }
  async grant(name: string, roleLabel: string): Promise<void> {
    await this.page.getByLabel(`Role to grant to ${name}`).selectOption({ label: roleLabel });
    await this.page.getByRole('button', { name: `Grant the chosen role to ${name}` }).click();
  }
  async revoke(name: string, role: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove role ${role} from ${name}` }).click();
  }
}

/** Admin: stewards per dataset. */
export class StewardsScreen {
  constructor(private readonly page: Page) {}
  async open(): Promise<void> {
    await this.page.goto('/console/admin/stewards');
    await this.page.getByRole('heading', { name: 'Stewards per dataset' }).waitFor();
  }
  card(datasetId: string) {
    return this.page.getByTestId(`stewards-${datasetId}`);
  }
  async assign(datasetId: string, label: string): Promise<void> {
    const card = this.card(datasetId);
    await card.getByLabel('Assign a steward').selectOption({ label });
    await card.getByRole('button', { name: 'Assign' }).click();
  }
  async remove(datasetId: string, datasetName: string, name: string): Promise<void> {
    await this.card(datasetId)
      .getByRole('button', { name: `Remove ${name} as steward of ${datasetName}` })
      .click();
  }
}
