import { Inject, Injectable } from '@nestjs/common';
import { BUDGET_STORE, type BudgetStore } from './budget-store';
import { roundCount, type RoundedCount } from './count-rounding';
import { budgetPrincipal } from './principal';
import { PRIVACY_POLICY } from './privacy.tokens';
import { policyFor, type DatasetPrivacyPolicy, type PrivacyPolicy } from './privacy-policy';
import {
  RiskBudgetService,
  type AdmittedHit,
  type BudgetExhaustedEvent,
  type GuardHit,
} from './risk-budget.service';

export interface GuardContext {
  /** Account-level principal of the caller: `principalOf(caller)`. */
  readonly principal: string;
  /** The caller's institution (verified claim), used in `institution` collusion mode. */
  readonly institution: string | null;
  readonly datasetId: string;
  /** Individuals in the dataset (not withdrawn): the N of the pricing. */
  readonly n: number;
  /** CONTROLLED caller holding a valid grant for this dataset: may see records, no budget applies. */
  readonly exempt?: boolean;
  /** Overrides the policy file's section for this dataset (tests, the attack harness). */
  readonly policy?: DatasetPrivacyPolicy;
}

export type BudgetExhaustedListener = (events: readonly BudgetExhaustedEvent[]) => Promise<void> | void;

/**
 * The privacy guard the beacon calls for every dataset it answers from: which carriers each matching
 * allele may count for this caller (risk budget), how a count is released (floor, rounding), and the
 * per-principal rate limit (RateLimiterService). Exhaustion events go to the registered listeners (the
 * audit trail) after the budgets are committed; a listener that fails makes `admit` fail, so the answer
 * is not released (the charge stands, which errs on the side of the participant).
 */
@Injectable()
export class PrivacyGuardService {
  private readonly listeners = new Set<BudgetExhaustedListener>();

  constructor(
    @Inject(PRIVACY_POLICY) readonly policy: PrivacyPolicy,
    @Inject(BUDGET_STORE) private readonly store: BudgetStore,
    private readonly risk: RiskBudgetService = new RiskBudgetService(),
  ) {}

  /** The policy in force for a dataset. */
  policyFor(datasetId: string): DatasetPrivacyPolicy {
    return policyFor(this.policy, datasetId);
  }

  /** Registers a listener for budget-exhaustion events; returns its removal. */
  onBudgetExhausted(listener: BudgetExhaustedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Decides, hit by hit and in order, which carriers this caller's answer may count. */
  async admit(ctx: GuardContext, hits: readonly GuardHit[]): Promise<AdmittedHit[]> {
    if (ctx.exempt) {
      return hits.map((h) => ({
        variantKey: h.variantKey,
        exists: h.carriers.length > 0,
        reportedCarriers: h.carriers,
        excluded: 0,
        replayed: false,
      }));
    }
    const policy = ctx.policy ?? this.policyFor(ctx.datasetId);
    const scope = {
      principal: budgetPrincipal(ctx.principal, ctx.institution, policy.collusion),
      datasetId: ctx.datasetId,
    };
    const decision = await this.store.withScope(scope, (ledger) =>
      this.risk.decide(ledger, scope, policy, ctx.n, hits),
    );
    if (decision.exhausted.length > 0) {
      for (const listener of this.listeners) await listener(decision.exhausted);
    }
    return decision.hits;
  }

  /** A count as it may be released for this dataset, with its Beacon v2 precision. */
  roundCount(count: number, datasetId: string, policy?: DatasetPrivacyPolicy): RoundedCount {
    return roundCount(count, (policy ?? this.policyFor(datasetId)).counts);
  }
}
