import { Injectable } from '@nestjs/common';
import { EntitlementService, type Entitlement } from '@helixgate/access';
import { AuditService } from '@helixgate/audit';
import { DomainError, type Caller } from '@helixgate/common';
import { PrivacyGuardService, RateLimiterService } from '@helixgate/privacy';
import { IndividualMetadataService, type IndividualRecord } from '@helixgate/variants';
import { effectiveGranularity, type ReleasedCount } from './beacon-answer';
import type { BeaconFilter } from './beacon-filters';
import type { Granularity } from './beacon-query';
import { BeaconService } from './beacon.service';

/** At most this many individual records per dataset in one answer. */
export const INDIVIDUAL_RECORD_LIMIT = 1000;

export interface IndividualsQuery {
  datasetIds: readonly string[] | null;
  filters: readonly BeaconFilter[] | null;
  requestedGranularity: Granularity;
}

export interface IndividualsResult {
  datasetId: string;
  exists: boolean;
  granularity: Granularity;
  /** COUNT and RECORD: the individuals matching the filters, released per the privacy policy. */
  count: ReleasedCount | null;
  /** RECORD only (a grant): the matching individuals' records. */
  records: IndividualRecord[] | null;
  recordsTruncated: boolean;
}

export interface IndividualsAnswer {
  exists: boolean;
  requestedGranularity: Granularity;
  returnedGranularity: Granularity;
  resultSets: IndividualsResult[];
  warnings: string[];
}

const RANK: Record<Granularity, number> = { BOOLEAN: 0, COUNT: 1, RECORD: 2 };

/**
 * Beacon `/individuals`: how many individuals of each dataset match the filters (count granularity at
 * most without a grant: the privacy policy's floor and rounding apply to every count, filtered or not),
 * and their records only for callers whose grant or visa gives record access (the decryption audited).
 * The same datasets, visibility and entitlements as the variant engine (BeaconService).
 */
@Injectable()
export class BeaconIndividualsService {
  constructor(
    private readonly beacon: BeaconService,
    private readonly entitlements: EntitlementService,
    private readonly individuals: IndividualMetadataService,
    private readonly guard: PrivacyGuardService,
    private readonly rateLimiter: RateLimiterService,
    private readonly audit: AuditService,
  ) {}

  async query(caller: Caller, q: IndividualsQuery): Promise<IndividualsAnswer> {
    await this.rateLimiter.check(caller);
    const queryable = await this.beacon.queryableDatasets(caller);
    let datasets = queryable;
    if (q.datasetIds?.length) {
      const missing = q.datasetIds.filter((id) => !queryable.some((d) => d.id === id));
      if (missing.length)
        throw new DomainError(
          'UNKNOWN_DATASET',
          `dataset${missing.length > 1 ? 's' : ''} ${missing.map((id) => `"${id.slice(0, 64)}"`).join(', ')} not found or no access`,
        );
      datasets = queryable.filter((d) => q.datasetIds!.includes(d.id));
    }
    if (datasets.length === 0) throw new DomainError('UNKNOWN_DATASET', 'no dataset is visible to you');
    const ent = await this.entitlements.entitlements(caller, datasets);
    const resolved = q.filters?.length
      ? await this.beacon.resolveFilters(
          q.filters,
          datasets.map((d) => d.id),
        )
      : null;
    const resultSets: IndividualsResult[] = [];
    for (const d of datasets) {
      const e = ent.get(d.id)!;
      const granularity = effectiveGranularity(
        q.requestedGranularity,
        e.granularity as Exclude<Entitlement['granularity'], 'NONE'>,
      );
      // Without filters: every individual of the dataset (the catalog count, withdrawn ones excluded);
      // the records are those of the described ones.
      const cohort = resolved ? (await this.individuals.cohort(d.id, resolved.sets)).members : null;
      const n = cohort ? cohort.size : d.individualCount;
      const count: ReleasedCount = e.privacyExempt
        ? { value: n, precision: 'exact', adjustedTo: null }
        : (() => {
            const r = this.guard.roundCount(n, d.id);
            return { value: r.value, precision: r.countPrecision, adjustedTo: r.countAdjustedTo ?? null };
          })();
      let records: IndividualRecord[] | null = null;
      let truncated = false;
      if (granularity === 'RECORD') {
        const members = [...(cohort ?? (await this.individuals.describedIndexes(d.id)))];
        const chosen = members.sort((a, b) => a - b).slice(0, INDIVIDUAL_RECORD_LIMIT);
        truncated = members.length > chosen.length;
        records = await this.individuals.records(d.id, chosen);
        await this.audit.recordFor(caller, {
          action: 'decrypt',
          resource: `dataset:${d.id}`,
          datasetIds: [d.id],
          granularity: 'RECORD',
          outcome: 'allow',
          // As the variant records' decryption (BeaconService.recordsFor): how many participants, which (by
          // index), under which grant and purpose — what participantAccessHistory reads.
          detail: {
            individualCount: records.length,
            individuals: chosen,
            grantId: e.grantId,
            purpose: e.purpose ?? undefined,
          },
        });
      }
      resultSets.push({
        datasetId: d.id,
        exists: count.value > 0,
        granularity,
        count: granularity === 'BOOLEAN' ? null : count,
        records,
        recordsTruncated: truncated,
      });
    }
    const returned = resultSets.reduce<Granularity>(
      (g, r) => (RANK[r.granularity] < RANK[g] ? r.granularity : g),
      'RECORD',
    );
    this.audit.annotate({
      datasetIds: resultSets.map((r) => r.datasetId),
      granularity: returned,
      detail: {
        beaconQuery: 'individuals',
        ...(q.filters?.length ? { filters: q.filters.map((f) => f.id) } : {}),
      },
    });
    return {
      exists: resultSets.some((r) => r.exists),
      requestedGranularity: q.requestedGranularity,
      returnedGranularity: returned,
      resultSets,
      warnings: resolved?.warnings ?? [],
    };
  }
}
