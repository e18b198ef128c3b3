import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@helixgate/common';
import { BUDGET_STORE, quotaWindowStart, type BudgetStore } from './budget-store';
import { countEvidence, countNoiseSd, noiseDeviate, noisyAlleleCount } from './count-noise';
import { roundCount, type RoundedCount } from './count-rounding';
import { ANONYMOUS_PRINCIPAL, budgetPrincipal } from './principal';
import { PRIVACY_POLICY } from './privacy.tokens';
import { policyFor, type DatasetPrivacyPolicy, type PrivacyPolicy } from './privacy-policy';
import {
  panelPricingFrequency,
  priceBand,
  revelationCost,
  type PanelFrequency,
  type PriceBand,
} from './pricing';
import {
  RiskBudgetService,
  type AdmittedHit,
  type BudgetExhaustedEvent,
  type GuardHit,
} from './risk-budget.service';

export interface GuardContext {
  /** Account-level principal of the caller: `principalOf(caller)`. */
  readonly principal: string;
  /** The caller's institution (verified claim): who shares a quota in `institution` mode. */
  readonly institution: string | null;
  readonly datasetId: string;
  /** Individuals in the dataset (not withdrawn): the N of the pricing. */
  readonly n: number;
  /** CONTROLLED caller holding a valid grant for this dataset: may see records, no budget applies. */
  readonly exempt?: boolean;
  /** Overrides the policy file's section for this dataset (tests). */
  readonly policy?: DatasetPrivacyPolicy;
}

/** One dataset's share of a query against the caller's quota. */
export interface QuotaRequest {
  readonly datasetId: string;
  /** Priced alleles (by the panel) the query could reveal in this dataset. */
  readonly pricedAlleles: number;
  /** Nats those alleles are expected to draw from the dataset's budgets (expectedDraw, from the panel). */
  readonly expectedDraw?: number;
  /** Individuals in the dataset (the N of the pricing): the share is `quota.share` x N x riskBudget. */
  readonly individuals?: number;
  /**
   * Evidence (nats) of the noisy allele count the query may be answered (countEvidence, from the panel), held
   * against the principal's count budget (`counts.budget`); 0 or absent: the query releases no count.
   */
  readonly countEvidence?: number;
}

/** Allele frequencies the allowance's estimates are given at: common, fairly common, the lower end of "common". */
export const ALLOWANCE_FREQUENCIES: readonly number[] = [0.5, 0.2, 0.05];

/** What one noisy count of an allele of this panel frequency costs at this N, and how many the budget left buys. */
export interface CountCostEstimate {
  readonly alleleFrequency: number;
  /** Nats one count costs (countEvidence, autosomal); null: at this N such an allele is answered yes/no only. */
  readonly natsPerCount: number | null;
  /** Counts of such alleles the budget left buys (null with natsPerCount). */
  readonly countsLeft: number | null;
}

/**
 * A principal's own privacy allowance in one dataset (docs/privacy.md rules 5-7): read from its own quota row
 * and the policy, never from the dataset's data, so it tells the caller nothing about who is in it.
 */
export interface PrivacyAllowance {
  readonly datasetId: string;
  /** The risk budget applies to this dataset (riskBudgetEnforced); false: nothing below is charged. */
  readonly guarded: boolean;
  /** Whose allowance: the caller's account, or (collusion: institution) every account of its institution. */
  readonly sharedBy: 'account' | 'institution' | 'anonymous';
  /** The count budget (rule 7), null when the policy has none. */
  readonly counts: {
    readonly spentNats: number;
    readonly capNats: number;
    readonly leftNats: number;
    readonly fractionLeft: number;
    readonly estimates: readonly CountCostEstimate[];
  } | null;
  /** The quota of priced alleles and the share (rules 5-6) in the current window. */
  readonly quota: {
    readonly allelesUsed: number;
    /** 0: no quota. */
    readonly allelesCap: number;
    readonly shareUsedNats: number;
    /** 0: no share. */
    readonly shareCapNats: number;
    readonly windowSeconds: number;
    /** When the current window ends (ms since the epoch). */
    readonly windowEndsAt: number;
  };
}

