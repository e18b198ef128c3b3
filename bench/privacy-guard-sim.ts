/**
 * `npm run privacy:sim`: the guard's decision function in process, at sample sizes the HTTP harness cannot
 * reach on this machine. The same cohorts (test/privacy/cohort.ts), the same attacks and scoring
 * (test/privacy/attacks.ts), the shipped policy (policies/privacy.yaml's defaults) and the node's own
 * RiskBudgetService and panel pricing; what it leaves out is the HTTP path (quota and share refusals,
 * latency). It answers "is a power measured over HTTP from 40 + 40 targets a property of the rule or of the
 * sample?": the 5%-FPR threshold estimated from 40 controls is itself very noisy (with no difference at all,
 * "power" exceeds 0.2 in ~2.4% of runs).
 *
 * Options: --cohort real|synthetic (default synthetic), --members N (synthetic: the dataset's size; real:
 * members and controls each), --controls C, --sites S, --panel P (synthetic), --seed X, --confidence c
 * (panelConfidence), --budget nats (riskBudget), --noise k (counts.noise, for the frequency test), --count-budget B (counts.budget),
 * --q 1,5,20,100, --utility-only (no yes/no attacks: utility and the frequency tests),
 * --no-frequency.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import {
  DEFAULT_DATASET_POLICY,
  InMemoryBudgetStore,
  RiskBudgetService,
  countEvidence,
  countNoiseSd,
  panelPricingFrequency,
  revelationCost,
  type PanelFrequency,
} from '@helixgate/privacy';
import {
  frequencyAttack,
  optimalAttack,
  ruleAwareAttack,
  type Answer,
  type GuardKnowledge,
} from '../test/privacy/attacks';
import { realCohort, syntheticCohort, type Cohort } from '../test/privacy/cohort';
import { Rng } from '../test/privacy/rng';
import { powerAtFpr, wilson } from '../test/privacy/scoring';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}

/** Panel frequencies as `panel import` reads them: INFO AF/AC/AN, else counted from the genotypes. */
function readPanel(file: string): Map<string, PanelFrequency> {
  const out = new Map<string, PanelFrequency>();
  for (const line of zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f[4].includes(',')) continue;
    const key = `${f[0].replace(/^chr/, '')}:${f[1]}:${f[3]}:${f[4]}`;
    const info: Record<string, string | undefined> = Object.fromEntries(
      f[7].split(';').map((kv) => kv.split('=') as [string, string]),
    );
    if (info.AF !== undefined) {
      out.set(key, { af: Number(info.AF), ac: Number(info.AC ?? NaN), an: Number(info.AN ?? NaN) });
      continue;
    }
    let ac = 0;
    let an = 0;
    for (const g of f.slice(9))
      for (const a of g.split(':')[0].split(/[|/]/)) {
        if (a === '.') continue;
        an++;
        if (a === '1') ac++;
      }
    if (ac > 0) out.set(key, { af: ac / an, ac, an });
  }
  return out;
}

