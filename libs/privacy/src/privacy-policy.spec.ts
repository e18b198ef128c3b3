import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DEFAULT_DATASET_POLICY,
  loadPrivacyPolicy,
  parsePrivacyPolicy,
  policyFor,
  PrivacyPolicyError,
} from './privacy-policy';

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-policy-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('privacy policy file', () => {
  it('applies the defaults (budget ln 2, floor 5, institution collusion) when there is no file', () => {
    const p = loadPrivacyPolicy(dirWith({}));
    expect(p.file).toBeNull();
    expect(policyFor(p, 'any')).toEqual(DEFAULT_DATASET_POLICY);
    expect(p.defaults.riskBudget).toBeCloseTo(Math.LN2, 15);
  });

  it('reads per-dataset sections over the defaults', () => {
    const p = parsePrivacyPolicy(
      'privacy.yaml',
      [
        'defaults:',
        '  counts: { floor: 10 }',
        'datasets:',
        '  ds-1:',
        '    riskBudget: 0.3',
        '    collusion: account',
      ].join('\n'),
    );
    expect(policyFor(p, 'ds-1')).toMatchObject({
      riskBudget: 0.3,
      collusion: 'account',
      minChargedCost: 1e-9,
      counts: { floor: 10, roundTo: 1 },
    });
    expect(policyFor(p, 'other').counts.floor).toBe(10);
    expect(policyFor(p, 'other').riskBudget).toBeCloseTo(Math.LN2, 15);
  });

  it('reads the JSON form', () => {
    const p = loadPrivacyPolicy(
      dirWith({ 'privacy.json': '{"rateLimit": {"queries": 7, "windowSeconds": 2}}' }),
    );
    expect(p.rateLimit).toEqual({ queries: 7, windowSeconds: 2 });
  });

  it('names the file and line of a wrong value', () => {
    const dir = dirWith({ 'privacy.yaml': 'defaults:\n  riskBudget: 0.5\n  counts:\n    floor: -3\n' });
    expect(() => loadPrivacyPolicy(dir)).toThrow(PrivacyPolicyError);
    expect(() => loadPrivacyPolicy(dir)).toThrow(
      `${path.join(dir, 'privacy.yaml')}:4: defaults.counts.floor: must be an integer >= 1`,
    );
  });

  it('names the file and line of a syntax error and of an unknown key', () => {
    expect(() => parsePrivacyPolicy('p.yaml', 'defaults:\n  riskBudget: [1,\n')).toThrow(/^p\.yaml:\d+: /);
    expect(() => parsePrivacyPolicy('p.yaml', 'defaults:\n  budget: 1\n')).toThrow(
      'p.yaml:2: defaults.budget: unknown key',
    );
    expect(() => parsePrivacyPolicy('p.json', '{\n "defaults": {\n  "collusion": "none"\n }\n}')).toThrow(
      'p.json:3: defaults.collusion: must be one of account, institution',
    );
  });

  it('refuses two policy files at once', () => {
    expect(() => loadPrivacyPolicy(dirWith({ 'privacy.yaml': '', 'privacy.json': '{}' }))).toThrow(
      /only one privacy policy file/,
    );
  });

  it('accepts the policy shipped in policies/', () => {
    const p = loadPrivacyPolicy(path.resolve(__dirname, '../../../policies'));
    expect(p.file).toMatch(/privacy\.yaml$/);
    expect(p.defaults).toEqual(DEFAULT_DATASET_POLICY);
  });
});
