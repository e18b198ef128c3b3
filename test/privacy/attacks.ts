import type { Cohort } from './cohort';
import type { Rng } from './rng';

/** Sequencing error rate of the likelihood-ratio tests (Shringarpure & Bustamante 2015). */
export const DELTA = 1e-6;

/** What the harness tells an attack about the guard it faces (the shipped rule, as the attacker may know it). */
export interface GuardKnowledge {
  /** The guard's price of revealing each allele (from the public panel), or +Infinity when never revealed. */
  readonly price: Float64Array;
  /** The shipped per-individual budget. */
  readonly riskBudget: number;
}

/** One answer as the attacker receives it. */
export interface Answer {
  exists: boolean;
  /** COUNT answers: the released allele count and number (null when not released). */
  alleleCount: number | null;
  alleleNumber: number | null;
  /** Client-side latency in milliseconds. */
  ms: number;
  /** Refused (quota or share, decided from the panel before the data is read): no evidence. */
  refused?: boolean;
  /** Refused by the account's count budget (PRIVACY_COUNT_BUDGET_SPENT): it never refills. */
  countBudgetSpent?: boolean;
  /** With filters: the dataset said the narrowed cohort is below the count floor (it answered nothing). */
  withheld?: boolean;
}

/**
 * A membership attack on one target: which alleles it asks, in which order, at which granularity, from how
 * many accounts (of different institutions, taking turns), and its score after each answer (higher = more
 * member-like). A new attack (e.g. issue 14's filter narrowing) is one more object of this shape in ATTACKS.
 */
export interface Attack {
  readonly name: string;
  /** Against the guarded dataset, or the undefended copy (positive control). */
  readonly target: 'guarded' | 'undefended';
  readonly accounts: number;
  readonly granularity: 'boolean' | 'count';
  /** Queries per account at which power is reported. */
  readonly q: readonly number[];
  order(c: Cohort, target: number, rng: Rng, guard: GuardKnowledge): Int32Array;
  /** Beacon filters sent with every query about this target (the filter-narrowing attack). */
  filters?(c: Cohort, target: number): string[];
  scores(
    c: Cohort,
    target: number,
    sites: Int32Array,
    answers: readonly Answer[],
    guard: GuardKnowledge,
  ): Float64Array;
}

function llr(yes: boolean, noIn: number, noOut: number): number {
  return yes
    ? Math.log(Math.max(1 - noIn, 1e-300)) - Math.log(Math.max(1 - noOut, 1e-300))
    : Math.log(Math.max(noIn, 1e-300)) - Math.log(Math.max(noOut, 1e-300));
}

const cumulative = (terms: (j: number) => number, n: number) => {
  const out = new Float64Array(n);
  let s = 0;
  for (let j = 0; j < n; j++) out[j] = s += terms(j);
  return out;
};

function rarestFirst(c: Cohort, sites: ArrayLike<number>): Int32Array {
  return Int32Array.from(sites).sort((a, b) => c.frequency[a] - c.frequency[b] || a - b);
}

/** The optimal attacker's LLR terms (Raisaro et al.): D_i = (1 - f_i)^(2N) at the true frequencies. */
function optimalTerm(c: Cohort, s: number, yes: boolean, n = c.members): number {
  const f = c.frequency[s];
  return llr(yes, DELTA * Math.pow(1 - f, 2 * n - 2), Math.pow(1 - f, 2 * n));
}

/** Shringarpure-Bustamante LRT: the target's alleles in random order, one population-wide D. */
export function sbAttack(q: readonly number[], accounts = 1, target: Attack['target'] = 'guarded'): Attack {
  return {
    name: accounts > 1 ? `SB LRT, ${accounts} accounts` : 'SB LRT',
    target,
    accounts,
    granularity: 'boolean',
    q,
    order: (c, t, rng) => Int32Array.from(rng.shuffle(Array.from(c.carried[t]))),
    scores(c, _t, sites, answers) {
      const n = c.members;
      let d = 0;
      for (const s of sites) d += Math.pow(1 - c.frequency[s], 2 * n);
      d = sites.length ? d / sites.length : 0;
      const yes = llr(true, DELTA * Math.pow(d, (n - 1) / n), d);
      const no = llr(false, DELTA * Math.pow(d, (n - 1) / n), d);
      return cumulative((j) => (answers[j].refused ? 0 : answers[j].exists ? yes : no), sites.length);
    },
  };
}

