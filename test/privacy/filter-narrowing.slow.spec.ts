import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filterNarrowingAttack } from './attacks';
import { syntheticCohort } from './cohort';
import { formatHarness, runHarness, type HarnessResult } from './runner';

/**
 * The filter-narrowing attack (issue 14) against the real gateway over HTTP, with the shipped policies
 * (count floor 5), at CI size: the synthetic cohort of privacy-attack.slow.spec.ts (200 members, 4,000
 * sites, 20,000-person panel, 40 member and 40 control targets, fixed seed) with individual metadata: each
 * target in a phenotype group of 5 members, and a sex. The attacker narrows every query to its target's
 * group (5 people) or group and sex (2-3 people), and asks the target's alleles rarest first.
 */
const SEED = 20_260_601;
const Q = [1, 5, 20];

describe('filter-narrowing attack over HTTP (CI size, synthetic cohort)', () => {
  let result: HarnessResult;
  const row = (name: string) => {
    const r = result.rows.find((x) => x.attack === name);
    if (!r) throw new Error(`no row ${name}`);
    return r;
  };

  beforeAll(async () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-attack-'));
    const cohort = syntheticCohort({
      members: 200,
      controls: 40,
      sites: 4000,
      panelSize: 20_000,
      seed: SEED,
      workDir,
    });
    await (cohort as unknown as { ready: Promise<void> }).ready;
    result = await runHarness({
      cohort,
      targets: [...Array.from({ length: 40 }, (_, i) => i), ...Array.from({ length: 40 }, (_, i) => 200 + i)],
      attacks: [
        filterNarrowingAttack(Q, false, 'undefended'),
        filterNarrowingAttack(Q, false),
        filterNarrowingAttack(Q, true),
      ],
      copies: 4,
      seed: SEED,
      utilityQueries: 50,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`\n${formatHarness(result)}\n`);
  }, 1_800_000);

  it('sees membership through a narrowed cohort when the risk budget is off (positive control)', () => {
    expect(
      Math.max(...row('undefended (no guard): filter narrowing (phenotype, 5)').power),
    ).toBeGreaterThanOrEqual(0.5);
  });

  it('holds when the guard prices the answers for the narrowed cohort', () => {
    for (const p of row('filter narrowing (phenotype, 5)').power) expect(p).toBeLessThanOrEqual(0.2);
  });

  it('answers nothing about a cohort below the count floor', () => {
    for (const p of row('filter narrowing (phenotype + sex, below the floor)').power)
      expect(p).toBeLessThanOrEqual(0.2);
  });
});
