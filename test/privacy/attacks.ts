import { revelationCost } from '@helixgate/privacy';
import type { Population } from './population';
import type { Rng } from './rng';

/** Sequencing error rate of the likelihood-ratio tests (Shringarpure & Bustamante 2015). */
export const DELTA = 1e-6;

/**
 * A membership attack on one target: the order in which it asks the target's alleles, and its score
 * (log-likelihood ratio "in the beacon" vs "not", higher = more member-like) after each answer.
 */
export interface Attack {
  readonly name: string;
  order(pop: Population, target: number, rng: Rng): Int32Array;
  /** Cumulative score after each of the answers (answers[j] for the j-th site of `sites`). */
  scores(pop: Population, sites: Int32Array, answers: Uint8Array): Float64Array;
}

/** log P(answer | in) / P(answer | out) when "no" has probability noIn if in, noOut if out. */
function llr(yes: boolean, noIn: number, noOut: number): number {
  return yes
    ? Math.log(Math.max(1 - noIn, 1e-300)) - Math.log(Math.max(1 - noOut, 1e-300))
    : Math.log(noIn) - Math.log(noOut);
}

/** Per-site terms the attackers need, computed once per population (the attacks run on every target). */
interface SiteTables {
  /** Rank of each site by true frequency (rarest first). */
  rank: Int32Array;
  bySiteRank: Int32Array;
  /** Attacker's price of an answer (true frequency). */
  cost: Float64Array;
  /** Optimal attacker's LLR of yes / no (target charged or guard off). */
  yes: Float64Array;
  no: Float64Array;
  /** LLR of yes / no once the target is left out (only the other N - 1 members can answer yes). */
  yesOut: Float64Array;
  noOut: Float64Array;
}

const tables = new WeakMap<Population, SiteTables>();

function siteTables(pop: Population): SiteTables {
  let t = tables.get(pop);
  if (t) return t;
  const n = pop.params.members;
  const sites = pop.params.sites;
  const bySiteRank = Int32Array.from({ length: sites }, (_, s) => s).sort(
    (a, b) => pop.frequency[a] - pop.frequency[b] || a - b,
  );
  const rank = new Int32Array(sites);
  bySiteRank.forEach((s, r) => (rank[s] = r));
  t = {
    rank,
    bySiteRank,
    cost: new Float64Array(sites),
    yes: new Float64Array(sites),
    no: new Float64Array(sites),
    yesOut: new Float64Array(sites),
    noOut: new Float64Array(sites),
  };
  for (let s = 0; s < sites; s++) {
    const f = pop.frequency[s];
    const dOthers = Math.pow(1 - f, 2 * n - 2);
    const dAll = Math.pow(1 - f, 2 * n);
    t.cost[s] = revelationCost(f, n);
    t.yes[s] = llr(true, DELTA * dOthers, dAll);
    t.no[s] = llr(false, DELTA * dOthers, dAll);
    t.yesOut[s] = llr(true, dOthers, dAll);
    t.noOut[s] = llr(false, dOthers, dAll);
  }
  tables.set(pop, t);
  return t;
}

function byRarest(t: SiteTables, sites: ArrayLike<number>): Int32Array {
  const ranks = Int32Array.from(sites, (s) => t.rank[s]).sort();
  return ranks.map((r) => t.bySiteRank[r]);
}

/**
 * Shringarpure-Bustamante LRT: the target's alleles in random order, one population-wide D (the chance
 * that none of N carries an allele the target carries, averaged over the target's alleles at the
 * reference panel's frequencies); a member's "no" is explained only by a sequencing error (δ).
 */
export const sbAttack: Attack = {
  name: 'SB LRT',
  order: (pop, target, rng) => Int32Array.from(rng.shuffle(Array.from(pop.carried[target]))),
  scores(pop, sites, answers) {
    const n = pop.params.members;
    let d = 0;
    for (const s of sites) d += Math.pow(1 - pop.referenceFrequency[s], 2 * n);
    d = sites.length ? d / sites.length : 0;
    const yes = llr(true, DELTA * Math.pow(d, (n - 1) / n), d);
    const no = llr(false, DELTA * Math.pow(d, (n - 1) / n), d);
    const out = new Float64Array(sites.length);
    let sum = 0;
    for (let j = 0; j < sites.length; j++) out[j] = sum += answers[j] ? yes : no;
    return out;
  },
};

/** The optimal attacker (Raisaro et al.): knows the true frequencies, asks the rarest alleles first, D_i = (1 - f_i)^(2N). */
export const optimalAttack: Attack = {
  name: 'optimal',
  order: (pop, target) => byRarest(siteTables(pop), pop.carried[target]),
  scores(pop, sites, answers) {
    const t = siteTables(pop);
    const out = new Float64Array(sites.length);
    let sum = 0;
    for (let j = 0; j < sites.length; j++) out[j] = sum += answers[j] ? t.yes[sites[j]] : t.no[sites[j]];
    return out;
  },
};

/**
 * The defence-aware attacker: knows the guard and its budget. It skips alleles no budget can pay for
 * (always "no"), asks the rest rarest first, and scores with suppression modelled: while the target's
 * modelled budget can pay, a member target's allele is answered "yes" (but for δ); after that the target
 * is left out and only the other members can make it "yes".
 */
export function defenceAwareAttack(riskBudget: number): Attack {
  return {
    name: 'defence-aware',
    order(pop, target) {
      const t = siteTables(pop);
      return byRarest(t, pop.carried[target]).filter((s) => t.cost[s] <= riskBudget);
    },
    scores(pop, sites, answers) {
      const t = siteTables(pop);
      const out = new Float64Array(sites.length);
      let left = riskBudget;
      let sum = 0;
      for (let j = 0; j < sites.length; j++) {
        const s = sites[j];
        if (t.cost[s] <= left + 1e-12) {
          if (answers[j]) left -= t.cost[s];
          sum += answers[j] ? t.yes[s] : t.no[s];
        } else {
          sum += answers[j] ? t.yesOut[s] : t.noOut[s];
        }
        out[j] = sum;
      }
      return out;
    },
  };
}