export type BudgetExhaustedListener = (events: readonly BudgetExhaustedEvent[]) => Promise<void> | void;

/**
 * The privacy guard the beacon calls for every dataset it answers from: the price of an allele (panel
 * frequency, never the dataset's counts), which carriers each matching allele may count (the dataset's
 * per-individual budgets, shared by all callers), the caller's quota of priced alleles, and how a count
 * is released (floor, rounding). Exhaustion events go to the registered listeners (the audit trail)
 * after the budgets are committed; a listener that fails makes `admit` fail, so the answer is not
 * released (the charge stands, which errs on the side of the participant).
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

  /** The frequency an allele is priced at, from what the dataset's panel says about it (null: absent). */
  pricingFrequency(panel: PanelFrequency | null, policy: DatasetPrivacyPolicy): number {
    return panelPricingFrequency(panel, policy.panelConfidence);
  }

  /** Free, priced or unaffordable: from the panel, N and the policy only. */
  band(pricingFrequency: number, n: number, ploidy: number, policy: DatasetPrivacyPolicy): PriceBand {
    return priceBand(revelationCost(pricingFrequency, n, ploidy), policy);
  }

  /**
   * The evidence (nats) the noisy allele count of one free allele can carry about any one individual
   * (countEvidence of its noise's deviation, from the panel), or 0 when counts carry no noise (then no count
   * budget applies: the policy refuses a count budget without noise).
   */
  countEvidence(pricingFrequency: number, n: number, ploidy: number, policy: DatasetPrivacyPolicy): number {
    if (!(policy.counts.noise > 0) || !(policy.counts.budget > 0)) return 0;
    return countEvidence(countNoiseSd(policy.counts.noise, pricingFrequency, n, ploidy), ploidy);
  }

  /**
   * Counts the priced alleles a query may reveal against the caller's quota in each dataset, and the
   * evidence of the noisy count it may release against the caller's count budget, all or nothing; throws
   * PRIVACY_QUOTA_EXCEEDED (saying the numbers and when to retry), PRIVACY_QUERY_TOO_BROAD (the query
   * alone passes the whole quota or share: no retry helps) or PRIVACY_COUNT_BUDGET_SPENT and changes
   * nothing when one would pass its cap. The count comes from the panel, not the data: a refusal says nothing
   * about what the dataset holds.
   */
  async chargeQuota(
    caller: { principal: string; institution: string | null },
    requests: readonly QuotaRequest[],
    now = Date.now(),
  ): Promise<void> {
    const charges = requests.map((r) => {
      const policy = this.policyFor(r.datasetId);
      return {
        principal: budgetPrincipal(caller.principal, caller.institution, policy.collusion),
        datasetId: r.datasetId,
        alleles: r.pricedAlleles,
        cap: policy.quota.alleles,
        nats: r.expectedDraw ?? 0,
        natsCap: policy.quota.share * (r.individuals ?? 0) * policy.riskBudget,
        windowSeconds: policy.quota.windowSeconds,
        countNats: r.countEvidence ?? 0,
        countCap: policy.counts.budget,
      };
    });
    // A query that alone passes the whole quota or share can never be answered: a 429 "retry in 64605 s"
    // would send the caller to wait for nothing. Refused for what it is, before anything is charged.
    for (const c of charges) {
      if (c.cap > 0 && c.alleles > c.cap) {
        throw new DomainError(
          'PRIVACY_QUERY_TOO_BROAD',
          `dataset "${c.datasetId}": this query may reveal ${c.alleles} priced alleles, more than ${whose(c.principal)} whole ` +
            `quota of ${c.cap} per ${c.windowSeconds} s, so it can never be answered; narrow it (a shorter ` +
            `range, a variantType, fewer alleles)`,
          { datasetId: c.datasetId, limit: 'alleles', alleles: c.alleles, cap: c.cap },
        );
      }
      // The same slack as the store's check (passedLimit).
      if (c.natsCap > 0 && c.nats > c.natsCap * (1 + 1e-9)) {
        throw new DomainError(
          'PRIVACY_QUERY_TOO_BROAD',
          `dataset "${c.datasetId}": this query would draw ${((100 * c.nats) / c.natsCap).toFixed(1)}% of ${whose(c.principal)} ` +
            `whole share of the dataset's privacy budget per ${c.windowSeconds} s (one account may draw at ` +
            `most ${(100 * this.policyFor(c.datasetId).quota.share).toFixed(0)}% of what the dataset may ` +
            `reveal), so it can never be answered; narrow it (a shorter range, a variantType, commoner alleles)`,
          { datasetId: c.datasetId, limit: 'share', nats: c.nats, natsCap: c.natsCap },
        );
      }
    }
    const refused = await this.store.chargeQuotas(charges, now);
    const who = whose(charges.find((c) => c.datasetId === refused?.datasetId)?.principal ?? '');
    if (refused?.limit === 'counts') {
      const b = this.policyFor(refused.datasetId).counts.budget;
      const left = Math.max(0, refused.countCap - refused.countSpent);
      throw new DomainError(
        'PRIVACY_COUNT_BUDGET_SPENT',
        `dataset "${refused.datasetId}": this allele count would carry ${refused.countNats.toPrecision(2)} nats ` +
          `of evidence and ${left.toPrecision(2)} of ${who} count budget of ${b} nats is left ` +
          `(docs/privacy.md, rule 7: the counts one account is told are bounded, for good, so that an ` +
          `allele-frequency test on them cannot tell members from non-members); ask with ` +
          `requestedGranularity=boolean (yes/no answers are not charged to it), or about a commoner allele`,
        { ...refused },
      );
    }
    if (refused?.limit === 'share') {
      const pct = (x: number) => `${((100 * x) / refused.natsCap).toFixed(1)}%`;
      throw new DomainError(
        'PRIVACY_QUOTA_EXCEEDED',
        `dataset "${refused.datasetId}": this query would draw ${pct(refused.nats)} of ${who} share of the ` +
          `dataset's privacy budget, and ${pct(refused.natsUsed)} of it is used in this ${refused.windowSeconds} s ` +
          `window (one account may draw at most ${(100 * this.policyFor(refused.datasetId).quota.share).toFixed(0)}% ` +
          `of what the dataset may reveal, so that it cannot spend everyone's); ask narrower queries or about ` +
          `commoner alleles, or retry in ${refused.retryAfterSeconds} s`,
        { ...refused },
      );
    }
    if (refused) {
      throw new DomainError(
        'PRIVACY_QUOTA_EXCEEDED',
        `dataset "${refused.datasetId}": this query may reveal ${refused.alleles} priced alleles, and ` +
          `${refused.used} of ${who} ${refused.cap} per ${refused.windowSeconds} s are used; ` +
          `ask fewer or narrower queries, or retry in ${refused.retryAfterSeconds} s`,
        { ...refused },
      );
    }
  }

  /**
   * The caller's own allowance in one dataset of `individuals` (N, withdrawn excluded): its count budget spent
   * and left, with what a count of a common allele costs at this N, and its quota and share in the current
   * window. Read-only: charges nothing, writes nothing. The caller must already be allowed to see the dataset.
   */
  async allowance(
    caller: { principal: string; institution: string | null },
    dataset: { id: string; individuals: number },
    now = Date.now(),
  ): Promise<PrivacyAllowance> {
    const policy = this.policyFor(dataset.id);
    const principal = budgetPrincipal(caller.principal, caller.institution, policy.collusion);
    const usage = await this.store.quotaUsage(principal, dataset.id);
    const start = quotaWindowStart(now, policy.quota.windowSeconds);
    const current = usage.windowStart === start;
    const cap = policy.counts.budget;
    let counts: PrivacyAllowance['counts'] = null;
    if (cap > 0) {
      const spent = Math.min(usage.countSpent, cap);
      const left = Math.max(0, cap - usage.countSpent);
      counts = {
        spentNats: usage.countSpent,
        capNats: cap,
        leftNats: left,
        fractionLeft: Math.min(1, Math.max(0, 1 - spent / cap)),
        estimates: ALLOWANCE_FREQUENCIES.map((f) => {
          if (this.band(f, dataset.individuals, 2, policy) !== 'free')
            return { alleleFrequency: f, natsPerCount: null, countsLeft: null };
          const per = this.countEvidence(f, dataset.individuals, 2, policy);
          // With the charge's slack (passedLimit): the counts it would still answer.
          const fit = Math.floor((cap * (1 + 1e-9) - usage.countSpent) / per);
          return { alleleFrequency: f, natsPerCount: per, countsLeft: Math.max(0, fit) };
        }),
      };
    }
    return {
      datasetId: dataset.id,
      guarded: policy.riskBudgetEnforced,
      sharedBy: principal.startsWith('institution:')
        ? 'institution'
        : principal === ANONYMOUS_PRINCIPAL
          ? 'anonymous'
          : 'account',
      counts,
      quota: {
        allelesUsed: current ? usage.used : 0,
        allelesCap: policy.quota.alleles,
        shareUsedNats: current ? usage.drawn : 0,
        shareCapNats: policy.quota.share * dataset.individuals * policy.riskBudget,
        windowSeconds: policy.quota.windowSeconds,
        windowEndsAt: start + policy.quota.windowSeconds * 1000,
      },
    };
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
    // The ledger rows the decision reads are known now: the store may fetch them with its lock.
    const plan = this.risk.plan(policy, ctx.n, hits);
    const decision = await this.store.withScope({ datasetId: ctx.datasetId, prefetch: plan }, (ledger) =>
      this.risk.decide(
        ledger,
        { principal: ctx.principal, datasetId: ctx.datasetId },
        policy,
        ctx.n,
        hits,
        plan,
      ),
    );
    if (decision.exhausted.length > 0) {
      for (const listener of this.listeners) await listener(decision.exhausted);
    }
    return decision.hits;
  }

  /**
   * The allele count of one common allele as released under the budget: with the dataset's fixed noise when
   * `counts.noise` > 0 (count-noise.ts), else per floor and rounding. `frequency` is the panel's.
   */
  async alleleCount(
    ctx: { datasetId: string; variantKey: string; n: number; ploidy: number; frequency: number },
    count: number,
    alleleNumber: number,
    policy?: DatasetPrivacyPolicy,
  ): Promise<RoundedCount> {
    const counts = (policy ?? this.policyFor(ctx.datasetId)).counts;
    if (!(counts.noise > 0)) return roundCount(count, counts);
    // Cached per process, dropped whenever the dataset table changes: a dataset deleted and created again
    // gets a new key in every process.
    const key = await this.store.noiseKey(ctx.datasetId);
    const z = noiseDeviate(key, ctx.datasetId, ctx.variantKey);
    return noisyAlleleCount(
      count,
      alleleNumber,
      countNoiseSd(counts.noise, ctx.frequency, ctx.n, ctx.ploidy),
      z,
      counts,
    );
  }

  /** The dataset catalog changed (the beacon read it again): cached per-dataset keys are read afresh. */
  datasetsChanged(): void {
    this.store.forgetNoiseKeys();
  }

  /** A count as it may be released for this dataset, with its Beacon v2 precision. */
  roundCount(count: number, datasetId: string, policy?: DatasetPrivacyPolicy): RoundedCount {
    return roundCount(count, (policy ?? this.policyFor(datasetId)).counts);
  }
}

/**
 * Whose allowance a refusal speaks of: every anonymous caller shares one (they cannot be told apart), and in
 * `institution` collusion mode an institution's accounts share theirs (docs/privacy.md, rule 5).
 */
function whose(principal: string): string {
  if (principal === ANONYMOUS_PRINCIPAL) return "the anonymous callers' shared";
  if (principal.startsWith('institution:')) return "your institution's";
  return 'your';
}
