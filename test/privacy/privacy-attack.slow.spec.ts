import * as path from 'node:path';
import { loadPrivacyPolicy } from '@helixgate/privacy';
import { SCENARIOS, formatTable, measureGuardUtility, runExperiment, type ExperimentResult } from './harness';
import { generatePopulation } from './population';

/**
 * Re-identification attacks against the real PrivacyGuardService at CI size (300 members, 300
 * controls, 50,000 sites, fixed seed) with the shipped policy (policies/privacy.yaml). The full table
 * (N = 1,000) comes from `npm run privacy:attack` and is in docs/privacy.md.
 *
 * A budget of ln 2 bounds the likelihood ratio of everything a principal learns about one individual
 * by 2, hence any test's power by 2 x its false-positive rate: 0.10 at 5%. The defence-aware attacker
 * reaches that ceiling, so a single power estimate from 300 members and a threshold from 300 controls
 * (standard error ~0.024) lands on either side of 0.10 by chance. The spec therefore asserts, for the
 * issue's targets (optimal and SB), the mean over the query counts <= 0.10 and each point <= 0.10 + 2 SE;
 * for the defence-aware attacker, which sits at the ceiling by construction, mean <= 0.10 + 1 SE and each
 * point <= 0.10 + 2 SE (docs/privacy.md discusses the margin a smaller budget buys).
 */
const SEED = 20_260_601;
const SE = Math.sqrt((0.1 * 0.9) / 300) * Math.SQRT2;

describe('re-identification attacks on the privacy guard (CI size)', () => {
  let result: ExperimentResult;
  const policy = loadPrivacyPolicy(path.resolve(__dirname, '../../policies'));
  const power = (scenario: string, attack: string) => {
    const row = result.rows.find((r) => r.scenario === scenario && r.attack === attack);
    if (!row) throw new Error(`no row ${scenario} / ${attack}`);
    return row;
  };

  beforeAll(async () => {
    const population = generatePopulation({
      members: 300,
      controls: 300,
      sites: 50_000,
      referencePanel: 50_000,
      seed: SEED,
    });
    result = await runExperiment({ population, privacyPolicy: policy, scenarios: SCENARIOS });
    process.stdout.write(`\n${formatTable(result)}\n`);
  }, 600_000);

  it('sees the attacks when the guard is off (positive control)', () => {
    const sb = power('guard off', 'SB LRT');
    const sbQ = sb.q.find((_, i) => sb.power[i] >= 0.95);
    expect(sbQ).toBeDefined();
    expect(sbQ!).toBeLessThanOrEqual(5000);
    const optimal = power('guard off', 'optimal');
    expect(optimal.q.find((_, i) => optimal.power[i] >= 0.95)!).toBeLessThanOrEqual(5);
  });

  it.each(
    SCENARIOS.filter((s) => s.guard).flatMap((s) =>
      ['optimal', 'SB LRT', 'defence-aware'].map((a) => [s.name, a]),
    ),
  )('holds %s against the %s attack', (scenario, attack) => {
    const row = power(scenario, attack);
    const mean = row.power.reduce((a, b) => a + b, 0) / row.power.length;
    expect(mean).toBeLessThanOrEqual(attack === 'defence-aware' ? 0.1 + SE : 0.1);
    for (const p of row.power) expect(p).toBeLessThanOrEqual(0.1 + 2 * SE);
    expect(Math.max(...row.q)).toBeGreaterThanOrEqual(attack === 'SB LRT' ? 3000 : 1000);
  });

  it('keeps >= 99% of "yes" for AF >= 1% and >= 90% over random present alleles (N = 1,000)', async () => {
    const utility = await measureGuardUtility(
      generatePopulation({ members: 1000, controls: 0, sites: 50_000, referencePanel: 50_000, seed: SEED }),
      policy,
    );
    process.stdout.write(`utility at N = 1,000: ${JSON.stringify(utility)}\n`);
    expect(utility.commonKept).toBeGreaterThanOrEqual(0.99);
    expect(utility.presentKept).toBeGreaterThanOrEqual(0.9);
    expect(utility.presentQueries).toBe(1000);
  }, 120_000);
});