/** The optimal attacker: the target's alleles rarest first (true frequencies). */
export function optimalAttack(
  q: readonly number[],
  accounts = 1,
  target: Attack['target'] = 'guarded',
): Attack {
  return {
    name: accounts > 1 ? `optimal rarest-first, ${accounts} accounts` : 'optimal rarest-first',
    target,
    accounts,
    granularity: 'boolean',
    q,
    order: (c, t) => rarestFirst(c, c.carried[t]),
    scores: (c, _t, sites, answers) =>
      cumulative((j) => (answers[j].refused ? 0 : optimalTerm(c, sites[j], answers[j].exists)), sites.length),
  };
}

/**
 * The attack that knows the guard's rule exactly: the panel prices, the budget, that budgets are shared
 * and answers replayed. It asks only alleles the guard may reveal, those whose "yes" is the strongest
 * evidence per nat of budget first (true LLR / price), and scores with suppression modelled: while the
 * target's modelled budget can pay, a member's allele is answered "yes"; after that only the other
 * members can make it "yes".
 */
export function ruleAwareAttack(q: readonly number[], accounts = 1): Attack {
  return {
    name: accounts > 1 ? `knows the rule, ${accounts} accounts` : 'knows the rule',
    target: 'guarded',
    accounts,
    granularity: 'boolean',
    q,
    order(c, t, _rng, g) {
      const ok = Array.from(c.carried[t]).filter((s) => g.price[s] <= g.riskBudget && g.price[s] > 0);
      const gain = (s: number) => optimalTerm(c, s, true) / g.price[s];
      return Int32Array.from(ok.sort((a, b) => gain(b) - gain(a) || a - b));
    },
    scores(c, _t, sites, answers, g) {
      const n = c.members;
      let left = g.riskBudget;
      return cumulative((j) => {
        const s = sites[j];
        const f = c.frequency[s];
        if (answers[j].refused) return 0;
        if (g.price[s] <= left + 1e-12) {
          if (answers[j].exists) left -= g.price[s];
          return optimalTerm(c, s, answers[j].exists);
        }
        return llr(answers[j].exists, Math.pow(1 - f, 2 * n - 2), Math.pow(1 - f, 2 * n));
      }, sites.length);
    },
  };
}

/**
 * The allele-frequency likelihood-ratio test of Sankararaman et al. (2009) at count granularity: random
 * alleles of intermediate frequency (0.05-0.95, where the test has its power), the released AC/AN as the
 * pool frequency; LLR per allele for the target's genotype x: x ln(p^/p) + (2 - x) ln((1 - p^)/(1 - p)).
 */
export function frequencyAttack(
  q: readonly number[],
  accounts = 1,
  target: Attack['target'] = 'guarded',
  /**
   * `random`: random alleles (Sankararaman et al.). `targeted`: the attack that knows the count budget's rule
   * (each count charged the worst case over genotypes, p^2 / (2 sd^2)): it asks first the alleles where its
   * target's genotype is furthest from the population's mean, |x - 2f| (homozygous for the rarer allele),
   * which carry the most evidence per nat charged.
   */
  ordering: 'random' | 'targeted' = 'random',
): Attack {
  return {
    name:
      `frequency test (counts${ordering === 'targeted' ? ', targeted' : ''})` +
      (accounts > 1 ? `, ${accounts} accounts` : ''),
    target,
    accounts,
    granularity: 'count',
    q,
    order(c, t, rng) {
      const pool: number[] = [];
      for (let s = 0; s < c.keys.length; s++)
        if (c.frequency[s] >= 0.05 && c.frequency[s] <= 0.95) pool.push(s);
      const shuffled = rng.shuffle(pool);
      if (ordering === 'random') return Int32Array.from(shuffled);
      const gap = new Map(shuffled.map((s) => [s, Math.abs((c.copies[t].get(s) ?? 0) - 2 * c.frequency[s])]));
      return Int32Array.from(shuffled.sort((a, b) => gap.get(b)! - gap.get(a)!));
    },
    scores(c, t, sites, answers) {
      return cumulative((j) => {
        const a = answers[j];
        const p = c.frequency[sites[j]];
        if (a.alleleCount === null || !a.alleleNumber) return 0;
        const ph = Math.min(1 - 1e-6, Math.max(1e-6, a.alleleCount / a.alleleNumber));
        const x = c.copies[t].get(sites[j]) ?? 0;
        return x * Math.log(ph / p) + (2 - x) * Math.log((1 - ph) / (1 - p));
      }, sites.length);
    },
  };
}

