import { Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { AuditService } from '@helixgate/audit';
import { HelixgateConfig } from '@helixgate/config';
import {
  allowedGranularity,
  effectiveGranularity,
  shapeAnswer,
  type BeaconAnswer,
  type DatasetDecision,
} from './beacon-answer';
import { validateBeaconQuery, type BeaconQueryRequest, type VariantQuery } from './beacon-query';
import { BeaconRepository, type BeaconDataset, type DatasetCatalog } from './beacon.repository';

@Injectable()
export class BeaconService {
  /**
   * Dataset metadata, kept in memory. It is never trusted blindly: every aggregate query also returns the
   * catalog version (a fingerprint of the dataset table), and a mismatch reloads and re-decides.
   */
  private catalog: DatasetCatalog | null = null;
  private loading: Promise<DatasetCatalog> | null = null;

  constructor(
    private readonly repository: BeaconRepository,
    private readonly config: HelixgateConfig,
    private readonly audit: AuditService,
  ) {}

  /** Validate → datasets visible to the caller → granularity per dataset → one SQL statement → shape. */
  async query(caller: Caller, request: BeaconQueryRequest): Promise<BeaconAnswer> {
    const query = validateBeaconQuery(request, { maxRangeBp: this.config.vars.HELIXGATE_MAX_RANGE_BP });
    const answer = await this.answer(caller, query);
    // The request's one audit event (written by the interceptor) names the datasets that answered and
    // the granularity released. No bases, positions or counts: the trail is not a copy of the answers.
    this.audit.annotate({
      datasetIds: answer.resultSets.map((r) => r.datasetId),
      granularity: answer.returnedGranularity,
      detail: { beaconQuery: query.kind, assembly: query.assembly },
    });
    return answer;
  }

  private async answer(caller: Caller, query: VariantQuery): Promise<BeaconAnswer> {
    let catalog = await this.datasets(false);
    for (let attempt = 0; ; attempt++) {
      const decisions = this.decide(caller, query, await this.resolveDatasets(caller, query, catalog));
      if (decisions.length === 0 && attempt === 0) {
        // Nothing to ask: make sure that is not an artefact of stale metadata before answering "no".
        const fresh = await this.datasets(true);
        if (fresh.version !== catalog.version) {
          catalog = fresh;
          continue;
        }
      }
      if (decisions.length === 0) return shapeAnswer(query.requestedGranularity, [], []);
      const { catalogVersion, aggregates } = await this.repository.aggregateMatches(
        query,
        decisions.map((d) => d.dataset.id),
      );
      if (catalogVersion === catalog.version || attempt > 0) {
        return shapeAnswer(query.requestedGranularity, decisions, aggregates);
      }
      // A dataset was created, changed or deleted since the metadata was read: decide again.
      catalog = await this.datasets(true);
    }
  }

  /**
   * The datasets this query runs on: those the caller named (each must be visible to the caller and on
   * the query's assembly), or else every visible dataset on that assembly.
   */
  private async resolveDatasets(
    caller: Caller,
    query: VariantQuery,
    catalog: DatasetCatalog,
  ): Promise<BeaconDataset[]> {
    if (!query.datasetIds) {
      return [...catalog.datasets.values()].filter(
        (d) => d.assembly === query.assembly && allowedGranularity(caller, d.securityLevel) !== null,
      );
    }
    if (query.datasetIds.some((id) => !catalog.datasets.has(id))) catalog = await this.datasets(true);
    const chosen: BeaconDataset[] = [];
    const missing: string[] = [];
    for (const id of query.datasetIds) {
      const d = catalog.datasets.get(id);
      if (d && allowedGranularity(caller, d.securityLevel) !== null) chosen.push(d);
      else missing.push(id);
    }
    if (missing.length) {
      // The same words whether the dataset does not exist or the caller may not see it.
      const names = missing.map((id) => `"${id.slice(0, 64)}"`).join(', ');
      throw new DomainError(
        'UNKNOWN_DATASET',
        `dataset${missing.length > 1 ? 's' : ''} ${names} not found or no access`,
      );
    }
    const other = chosen.find((d) => d.assembly !== query.assembly);
    if (other) {
      throw new DomainError(
        'INVALID_ASSEMBLY',
        `dataset "${other.id}" is on ${other.assembly}, not ${query.assembly}`,
      );
    }
    return chosen;
  }

  /** The granularity each dataset answers this caller with; datasets the caller may not query drop out. */
  private decide(caller: Caller, query: VariantQuery, datasets: BeaconDataset[]): DatasetDecision[] {
    return datasets.flatMap((dataset) => {
      const allowed = allowedGranularity(caller, dataset.securityLevel);
      return allowed
        ? [{ dataset, granularity: effectiveGranularity(query.requestedGranularity, allowed) }]
        : [];
    });
  }

  private async datasets(fresh: boolean): Promise<DatasetCatalog> {
    if (!fresh && this.catalog) return this.catalog;
    // Concurrent callers share one in-flight load.
    this.loading ??= this.repository
      .listDatasets()
      .then((catalog) => {
        this.catalog = catalog;
        return catalog;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
