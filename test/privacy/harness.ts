import {
  InMemoryBudgetStore,
  PrivacyGuardService,
  policyFor,
  type BudgetStore,
  type DatasetPrivacyPolicy,
  type GuardHit,
  type PrivacyPolicy,
} from '@helixgate/privacy';
import { defenceAwareAttack, optimalAttack, sbAttack, type Attack } from './attacks';
import { carriersOf, generatePopulation, type Population, type PopulationParams } from './population';
import { Rng } from './rng';
import { powerAtFpr } from './scoring';

export const HARNESS_DATASET = 'privacy-harness';

/**
 * How answers reach the attacker: straight from the data (guard off) or through the real
 * PrivacyGuardService, with `accounts` accounts of one institution asking in turn (round robin).
 */
export interface Scenario {
  readonly name: string;
  readonly guard: boolean;
  readonly accounts: number;
  /** Overrides the policy's collusion mode (to show what `account` mode would allow). */
  readonly collusion?: DatasetPrivacyPolicy['collusion'];
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'guard off', guard: false, accounts: 1 },
  { name: 'guard on, 1 account', guard: true, accounts: 1 },
  { name: 'guard on, 5 colluding accounts (institution mode)', guard: true, accounts: 5 },
];

/** Not a target: shows why budgets are per institution by default. */
export const ACCOUNT_MODE_SCENARIO: Scenario = {
  name: 'guard on, 5 colluding accounts, collusion mode "account"',
  guard: true,
  accounts: 5,
  collusion: 'account',
};

export interface PowerRow {
  scenario: string;
  attack: string;
  /** Queries per account. */
  q: number[];
  power: number[];
}

export interface Utility {
  /** Share of "yes" kept over random present-allele queries. */
  presentKept: number;
  presentQueries: number;
  /** Share of "yes" kept for alleles with dataset AF >= 1%. */
  commonKept: number;
  commonQueries: number;
}

export interface ExperimentResult {
  params: PopulationParams;
  policy: DatasetPrivacyPolicy;
  rows: PowerRow[];
  utility: Utility;
  seconds: number;
}

export interface ExperimentOptions {
  /** The population, or the parameters to generate it from. */
  population: PopulationParams | Population;
  privacyPolicy: PrivacyPolicy;
  /** Query counts (per account) at which power is measured, per attack. */
  qOptimal?: number[];
  qSb?: number[];
  scenarios?: readonly Scenario[];
  /** The budget store behind the guard (default in memory, for speed). */
  store?: BudgetStore;
}

const Q_OPTIMAL = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];
const Q_SB = [100, 300, 1000, 2000, 3000, 5000, 10000];

/** Answers of the beacon for the given sites, through the guard or not, for one target's attackers. */
export class Oracle {
  private readonly hits: GuardHit[];

  constructor(
    private readonly pop: Population,
    private readonly guard: PrivacyGuardService,
    private readonly policy: DatasetPrivacyPolicy,
    private readonly datasetId = HARNESS_DATASET,
  ) {
    this.hits = Array.from({ length: pop.params.sites }, (_, s) => ({
      variantKey: String(s),
      pricingFrequency: pop.referenceFrequency[s],
      carriers: Array.from(carriersOf(pop, s)),
    }));
  }

  /**
   * Asks `sites` in order; query j goes to account j % accounts. Answers are requested in batches that
   * end at each checkpoint (a batch is decided hit by hit in order, exactly as single queries would be).
   */
  async ask(
    scenario: Scenario,
    attacker: string,
    sites: Int32Array,
    checkpoints: number[],
  ): Promise<Uint8Array> {
    const answers = new Uint8Array(sites.length);
    if (!scenario.guard) {
      for (let j = 0; j < sites.length; j++) answers[j] = this.hits[sites[j]].carriers.length > 0 ? 1 : 0;
      return answers;
    }
    const policy = scenario.collusion ? { ...this.policy, collusion: scenario.collusion } : this.policy;
    const ends = [...new Set([...checkpoints.filter((c) => c < sites.length), sites.length])].sort(
      (a, b) => a - b,
    );
    let from = 0;
    for (const end of ends) {
      for (let k = 0; k < scenario.accounts; k++) {
        const idx: number[] = [];
        for (let j = from; j < end; j++) if (j % scenario.accounts === k) idx.push(j);
        if (idx.length === 0) continue;
        const decided = await this.guard.admit(
          {
            principal: `sub:attacker-${attacker}-${k}`,
            institution: `attacker-institute-${attacker}`,
            datasetId: this.datasetId,
            n: this.pop.params.members,
            policy,
          },
          idx.map((j) => this.hits[sites[j]]),
        );
        idx.forEach((j, m) => (answers[j] = decided[m].exists ? 1 : 0));
      }
      from = end;
    }
    return answers;
  }

  hit(site: number): GuardHit {
    return this.hits[site];
  }
}