async function main(): Promise<void> {
  const which = arg('cohort', 'synthetic');
  const seed = Number(arg('seed', '20260601'));
  const q = arg('q', '1,5,20,100').split(',').map(Number);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-sim-'));
  let c: Cohort;
  let controls: number;
  if (which === 'real') {
    const half = Number(arg('members', '150'));
    c = realCohort({ members: half, controls: half, seed, workDir });
    controls = half;
  } else {
    controls = Number(arg('controls', '1000'));
    c = syntheticCohort({
      members: Number(arg('members', '200')),
      controls,
      sites: Number(arg('sites', '4000')),
      panelSize: Number(arg('panel', '20000')),
      seed,
      workDir,
    });
    await (c as unknown as { ready: Promise<void> }).ready;
  }
  const n = c.members;
  const policy = {
    ...DEFAULT_DATASET_POLICY,
    panelConfidence: Number(arg('confidence', String(DEFAULT_DATASET_POLICY.panelConfidence))),
    riskBudget: Number(arg('budget', String(DEFAULT_DATASET_POLICY.riskBudget))),
  };
  const panel = readPanel(c.panelVcf);
  const pf = Float64Array.from(c.keys, (k) =>
    panelPricingFrequency(panel.get(k) ?? null, policy.panelConfidence),
  );
  const price = Float64Array.from(pf, (f) => revelationCost(f, n, 2));
  const g: GuardKnowledge = { price, riskBudget: policy.riskBudget };
  const carriersOf: number[][] = c.keys.map(() => []);
  for (let i = 0; i < n; i++) for (const s of c.carried[i]) carriersOf[s].push(i);
  const targets = [
    ...Array.from({ length: Math.min(n, controls) }, (_, i) => i),
    ...Array.from({ length: controls }, (_, i) => n + i),
  ];
  const members = targets.filter((t) => t < n);
  const others = targets.filter((t) => t >= n);
  const line = (name: string, scores: Map<number, number>[]) => {
    const power = scores.map((m) =>
      powerAtFpr(
        members.map((t) => m.get(t)!),
        others.map((t) => m.get(t)!),
      ),
    );
    process.stdout.write(
      `| ${name} | ${power.map((p) => `${p.toFixed(3)} (${wilson(p, members.length).high.toFixed(2)})`).join(' | ')} |\n`,
    );
  };
  process.stdout.write(
    `${c.describe}; panelConfidence ${policy.panelConfidence}; riskBudget ${policy.riskBudget.toFixed(4)}; ${members.length} members, ${others.length} controls\n` +
      `| attack (power at 5% FPR, 95% upper), Q | ${q.join(' | ')} |\n|---|${q.map(() => '---:').join('|')}|\n`,
  );
  for (const attack of process.argv.includes('--utility-only')
    ? []
    : [optimalAttack(q), ruleAwareAttack(q)]) {
    const scores = q.map(() => new Map<number, number>());
    for (const t of targets) {
      const store = new InMemoryBudgetStore();
      const risk = new RiskBudgetService();
      const order = attack
        .order(c, t, new Rng((seed * 7919 + t * 104729) >>> 0), g)
        .subarray(0, Math.max(...q));
      const answers: Answer[] = [];
      for (const s of order) {
        const d = await store.withScope({ datasetId: 'sim' }, (ledger) =>
          risk.decide(ledger, { principal: 'attacker', datasetId: 'sim' }, policy, n, [
            { variantKey: c.keys[s], carriers: carriersOf[s], pricingFrequency: pf[s], ploidy: 2 },
          ]),
        );
        answers.push({ exists: d.hits[0].exists, alleleCount: null, alleleNumber: null, ms: 0 });
      }
      const cum = attack.scores(c, t, order, answers, g);
      q.forEach((x, i) => scores[i].set(t, cum[Math.min(x, cum.length) - 1] ?? 0));
    }
    line(attack.name, scores);
  }
  // Utility: a fresh account asks 1,000 random present alleles, then 1,000 with AF >= 1% (fresh ledger).
  {
    const store = new InMemoryBudgetStore();
    const risk = new RiskBudgetService();
    const urng = new Rng(seed ^ 0x5eed);
    const present: number[] = [];
    const common: number[] = [];
    for (let s = 0; s < c.keys.length; s++) {
      if (c.memberCount[s] === 0) continue;
      present.push(s);
      if (c.memberCount[s] / (2 * n) >= 0.01) common.push(s);
    }
    // Where the present alleles are lost: by the dataset's allele count, and why (the band from the panel).
    // AF 1% is AC 2N / 100: above AC 10 at N = 1,000, AC 3 at N = 150 (then the AC bins above 2 are common).
    const onePercent = Math.ceil(0.01 * 2 * n);
    const bins = [
      { name: 'AC 1', max: 1 },
      { name: 'AC 2', max: 2 },
      { name: 'AC 3-5', max: 5 },
      { name: 'AC 6-10', max: 10 },
      ...(onePercent > 11 ? [{ name: `AC 11-${onePercent - 1} (AF < 1%)`, max: onePercent - 1 }] : []),
      { name: `AC >= ${Math.max(11, onePercent)}`, max: Infinity },
    ].map((b) => ({ ...b, asked: 0, yes: 0, unaffordable: 0, withheld: 0 }));
    const keep = async (sites: number[], tally: boolean) => {
      let yes = 0;
      for (const s of sites) {
        const d = await store.withScope({ datasetId: 'sim' }, (ledger) =>
          risk.decide(ledger, { principal: 'honest', datasetId: 'sim' }, policy, n, [
            { variantKey: c.keys[s], carriers: carriersOf[s], pricingFrequency: pf[s], ploidy: 2 },
          ]),
        );
        if (d.hits[0].exists) yes++;
        if (!tally) continue;
        const b = bins.find((x) => c.memberCount[s] <= x.max)!;
        b.asked++;
        if (d.hits[0].exists) b.yes++;
        else if (price[s] > policy.riskBudget) b.unaffordable++;
        else b.withheld++;
      }
      return yes / Math.max(1, sites.length);
    };
    const ps = urng.shuffle(present).slice(0, 1000);
    const cs = urng.shuffle(common).slice(0, 1000);
    const u = await keep(ps, true);
    const uc = await keep(cs, false);
    process.stdout.write(
      `utility (fresh account): ${(100 * u).toFixed(1)}% of ${ps.length} random present alleles, ` +
        `${(100 * uc).toFixed(1)}% of ${cs.length} with AF >= 1%\n` +
        `| present alleles by dataset AC | asked | "yes" | no: unaffordable (panel) | no: carriers' budgets spent |\n|---|---:|---:|---:|---:|\n` +
        bins
          .map(
            (b) =>
              `| ${b.name} | ${b.asked} | ${b.yes} (${((100 * b.yes) / Math.max(1, b.asked)).toFixed(1)}%) | ${b.unaffordable} | ${b.withheld} |`,
          )
          .join('\n') +
        '\n',
    );
  }
  if (process.argv.includes('--no-frequency')) return;
  // The frequency test on allele counts: exact, and with the shipped noise (a fixed deviate per allele).
  const noise = Number(arg('noise', String(DEFAULT_DATASET_POLICY.counts.noise)));
  const rng = new Rng(seed ^ 0x6e6f);
  const z = Float64Array.from(
    c.keys,
    () => Math.sqrt(-2 * Math.log(rng.next())) * Math.cos(2 * Math.PI * rng.next()),
  );
  const fq = q.map((x) => x * 10);
  // With the count budget (counts.budget, nats per account): each count is charged countEvidence of its noise;
  // the first one past the budget is refused, and the attacker stops there (the HTTP harness does the same).
  const budget = Number(arg('count-budget', String(DEFAULT_DATASET_POLICY.counts.budget)));
  for (const [k, cap] of [
    [0, 0],
    [noise, 0],
    [noise, budget],
  ]) {
    for (const ordering of cap > 0 ? (['random', 'targeted'] as const) : (['random'] as const)) {
      const attack = frequencyAttack(fq, 1, 'guarded', ordering);
      const scores = fq.map(() => new Map<number, number>());
      let told = 0;
      for (const t of targets) {
        const order = attack
          .order(c, t, new Rng((seed * 7919 + t * 104729) >>> 0), g)
          .subarray(0, Math.max(...fq));
        let spent = 0;
        let refused = false;
        const answers = Array.from(order, (s): Answer => {
          const sd = countNoiseSd(k, pf[s] || c.frequency[s], n, 2);
          if (cap > 0 && !refused) {
            const cost = price[s] < policy.minChargedCost ? countEvidence(sd, 2) : 0;
            if (spent + cost > cap * (1 + 1e-9)) refused = true;
            else spent += cost;
          }
          if (refused) return { exists: false, alleleCount: null, alleleNumber: null, ms: 0, refused: true };
          told++;
          const ac = Math.min(2 * n, Math.max(5, Math.round(c.memberCount[s] + sd * z[s])));
          return { exists: true, alleleCount: k > 0 ? ac : c.memberCount[s], alleleNumber: 2 * n, ms: 0 };
        });
        const cum = attack.scores(c, t, order, answers, g);
        fq.forEach((x, i) => scores[i].set(t, cum[Math.min(x, cum.length) - 1] ?? 0));
      }
      line(
        `frequency test${ordering === 'targeted' ? ' (targeted)' : ''}, counts.noise ${k}${cap > 0 ? `, counts.budget ${cap} (${(told / targets.length).toFixed(1)} counts per account)` : ''}, Q x 10 (${fq.join(', ')})`,
        scores,
      );
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
