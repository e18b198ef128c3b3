import { Injectable } from '@nestjs/common';
import type { BudgetLedger, IndividualBudget, RecordedDecision } from './budget-store';
import type { DatasetPrivacyPolicy } from './privacy-policy';
import { priceBand, revelationCost, type PriceBand } from './pricing';

/** One allele that matched a query in one dataset, with the individuals carrying it. */
export interface GuardHit {
  /** Stable identity of the allele in the dataset (e.g. `chr1:12345:A>G`); a repeated query repeats it. */
  readonly variantKey: string;
  /** Individuals (column index in the dataset) carrying the allele, withdrawn ones already removed. */
  readonly carriers: readonly number[];
  /** The frequency the answer is priced at (panel, lower bound; 0: not in the panel, never seen). */
  readonly pricingFrequency: number;
  /** Haplotypes per individual at this site (contigPloidy); default 2. */
  readonly ploidy?: number;
}

export interface AdmittedHit {
  readonly variantKey: string;
  /** Is any carrier counted? When false the caller is told "no" for this allele. */
  readonly exists: boolean;
  /** The carriers this caller's answer may count (a subset of `carriers`). */
  readonly reportedCarriers: readonly number[];
  /** Carriers left out (their budget cannot pay, or the allele is too rare to reveal at all). */
  readonly excluded: number;
  /** True when the answer repeats one already decided for some caller (no new charge). */
  readonly replayed: boolean;
}

/** An individual left out of an answer for lack of remaining budget, reported once per dataset. */
export interface BudgetExhaustedEvent {
  /** The principal whose query met the exhausted budget. */
  readonly principal: string;
  readonly datasetId: string;
  readonly individual: number;
  readonly spent: number;
  readonly riskBudget: number;
}

/** RiskBudgetService.plan: the hits' prices and bands, and the ledger rows deciding the priced ones needs. */
export interface DecisionPlan {
  readonly costs: readonly number[];
  readonly bands: readonly PriceBand[];
  /** Priced alleles, in hit order. */
  readonly variantKeys: readonly string[];
  /** Their carriers, without repeats. */
  readonly individuals: readonly number[];
}

export interface RiskDecision {
  hits: AdmittedHit[];
  exhausted: BudgetExhaustedEvent[];
}

// Budgets are compared with a little slack so that a cost computed twice never flips a decision.
const EPS = 1e-12;

/**
 * The per-individual risk budget (Raisaro et al. 2017), shared by every caller of a dataset. Each hit is
 * priced from its panel frequency (pricing.ts); common alleles (below minChargedCost) are counted in full,
 * alleles no budget can pay for are never revealed; for the others, in order, each carrier who can still
 * afford it is counted and charged, the others are left out, so that the answer is exactly what it would
 * be without them. The first decision about an allele is recorded and replayed to every later caller,
 * uncharged: otherwise two callers comparing notes would see a yes turn into a no once a carrier ran out.
 */
@Injectable()
export class RiskBudgetService {
  /**
   * Each hit's price and band, and what `decide` will read from the ledger for them: the priced alleles'
   * recorded decisions and their carriers' budgets. Known before the unit of work opens, so a store may
   * fetch them with its lock (BudgetScope.prefetch); `decide` takes the same plan instead of pricing again.
   */
  plan(policy: DatasetPrivacyPolicy, individuals: number, hits: readonly GuardHit[]): DecisionPlan {
    const costs = hits.map((h) => revelationCost(h.pricingFrequency, individuals, h.ploidy ?? 2));
    const bands = costs.map((c) => priceBand(c, policy));
    const variantKeys: string[] = [];
    const need = new Set<number>();
    hits.forEach((h, j) => {
      if (bands[j] !== 'priced') return;
      variantKeys.push(h.variantKey);
      for (const c of h.carriers) need.add(c);
    });
    return { costs, bands, variantKeys, individuals: [...need] };
  }

  async decide(
    ledger: BudgetLedger,
    ctx: { principal: string; datasetId: string },
    policy: DatasetPrivacyPolicy,
    individuals: number,
    hits: readonly GuardHit[],
    plan: DecisionPlan = this.plan(policy, individuals, hits),
  ): Promise<RiskDecision> {
    const { costs, bands, variantKeys, individuals: need } = plan;
    // Read even when empty: every decision costs the same statements (no timing difference between an
    // absent allele and a present one).
    const { decisions: recorded, budgets } = await ledger.read(variantKeys, need);
    const changed = new Map<number, IndividualBudget>();
    const decided = new Map<string, RecordedDecision>();
    const exhausted: BudgetExhaustedEvent[] = [];

    const out = hits.map((hit, j): AdmittedHit => {
      const cost = costs[j];
      const carriers = hit.carriers;
      if (bands[j] === 'free') return admitted(hit, carriers, 0, false);
      // Rarer than any full budget can pay for: never revealed, to anyone, so nothing to record.
      if (bands[j] === 'unaffordable') return admitted(hit, [], carriers.length, false);
      const before = decided.get(hit.variantKey) ?? recorded.get(hit.variantKey);
      if (before && before.carriers === carriers.length) {
        // Which carriers stood behind the first answer is not stored (it would be a genotype in clear);
        // the same number is, and that is all any caller saw.
        return admitted(hit, carriers.slice(0, before.admitted), carriers.length - before.admitted, true);
      }
      const counted: number[] = [];
      for (const c of carriers) {
        const b = changed.get(c) ?? budgets.get(c) ?? { spent: 0, exhausted: false };
        if (b.spent + cost <= policy.riskBudget + EPS) {
          counted.push(c);
          changed.set(c, { spent: b.spent + cost, exhausted: b.exhausted });
        } else if (!b.exhausted) {
          changed.set(c, { spent: b.spent, exhausted: true });
          exhausted.push({
            principal: ctx.principal,
            datasetId: ctx.datasetId,
            individual: c,
            spent: b.spent,
            riskBudget: policy.riskBudget,
          });
        }
      }
      decided.set(hit.variantKey, { carriers: carriers.length, admitted: counted.length });
      return admitted(hit, counted, carriers.length - counted.length, false);
    });
    // Saved even when nothing changed: the same statements for every decision (no timing channel).
    await ledger.save(changed, decided);
    return { hits: out, exhausted };
  }
}

function admitted(
  hit: GuardHit,
  counted: readonly number[],
  excluded: number,
  replayed: boolean,
): AdmittedHit {
  return {
    variantKey: hit.variantKey,
    exists: counted.length > 0,
    reportedCarriers: counted,
    excluded,
    replayed,
  };
}
