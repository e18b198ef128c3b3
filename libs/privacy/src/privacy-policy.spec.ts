import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PolicyFileError } from '@helixgate/common';
import { DEFAULT_DATASET_POLICY, loadPrivacyPolicy, parsePrivacyPolicy, policyFor } from './privacy-policy';

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-policy-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('privacy policy file', () => {
  it('applies the defaults (budget ln 1.6, floor 5, no panel, quota per account) when there is no file', () => {
    const p = loadPrivacyPolicy(dirWith({}));
    expect(p.file).toBeNull();
    expect(policyFor(p, 'any')).toEqual(DEFAULT_DATASET_POLICY);
    expect(p.defaults.riskBudget).toBeCloseTo(Math.log(1.6), 15);
    expect(p.defaults).toMatchObject({
      panel: null,
      collusion: 'account',
      quota: { alleles: 1000, share: 0.25 },
    });
    expect(() => parsePrivacyPolicy('privacy.yaml', 'defaults:\n  quota:\n    share: 2\n')).toThrow(
      /privacy\.yaml:3: defaults\.quota\.share: must be a number in \[0, 1\]/,
    );
    expect(p.timing).toEqual({ bucketMs: 50, quantile: 0.95, window: 200, maxMs: 250 });
  });

  it('reads the timing section and names a bad quantile', () => {
    const p = parsePrivacyPolicy(
      'privacy.yaml',
      'timing:\n  bucketMs: 20\n  quantile: 0.95\n  window: 100\n',
    );
    expect(p.timing).toEqual({ bucketMs: 20, quantile: 0.95, window: 100, maxMs: 250 });
    expect(() => parsePrivacyPolicy('privacy.yaml', 'timing:\n  quantile: 1.5\n')).toThrow(
      /privacy\.yaml:2: timing\.quantile: must be a number in \[0, 1\)/,
    );
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
        '    collusion: institution',
        '    panel: gnomad-v4',
        '    quota: { alleles: 50, share: 0.1 }',
      ].join('\n'),
    );
    expect(policyFor(p, 'ds-1')).toMatchObject({
      riskBudget: 0.3,
      collusion: 'institution',
      panel: 'gnomad-v4',
      quota: { alleles: 50, share: 0.1, windowSeconds: 86400 },
      minChargedCost: 1e-9,
      counts: { floor: 10, roundTo: 1 },
    });
    expect(policyFor(p, 'other').counts.floor).toBe(10);
    expect(policyFor(p, 'other').riskBudget).toBeCloseTo(Math.log(1.6), 15);
    expect(policyFor(p, 'other').panel).toBeNull();
  });

  it('reads the count budget and refuses one on exact counts, naming the line', () => {
    const p = parsePrivacyPolicy('privacy.yaml', 'defaults:\n  counts: { budget: 0.01 }\n');
    expect(p.defaults.counts).toEqual({ floor: 5, roundTo: 1, noise: 3, budget: 0.01 });
    expect(() => parsePrivacyPolicy('privacy.yaml', 'defaults:\n  counts:\n    noise: 0\n')).toThrow(
      /privacy\.yaml:3: defaults\.counts\.noise: a count budget needs noisy counts .* or counts\.budget: 0/,
    );
    expect(
      parsePrivacyPolicy('privacy.yaml', 'defaults:\n  counts: { noise: 0, budget: 0 }\n').defaults.counts,
    ).toMatchObject({ noise: 0, budget: 0 });
    expect(() => parsePrivacyPolicy('privacy.yaml', 'defaults:\n  counts:\n    budget: -1\n')).toThrow(
      /privacy\.yaml:3: defaults\.counts\.budget: must be a number >= 0/,
    );
  });

  it('reads the JSON form', () => {
    const p = loadPrivacyPolicy(
      dirWith({ 'privacy.json': '{"rateLimit": {"queries": 7, "windowSeconds": 2}}' }),
    );
    expect(p.rateLimit).toEqual({ queries: 7, windowSeconds: 2 });
  });

  it('names the file and line of a wrong value', () => {
    const dir = dirWith({ 'privacy.yaml': 'defaults:\n  riskBudget: 0.5\n  counts:\n    floor: -3\n' });
    expect(() => loadPrivacyPolicy(dir)).toThrow(PolicyFileError);
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

  it('refuses a panel name that cannot be a panel and a confidence outside [0.5, 1)', () => {
    expect(() => parsePrivacyPolicy('p.yaml', 'defaults:\n  panel: "a b"\n')).toThrow(
      'p.yaml:2: defaults.panel: must be the name of an imported reference panel',
    );
    expect(() => parsePrivacyPolicy('p.yaml', 'defaults:\n  panelConfidence: 1\n')).toThrow(
      'p.yaml:2: defaults.panelConfidence: must be a number in [0.5, 1)',
    );
  });

  it('refuses two policy files at once', () => {
    expect(() => loadPrivacyPolicy(dirWith({ 'privacy.yaml': '', 'privacy.json': '{}' }))).toThrow(
      /only one privacy policy file/,
    );
  });

  it('refuses a bad privacy.yaml with the shared policy-file error naming the file and line', () => {
    const errorOf = (text: string): PolicyFileError => {
      const dir = dirWith({ 'privacy.yaml': text });
      try {
        loadPrivacyPolicy(dir);
      } catch (err) {
        if (err instanceof PolicyFileError) return err;
        throw err;
      }
      throw new Error('expected a PolicyFileError');
    };
    const syntax = errorOf('defaults:\n  riskBudget: 0.5\n  quota: {alleles: 10\n');
    expect(syntax.file).toMatch(/privacy\.yaml$/);
    expect(syntax.line).toBeGreaterThanOrEqual(3);
    expect(syntax.message).toMatch(/privacy\.yaml:\d+: /);
    const value = errorOf('rateLimit:\n  queries: 10\n  windowSeconds: soon\n');
    expect({ name: value.name, line: value.line }).toEqual({ name: 'PolicyFileError', line: 3 });
    expect(value.message).toMatch(/privacy\.yaml:3: rateLimit\.windowSeconds: must be an integer >= 1$/);
  });

  it('accepts the policy shipped in policies/', () => {
    const p = loadPrivacyPolicy(path.resolve(__dirname, '../../../policies'));
    expect(p.file).toMatch(/privacy\.yaml$/);
    expect(p.defaults).toEqual(DEFAULT_DATASET_POLICY);
    // The demo datasets differ from the defaults only by their panel.
    for (const id of ['demo-1kg-chr20', 'demo-1kg-mt']) {
      const { panel, ...rest } = policyFor(p, id);
      expect(panel).toMatch(/^demo-/);
      expect({ ...rest, panel: null }).toEqual(DEFAULT_DATASET_POLICY);
    }
  });
});
