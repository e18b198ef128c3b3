import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { optimalAttack, ruleAwareAttack, sbAttack, timingAttack } from './attacks';
import { realCohort } from './cohort';
import { formatHarness, runHarness, type HarnessResult } from './runner';

/**
 * The re-identification attacks against the real gateway over HTTP, with the shipped policies, at CI size:
 * the 1000 Genomes fixture split into 40 members and 40 controls (fixed seed), priced by the 203-person
 * panel the demo ships. The full table (`npm run privacy:attack`, docs/privacy.md) runs the same code on
 * 150 + 150 and on the synthetic N = 1,000 cohort.
 *
 * With 40 members one power estimate has a standard error of ~0.04-0.05, so the assertions are that the
 * positive control sees the attacks, and that behind the guard no attack does much better than chance.
 */
const SEED = 20_260_601;
const Q = [1, 5, 20];

describe('re-identification attacks over HTTP (CI size, 1000 Genomes cohort)', () => {
  let result: HarnessResult;
  const row = (name: string) => {
    const r = result.rows.find((x) => x.attack === name);
    if (!r) throw new Error(`no row ${name}`);
    return r;
  };

  beforeAll(async () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-attack-'));
    result = await runHarness({
      cohort: realCohort({ members: 40, controls: 40, seed: SEED, workDir }),
      attacks: [
        optimalAttack([1, 5], 1, 'undefended'),
        optimalAttack(Q),
        ruleAwareAttack(Q),
        sbAttack([50]),
        optimalAttack([1, 4], 5),
        timingAttack([20]),
      ],
      copies: 4,
      seed: SEED,
      utilityQueries: 100,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`\n${formatHarness(result)}\n`);
  }, 1_800_000);

  it('sees membership when the guard is off (positive control)', () => {
    expect(Math.max(...row('undefended (no guard): optimal rarest-first').power)).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    'optimal rarest-first',
    'knows the rule',
    'SB LRT',
    'optimal rarest-first, 5 accounts',
    'timing (mean latency)',
  ])('holds against %s', (name) => {
    for (const p of row(name).power) expect(p).toBeLessThanOrEqual(0.15);
  });

  it('still answers most common alleles', () => {
    expect(result.utility.common).toBeGreaterThanOrEqual(0.9);
  });
});
