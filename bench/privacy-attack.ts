/**
 * `npm run privacy:attack`: the re-identification attack suite against the real gateway over HTTP, with
 * the shipped policies, on the 1000 Genomes fixture cohort and on a synthetic N = 1,000 cohort; prints the
 * tables of docs/privacy.md (power at 5% FPR with the upper end of its Wilson 95% interval, and utility).
 * Options: --cohort real|synthetic|both (default both), --copies K (targets attacked at once, default 6),
 * --real M (members and controls each of the 1000 Genomes cohort, default 150), --targets T (members and
 * controls tested each, synthetic; default 300), --members N (synthetic, default 1000), --sites S (synthetic,
 * default 100000), --panel P (synthetic, default 50000), --seed X, --utility-only, --only GROUPS (a
 * comma-separated list of parts of the table, test/privacy/experiments.ts ATTACK_GROUPS: undefended, sb,
 * one-account, accounts5, frequency, timing, filters; e.g. `--only sb,accounts5`), --utility N (random present
 * alleles, and as many common ones, the honest account asks; default 1000, 0: none), --deadline ISO-TIME (no
 * target is started after it: every row is reported over the targets done, a seeded random subsample of
 * members and controls that each met every attack). Uses DATABASE_URL when
 * set, else an embedded database in a temporary directory (one process: run it under `nice -n 19` beside
 * other work).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { realCohort, syntheticCohort } from '../test/privacy/cohort';
import { allAttacks, attacksOf } from '../test/privacy/experiments';
import { formatHarness, runHarness } from '../test/privacy/runner';

function option(name: string, fallback: number, min = 1e-12): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} needs a number >= ${min}`);
  return v;
}

function deadline(): number | undefined {
  const i = process.argv.indexOf('--deadline');
  if (i < 0) return undefined;
  const t = Date.parse(process.argv[i + 1] ?? '');
  if (!Number.isFinite(t)) throw new Error('--deadline needs an ISO time, e.g. 2026-12-06T09:40:00Z');
  return t;
}

async function main(): Promise<void> {
  const which = process.argv.includes('--cohort')
    ? process.argv[process.argv.indexOf('--cohort') + 1]
    : 'both';
  const seed = option('seed', 20_260_601);
  const copies = option('copies', 6);
  const utilityQueries = option('utility', 1000, 0);
  // --utility-only: only the honest researcher's queries (no attack), e.g. to measure utility quickly;
  // --only a,b: only those parts of the table (ATTACK_GROUPS), e.g. `--only frequency` for the frequency tests
  // (exact-count control, random and targeted, 1 and 5 accounts).
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  const attacks = process.argv.includes('--utility-only')
    ? []
    : only !== null
      ? attacksOf(only.split(',').filter(Boolean))
      : allAttacks();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-attack-'));
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  if (which === 'real' || which === 'both') {
    const half = option('real', 150);
    const cohort = realCohort({ members: half, controls: half, seed, workDir });
    const r = await runHarness({ cohort, attacks, copies, seed, utilityQueries, deadline: deadline(), log });
    process.stdout.write(`\n### 1000 Genomes cohort\n\n${formatHarness(r)}\n`);
  }
  if (which === 'synthetic' || which === 'both') {
    const targets = option('targets', 300);
    const members = option('members', 1000);
    const cohort = syntheticCohort({
      members,
      controls: targets,
      sites: option('sites', 100_000),
      panelSize: option('panel', 50_000),
      seed,
      workDir,
    });
    await (cohort as unknown as { ready: Promise<void> }).ready;
    const ids = [
      ...Array.from({ length: Math.min(targets, members) }, (_, i) => i),
      ...Array.from({ length: targets }, (_, i) => members + i),
    ];
    const r = await runHarness({
      cohort,
      attacks,
      copies,
      seed,
      utilityQueries,
      deadline: deadline(),
      targets: ids,
      log,
    });
    process.stdout.write(`\n### Synthetic cohort, N = ${members}\n\n${formatHarness(r)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
