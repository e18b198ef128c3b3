import { Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { AuditService } from '@helixgate/audit';
import { principalOf, PrivacyGuardService, type PrivacyAllowance } from '@helixgate/privacy';
import type { DatasetEntity } from '@helixgate/variants';
import { DatasetAccessService } from './dataset-access.service';
import { EntitlementService, type EntitlementGranularity } from './entitlement.service';

/** At most this many datasets named in one read. */
export const MAX_ALLOWANCE_DATASETS = 100;

export interface DatasetAllowance extends PrivacyAllowance {
  /** The most the dataset may tell the caller. */
  readonly granularity: EntitlementGranularity;
}

/**
 * The caller's own privacy allowance per dataset (docs/privacy.md rules 5-7): only for datasets the caller may
 * see (UNKNOWN_DATASET otherwise, the same words whether it exists or not), read from the caller's own
 * quota row and the policy by the privacy guard. A caller whose answers skip the guard (a grant holder, a
 * dataset without the risk budget) is told so: nothing is charged to them there.
 */
@Injectable()
export class PrivacyAllowanceService {
  constructor(
    private readonly datasets: DatasetAccessService,
    private readonly entitlements: EntitlementService,
    private readonly guard: PrivacyGuardService,
    private readonly audit: AuditService,
  ) {}

  /** The named datasets (every visible one when `ids` is null), in the order asked. */
  async allowances(caller: Caller, ids: readonly string[] | null): Promise<DatasetAllowance[]> {
    let datasets: DatasetEntity[];
    if (ids === null) datasets = await this.datasets.list(caller);
    else {
      if (ids.length > MAX_ALLOWANCE_DATASETS)
        throw new DomainError(
          'BAD_REQUEST',
          `at most ${MAX_ALLOWANCE_DATASETS} datasets at a time (${ids.length} named)`,
        );
      datasets = [];
      for (const id of new Set(ids)) datasets.push(await this.datasets.getVisible(caller, id));
    }
    this.audit.annotate({ datasetIds: datasets.map((d) => d.id) });
    const ent = await this.entitlements.entitlements(caller, datasets);
    const who = { principal: principalOf(caller), institution: caller.institution };
    const now = Date.now();
    const out: DatasetAllowance[] = [];
    for (const d of datasets) {
      const e = ent.get(d.id)!;
      const a = await this.guard.allowance(who, { id: d.id, individuals: d.individualCount }, now);
      out.push({
        ...a,
        granularity: e.granularity,
        guarded: a.guarded && !e.privacyExempt && e.granularity !== 'NONE',
      });
    }
    return out;
  }
}
