import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@helixgate/config';
import {
  BUDGET_STORE,
  MemoryRateLimitStore,
  RATE_LIMIT_STORE,
  InMemoryBudgetStore,
  PrivacyGuardService,
  PrivacyModule,
  PRIVACY_POLICY,
  type PrivacyPolicy,
} from '@helixgate/privacy';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { testConfig } from '../support/test-config';

function policiesDir(privacyYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-policies-'));
  // The other policy files the gateway needs (roles, issuers, ...) as shipped.
  fs.cpSync(path.resolve(__dirname, '../../policies'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'privacy.yaml'), privacyYaml);
  return dir;
}

describe('privacy policy at gateway boot', () => {
  it('loads the policy file and provides the guard', async () => {
    const dir = policiesDir('datasets:\n  ds-a:\n    riskBudget: 0.25\n');
    const app = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: dir }));
    try {
      await app.init();
      expect(app.get<PrivacyPolicy>(PRIVACY_POLICY).datasets['ds-a'].riskBudget).toBe(0.25);
      expect(app.get(PrivacyGuardService).policyFor('ds-a').riskBudget).toBe(0.25);
    } finally {
      await app.close();
    }
  });

  it('refuses to build the privacy module from a broken policy file, naming the file and line', async () => {
    const dir = policiesDir('defaults:\n  riskBudget: 0.5\n  collusion: nobody\n');
    const build = Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ HELIXGATE_POLICIES_DIR: dir })), PrivacyModule],
    })
      .overrideProvider(BUDGET_STORE)
      .useValue(new InMemoryBudgetStore())
      // The module alone, without the database module the shared rate-limit store needs (issue 13).
      .overrideProvider(RATE_LIMIT_STORE)
      .useValue(new MemoryRateLimitStore())
      .compile();
    await expect(build).rejects.toThrow(
      `${path.join(dir, 'privacy.yaml')}:3: defaults.collusion: must be one of`,
    );
  });
});
