import { Injectable } from '@nestjs/common';
import type { BudgetLedger, IndividualBudget, RecordedAnswer } from './budget-store';
import type { DatasetPrivacyPolicy } from './privacy-policy';
import { pricingFrequency, revelationCost, type PricedHit } from './pricing';

/** One allele that matched a query in one dataset, with the individuals carrying it. */
export interface GuardHit extends PricedHit {
  /** Stable identity of the allele in the dataset (e.g. `chr1:12345:A>G`); a repeated query repeats it. */
  readonly variantKey: string;
  /** Individuals (column index in the dataset) carrying the allele, withdrawn ones already removed. */
  readonly carriers: readonly number[];
}

export interface AdmittedHit {
  readonly variantKey: string;
  /** Is any carrier counted? When false the caller is told "no" for this allele. */
  readonly exists: boolean;
  /** The carriers this caller's answer may count (a subset of `carriers`). */
  readonly reportedCarriers: readonly number[];
  /** Carriers left out (their budget cannot pay for this answer). */
  readonly excluded: number;
  /** True when the answer repeats one already released to this principal (no new charge). */
  readonly replayed: boolean;
}

/** An individual left out of an answer for lack of remaining budget, reported once per principal. */
export interface BudgetExhaustedEvent {
  readonly principal: string;
  readonly datasetId: string;
  readonly individual: number;
  readonly spent: number;
  readonly riskBudget: number;
}

export interface RiskDecision {
  hits: AdmittedHit[];
  exhausted: BudgetExhaustedEvent[];
}

// Budgets are compared with a little slack so that a cost computed twice never flips a decision.
const EPS = 1e-12;

/**
 * The per-individual risk budget (Raisaro et al. 2017). Each hit is priced once (pricing.ts); then, in
 * order, each carrier who can still afford it is counted and charged, the others are left out. Answers
 * that depend on budgets are recorded, and a repeat of one is answered as first released, uncharged:
 * otherwise the change of a repeated answer (yes, later no) would tell the attacker a carrier ran out.
 */
@Injectable()
export class RiskBudgetService {
  async decide(
    ledger: BudgetLedger,
    scope: { principal: string; datasetId: string },
    policy: DatasetPrivacyPolicy,
    individuals: number,
    hits: readonly GuardHit[],
  ): Promise<RiskDecision> {
    const costs = hits.map((h) => revelationCost(pricingFrequency(h, individuals), individuals));
    const budgetDependent = (c: number) => c >= policy.minChargedCost && c <= policy.riskBudget + EPS;
    const keys: string[] = [];
    const need = new Set<number>();
    hits.forEach((h, j) => {
      if (!budgetDependent(costs[j])) return;
      keys.push(h.variantKey);
      for (const c of h.carriers) need.add(c);
    });
    const recorded = keys.length ? await ledger.answers(keys) : new Map<string, RecordedAnswer>();
    const budgets = need.size ? await ledger.budgets([...need]) : new Map<number, IndividualBudget>();
    const changed = new Map<number, IndividualBudget>();
    const newAnswers = new Map<string, RecordedAnswer>();
    const exhausted: BudgetExhaustedEvent[] = [];

    const out = hits.map((hit, j): AdmittedHit => {
      const cost = costs[j];
      const carriers = hit.carriers;
      if (cost < policy.minChargedCost) return admitted(hit, carriers, 0, false);
      // Rarer than any full budget can pay for: never revealed, to anyone, so nothing to record.
      if (!budgetDependent(cost)) return admitted(hit, [], carriers.length, false);
      const before = newAnswers.get(hit.variantKey) ?? recorded.get(hit.variantKey);
      if (before && before.carriers === carriers.length) {
        // Which carriers stood behind the first answer is not stored (it would be a genotype in clear);
        // the same number is, and that is all the caller saw.
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
            principal: scope.principal,
            datasetId: scope.datasetId,
            individual: c,
            spent: b.spent,
            riskBudget: policy.riskBudget,
          });
        }
      }
      newAnswers.set(hit.variantKey, { carriers: carriers.length, admitted: counted.length });
      return admitted(hit, counted, carriers.length - counted.length, false);
    });
    if (changed.size > 0 || newAnswers.size > 0) await ledger.save(changed, newAnswers);
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