/**
 * The timing attack of issue 10: the target's priced alleles (those whose answer goes through the budget),
 * rarest first; the score is the mean latency (a member's alleles are present, withheld or released; a
 * control's are more often absent, which used to return early).
 */
export function timingAttack(q: readonly number[]): Attack {
  return {
    name: 'timing (mean latency)',
    target: 'guarded',
    accounts: 1,
    granularity: 'boolean',
    q,
    order(c, t, _rng, g) {
      return rarestFirst(
        c,
        Array.from(c.carried[t]).filter((s) => g.price[s] >= 1e-9 && g.price[s] <= g.riskBudget),
      );
    },
    scores: (_c, _t, sites, answers) => {
      const out = new Float64Array(sites.length);
      let sum = 0;
      for (let j = 0; j < sites.length; j++) out[j] = (sum += answers[j].ms) / (j + 1);
      return out;
    },
  };
}

/**
 * The synthetic individual metadata the harness imports into every copy (runner.ts) for the
 * filter-narrowing attack: target t (member or control alike) is in phenotype group t mod G (an HPO-style
 * term, `HP:99ggggg`), G = members / 5, so every group has 5 members: the shipped count floor; and of sex
 * female/male alternating within a group (2 or 3 members of each sex per group). The attacker knows its
 * target's group and sex (a relative, a published case report): only not whether it is in the dataset.
 */
export const phenotypeGroups = (c: Cohort) => Math.max(1, Math.floor(c.members / 5));
export const phenotypeOf = (c: Cohort, t: number) =>
  `HP:99${String(t % phenotypeGroups(c)).padStart(5, '0')}`;
export const sexOf = (c: Cohort, t: number) =>
  Math.floor(t / phenotypeGroups(c)) % 2 ? 'NCIT:C20197' : 'NCIT:C16576';

/**
 * The filter-narrowing attack (issue 14): Beacon filters narrow the dataset to the target's phenotype group
 * (5 members, or 2-3 with its sex too), and the target's alleles are asked rarest first of that small
 * cohort: an allele "present among these 5" is far stronger evidence than "present among N". The score is
 * the optimal LLR with N = the narrowed cohort's member count (which /individuals tells the attacker, at
 * the floor); an answer withheld (cohort below the count floor) carries nothing.
 */
export function filterNarrowingAttack(
  q: readonly number[],
  withSex: boolean,
  target: Attack['target'] = 'guarded',
): Attack {
  const cohortSize = (c: Cohort, t: number) => {
    let n = 0;
    for (let m = 0; m < c.members; m++)
      if (phenotypeOf(c, m) === phenotypeOf(c, t) && (!withSex || sexOf(c, m) === sexOf(c, t))) n++;
    return n;
  };
  return {
    name: withSex ? 'filter narrowing (phenotype + sex, below the floor)' : 'filter narrowing (phenotype, 5)',
    target,
    accounts: 1,
    granularity: 'boolean',
    q,
    order: (c, t) => rarestFirst(c, c.carried[t]),
    filters: (c, t) => [phenotypeOf(c, t), ...(withSex ? [sexOf(c, t)] : [])],
    scores(c, t, sites, answers) {
      const n = Math.max(1, cohortSize(c, t));
      return cumulative(
        (j) => (answers[j].withheld ? 0 : optimalTerm(c, sites[j], answers[j].exists, n)),
        sites.length,
      );
    },
  };
}
