import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { frequencyAttack, optimalAttack, ruleAwareAttack, sbAttack, timingAttack } from './attacks';
import { syntheticCohort } from './cohort';
import { formatHarness, runHarness, type HarnessResult } from './runner';
import { rankSumP } from './scoring';

/**
 * The re-identification attacks against the real gateway over HTTP, with the shipped policies, at CI size:
 * a synthetic cohort of 200 members over 4,000 independent sites, a 20,000-person panel, 40 member and 40
 * control targets (fixed seed). The full tables (`npm run privacy:attack`, docs/privacy.md) run the same
 * code on the synthetic N = 1,000 cohort and on the 1000 Genomes fixtures (where the guard does not meet
 * the targets yet: see the docs).
 *
 * With 40 members one power estimate has a standard error of ~0.04-0.05, so the assertions are that the
 * positive control sees the attacks, and that behind the guard no attack does much better than chance
 * (the bound is e^riskBudget x 5% = 0.08).
 */
const SEED = 20_260_601;
const Q = [1, 5, 20, 100];

describe('re-identification attacks over HTTP (CI size, synthetic cohort)', () => {
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
        optimalAttack([1, 5, 20], 1, 'undefended'),
        optimalAttack(Q),
        ruleAwareAttack(Q),
        sbAttack([100, 300]),
        optimalAttack([1, 5, 20], 5),
        timingAttack([20]),
        frequencyAttack([100, 1000], 1, 'undefended'),
        // Guarded: an account's count budget is spent within its first ~6 counts at N = 200, so 100 queries
        // cover it; each priced allele among them is asked over HTTP (the exact control's answers are cached).
        frequencyAttack([20, 100]),
        frequencyAttack([20, 100], 1, 'guarded', 'targeted'),
      ],
      copies: 4,
      seed: SEED,
      utilityQueries: 200,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`\n${formatHarness(result)}\n`);
    // ~17,000 HTTP queries: on the shared 2-core machine under load it passed 30 minutes.
  }, 3_600_000);

  it('sees membership when the guard is off (positive control)', () => {
    expect(Math.max(...row('undefended (no guard): optimal rarest-first').power)).toBeGreaterThanOrEqual(0.5);
  });

  // The attack that knows the rule is NOT held to the target at this size: it reached 0.33 at Q = 20 (see
  // docs/privacy.md, "What the numbers say"); this checks only that the guard still cuts it well below
  // the undefended control, so that a regression towards no protection at all fails.
  it('keeps the attack that knows the rule well below the undefended control (target missed: docs/privacy.md)', () => {
    for (const p of row('knows the rule').power) expect(p).toBeLessThanOrEqual(0.5);
  });

  // The yes/no answers are deterministic (fixed seed, a cleared ledger per target), so these powers are the
  // same in every run: a bound on them is not flaky.
  it.each(['optimal rarest-first', 'SB LRT', 'optimal rarest-first, 5 accounts'])(
    'holds against %s',
    (name) => {
      for (const p of row(name).power) expect(p).toBeLessThanOrEqual(0.2);
    },
  );

  // Latencies are not deterministic. "Power at 5% FPR <= 0.2" from 40 + 40 targets fails in ~2.4% of runs
  // even when latency says nothing at all (the threshold is itself estimated from 40 controls), and CI once
  // measured 0.225. The check is instead a one-sided rank-sum test of "members answer slower than controls"
  // at alpha = 0.001: it fails by chance once in a thousand runs when there is no timing channel, and on any
  // difference of the distributions large enough to be seen in 40 + 40 targets x 20 queries.
  it('cannot tell members from controls by latency (rank-sum test, alpha = 0.001)', () => {
    const r = row('timing (mean latency)');
    const p = rankSumP(r.scores[0].members, r.scores[0].controls);
    process.stdout.write(`timing: power at 5% FPR ${r.power[0].toFixed(3)}, rank-sum p = ${p.toFixed(4)}\n`);
    expect(p).toBeGreaterThan(0.001);
  });

  // The allele-frequency test (Sankararaman et al. 2009) on released allele counts. Each account's count
  // budget (counts.budget, docs/privacy.md rule 7) bounds the evidence of the counts it is told (1-5 of
  // them at N = 200), so the test is bounded like the yes/no attacks; the noise is drawn from a fresh random
  // key per run, so like the timing check it is a rank-sum test at alpha = 0.001 rather than a bound on a
  // power estimated from 40 + 40 targets. The exact-count control must see the test.
  it.each(['frequency test (counts)', 'frequency test (counts, targeted)'])(
    'cannot tell members from controls by allele counts: %s (rank-sum test, alpha = 0.001)',
    (name) => {
      const open = row('undefended (no guard): frequency test (counts)');
      const guarded = row(name);
      const p = guarded.scores.map((s) => rankSumP(s.members, s.controls));
      process.stdout.write(
        `${name}: exact ${open.power.map((x) => x.toFixed(3)).join(' / ')}, with the count budget ` +
          `${guarded.power.map((x, i) => `${x.toFixed(3)} (${guarded.high[i].toFixed(2)}), rank-sum p ${p[i].toFixed(3)}`).join(' / ')}\n`,
      );
      expect(Math.max(...open.power)).toBeGreaterThanOrEqual(0.3);
      for (const x of p) expect(x).toBeGreaterThan(0.001);
    },
  );

  // At N = 200 the 0.013 nats buy 1-5 counts of common alleles (AF 5-50%): even the dearest free allele's count
  // (panel frequency ~5%: ~0.0115 nats) fits in a fresh budget, so an honest account is told at least one.
  it('tells an honest account some allele counts before its count budget refuses', () => {
    expect(result.utility.counts).toBeGreaterThanOrEqual(1);
  });

  it('still answers common alleles', () => {
    expect(result.utility.common).toBeGreaterThanOrEqual(0.99);
  });
});
