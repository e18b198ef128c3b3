import { Rng } from './rng';

export interface PopulationParams {
  /** Beacon members (N). */
  members: number;
  /** Non-member controls, drawn from the same population. */
  controls: number;
  /** Independent sites. */
  sites: number;
  /** Individuals of the separate reference panel used to price answers. */
  referencePanel: number;
  seed: number;
  /** Allele frequencies are log-uniform on [minFrequency, maxFrequency] (the 1/f spectrum). */
  minFrequency?: number;
  maxFrequency?: number;
  /** Real allele frequencies to draw site frequencies from instead (e.g. a fixture VCF's AF values). */
  frequencies?: readonly number[];
}

/**
 * A synthetic population: per site a true frequency f, genotypes Binomial(2, f) for every member and
 * control, and the reference panel's allele count (only its count is needed to price answers).
 * Stored sparsely: the member carriers of each site (what the beacon holds), the carried sites of each
 * target (what the attacker holds about the person it tests).
 */
export interface Population {
  readonly params: PopulationParams;
  /** True frequency per site. */
  readonly frequency: Float64Array;
  /** Reference-panel frequency per site (allele count / 2R). */
  readonly referenceFrequency: Float64Array;
  /** Allele copies among members per site. */
  readonly memberAlleleCount: Int32Array;
  /** Member carriers of site s: memberCarriers.subarray(carrierStart[s], carrierStart[s + 1]). */
  readonly carrierStart: Int32Array;
  readonly memberCarriers: Int32Array;
  /** Sites each target carries, targets 0..N-1 are the members, N..N+C-1 the controls. */
  readonly carried: Int32Array[];
}

export function carriersOf(pop: Population, site: number): Int32Array {
  return pop.memberCarriers.subarray(pop.carrierStart[site], pop.carrierStart[site + 1]);
}

export function generatePopulation(params: PopulationParams): Population {
  const rng = new Rng(params.seed);
  const { members: n, controls: c, sites, referencePanel: r } = params;
  const lo = Math.log(params.minFrequency ?? 1e-5);
  const hi = Math.log(params.maxFrequency ?? 0.5);
  const frequency = new Float64Array(sites);
  const referenceFrequency = new Float64Array(sites);
  const memberAlleleCount = new Int32Array(sites);
  const carrierStart = new Int32Array(sites + 1);
  const memberList: number[] = [];
  const carried: number[][] = Array.from({ length: n + c }, () => []);
  for (let s = 0; s < sites; s++) {
    const f = params.frequencies
      ? params.frequencies[Math.floor(rng.next() * params.frequencies.length)]
      : Math.exp(lo + (hi - lo) * rng.next());
    frequency[s] = f;
    const pCarrier = 1 - (1 - f) * (1 - f);
    const pHomGivenCarrier = (f * f) / pCarrier;
    carrierStart[s] = memberList.length;
    let ac = 0;
    for (const i of rng.successes(n + c, pCarrier)) {
      carried[i].push(s);
      if (i < n) {
        memberList.push(i);
        ac += rng.next() < pHomGivenCarrier ? 2 : 1;
      }
    }
    memberAlleleCount[s] = ac;
    referenceFrequency[s] = rng.binomial(2 * r, f) / (2 * r);
  }
  carrierStart[sites] = memberList.length;
  return {
    params,
    frequency,
    referenceFrequency,
    memberAlleleCount,
    carrierStart,
    memberCarriers: Int32Array.from(memberList),
    carried: carried.map((l) => Int32Array.from(l)),
  };
}