/** Runs every attack of every scenario on every target, and the utility queries; returns the table. */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const started = Date.now();
  const pop = 'carried' in options.population ? options.population : generatePopulation(options.population);
  const store = options.store ?? new InMemoryBudgetStore();
  const guard = new PrivacyGuardService(options.privacyPolicy, store);
  const policy = policyFor(options.privacyPolicy, HARNESS_DATASET);
  const oracle = new Oracle(pop, guard, policy);
  const qOptimal = options.qOptimal ?? Q_OPTIMAL;
  const qSb = options.qSb ?? Q_SB;
  const attacks: { attack: Attack; q: number[] }[] = [
    { attack: sbAttack, q: qSb },
    { attack: optimalAttack, q: qOptimal },
    { attack: defenceAwareAttack(policy.riskBudget), q: qOptimal },
  ];
  const targets = pop.params.members + pop.params.controls;
  const rows: PowerRow[] = [];
  for (const scenario of options.scenarios ?? SCENARIOS) {
    for (const { attack, q } of attacks) {
      if (!scenario.guard && attack.name === 'defence-aware') continue;
      const totals = q.map((x) => x * scenario.accounts);
      const maxQ = totals[totals.length - 1];
      const scores = q.map(() => new Float64Array(targets));
      for (let t = 0; t < targets; t++) {
        const rng = new Rng((pop.params.seed * 7919 + t * 104729) >>> 0);
        const sites = attack.order(pop, t, rng).subarray(0, maxQ);
        const answers = await oracle.ask(scenario, `${t}`, sites, totals);
        const cum = attack.scores(pop, sites, answers);
        totals.forEach((total, i) => (scores[i][t] = cum.length ? cum[Math.min(total, cum.length) - 1] : 0));
        if (store instanceof InMemoryBudgetStore) store.clear();
      }
      rows.push({
        scenario: scenario.name,
        attack: attack.name,
        q,
        power: scores.map((s) =>
          powerAtFpr(s.subarray(0, pop.params.members), s.subarray(pop.params.members)),
        ),
      });
    }
  }
  const utility = await measureUtility(pop, oracle);
  return { params: pop.params, policy, rows, utility, seconds: (Date.now() - started) / 1000 };
}

/** Utility alone (a population without controls suffices), through the real guard. */
export function measureGuardUtility(pop: Population, privacyPolicy: PrivacyPolicy): Promise<Utility> {
  const guard = new PrivacyGuardService(privacyPolicy, new InMemoryBudgetStore());
  return measureUtility(pop, new Oracle(pop, guard, policyFor(privacyPolicy, HARNESS_DATASET)));
}

/** An honest researcher's queries through the guard: random present alleles, then common ones. */
async function measureUtility(pop: Population, oracle: Oracle): Promise<Utility> {
  const rng = new Rng(pop.params.seed ^ 0x5eed);
  const present: number[] = [];
  const common: number[] = [];
  for (let s = 0; s < pop.params.sites; s++) {
    if (pop.memberAlleleCount[s] === 0) continue;
    present.push(s);
    if (pop.memberAlleleCount[s] / (2 * pop.params.members) >= 0.01) common.push(s);
  }
  const ask = async (who: string, sites: number[]) => {
    const answers = await oracle.ask(
      { name: 'utility', guard: true, accounts: 1 },
      who,
      Int32Array.from(sites),
      sites.map((_, j) => j + 1).filter((j) => j % 50 === 0),
    );
    return answers.reduce((a, b) => a + b, 0) / sites.length;
  };
  const presentSample = rng.shuffle(present).slice(0, 1000);
  const commonSample = rng.shuffle(common).slice(0, 1000);
  return {
    presentKept: await ask('researcher-present', presentSample),
    presentQueries: presentSample.length,
    commonKept: await ask('researcher-common', commonSample),
    commonQueries: commonSample.length,
  };
}

/** The table printed by `npm run privacy:attack` and copied into docs/privacy.md. */
export function formatTable(r: ExperimentResult): string {
  const p = r.params;
  const lines = [
    `N = ${p.members} members, ${p.controls} controls, ${p.sites} sites, reference panel ${p.referencePanel}, seed ${p.seed}; ` +
      `budget ${r.policy.riskBudget.toFixed(4)} nats, collusion mode ${r.policy.collusion}; ${r.seconds.toFixed(1)} s`,
    '',
  ];
  for (const attack of [...new Set(r.rows.map((x) => x.attack))]) {
    const rows = r.rows.filter((x) => x.attack === attack);
    const q = rows[0].q;
    lines.push(`| ${attack}: power at 5% FPR, Q per account | ${q.join(' | ')} |`);
    lines.push(`|---|${q.map(() => '---:').join('|')}|`);
    for (const row of rows)
      lines.push(`| ${row.scenario} | ${row.power.map((x) => x.toFixed(3)).join(' | ')} |`);
    lines.push('');
  }
  lines.push('| utility (guard on) | kept |');
  lines.push('|---|---:|');
  lines.push(
    `| "yes" kept, ${r.utility.presentQueries} random present-allele queries | ${(100 * r.utility.presentKept).toFixed(1)}% |`,
  );
  lines.push(
    `| "yes" kept, ${r.utility.commonQueries} queries with AF >= 1% | ${(100 * r.utility.commonKept).toFixed(1)}% |`,
  );
  return lines.join('\n');
}
