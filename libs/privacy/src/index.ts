export { BUDGET_STORE, type BudgetStore, InMemoryBudgetStore } from './budget-store';
export { countEvidence, countNoiseSd } from './count-noise';
export { LatencyEqualizer } from './latency-equalizer';
export { PostgresBudgetStore } from './postgres-budget-store';
export {
  contigPloidy,
  expectedDraw,
  type PanelFrequency,
  panelPricingFrequency,
  type PriceBand,
  revelationCost,
} from './pricing';
export { principalOf } from './principal';
export { type CountCostEstimate, type PrivacyAllowance, PrivacyGuardService } from './privacy-guard.service';
export {
  type DatasetPrivacyPolicy,
  DEFAULT_DATASET_POLICY,
  defaultPrivacyPolicy,
  loadPrivacyPolicy,
  policyFor,
  type PrivacyPolicy,
} from './privacy-policy';
export { PrivacyModule } from './privacy.module';
export { PRIVACY_POLICY } from './privacy.tokens';
export { RATE_LIMIT_COST, RateLimiterService } from './rate-limiter.service';
export { type GuardHit, RiskBudgetService } from './risk-budget.service';
export {
  MemoryRateLimitStore,
  PostgresRateLimitStore,
  RATE_LIMIT_STORE,
  type RateLimitStore,
  RedisRateLimitStore,
} from './rate-limit-store';
