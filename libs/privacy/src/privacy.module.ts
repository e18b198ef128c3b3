import { Module } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import { DatabaseConnection, SharedRedis } from '@helixgate/db';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_STORE, rateLimitStoreFor } from './rate-limit-store';
import { BUDGET_STORE } from './budget-store';
import { LatencyEqualizer } from './latency-equalizer';
import { PostgresBudgetStore } from './postgres-budget-store';
import { PrivacyGuardService } from './privacy-guard.service';
import { loadPrivacyPolicy } from './privacy-policy';
import { PRIVACY_POLICY } from './privacy.tokens';
import { RATE_LIMIT_CLOCK, RateLimiterService } from './rate-limiter.service';
import { RiskBudgetService } from './risk-budget.service';

/**
 * The privacy guard: reads `privacy.yaml` (or .yml/.json) from the policies directory at boot (a broken
 * file stops the app, naming the file and line), keeps risk budgets in the database, limits query rates.
 */
@Module({
  providers: [
    {
      provide: PRIVACY_POLICY,
      inject: [HelixgateConfig],
      useFactory: (config: HelixgateConfig) => loadPrivacyPolicy(config.policiesDir),
    },
    { provide: BUDGET_STORE, useClass: PostgresBudgetStore },
    { provide: RATE_LIMIT_CLOCK, useValue: Date.now },
    {
      provide: RATE_LIMIT_STORE,
      inject: [HelixgateConfig, SharedRedis, DatabaseConnection, DataSource],
      useFactory: rateLimitStoreFor,
    },
    RiskBudgetService,
    PrivacyGuardService,
    RateLimiterService,
    LatencyEqualizer,
  ],
  exports: [PRIVACY_POLICY, PrivacyGuardService, RateLimiterService, LatencyEqualizer],
})
export class PrivacyModule {}
