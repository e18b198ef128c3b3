import { Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import {
  allowedGranularity,
  effectiveGranularity,
  shapeAnswer,
  type BeaconAnswer,
  type DatasetDecision,
} from './beacon-answer';
import { validateBeaconQuery, type BeaconQueryRequest, type VariantQuery } from './beacon-query';
import { BeaconRepository, type BeaconDataset, type DatasetAggregate } from './beacon.repository';

/** Dataset metadata is re-read at most this often; the query itself re-checks each dataset's level. */
const DATASET_CACHE_TTL_MS = 5_000;

@Injectable()
export class BeaconService {
  private cache: { at: number; datasets: Map<string, BeaconDataset> } | null = null;
  private loading: Promise<Map<string, BeaconDataset>> | null = null;

  constructor(
    private readonly repository: BeaconRepository,
    private readonly config: HelixgateConfig,
  ) {}

  /** Validate → datasets visible to the caller → granularity per dataset → one SQL statement → shape. */
  async query(caller: Caller, request: BeaconQueryRequest): Promise<BeaconAnswer> {
    const query = validateBeaconQuery(request, { maxRangeBp: this.config.vars.HELIXGATE_MAX_RANGE_BP });
    let decisions = this.decide(caller, query, await this.resolveDatasets(caller, query, false));
    let aggregates = await this.aggregate(query, decisions);
    if (this.metadataChanged(decisions, aggregates)) {
      // A dataset's level or assembly changed since the cache was filled: decide again on fresh data.
      decisions = this.decide(caller, query, await this.resolveDatasets(caller, query, true));
      aggregates = await this.aggregate(query, decisions);
    }
    return shapeAnswer(query.requestedGranularity, decisions, aggregates);
  }

  /** Forget cached dataset metadata (call after a dataset is created, changed or deleted). */
  invalidateDatasets(): void {
    this.cache = null;
  }

  /**
   * The datasets this query runs on: those the caller named (each must be visible to the caller and on
   * the query's assembly), or else every visible dataset on that assembly.
   */
  private async resolveDatasets(
    caller: Caller,
    query: VariantQuery,
    fresh: boolean,
  ): Promise<BeaconDataset[]> {
    let all = await this.datasets(fresh);
    const visible = (id: string) => {
      const d = all.get(id);
      return d && allowedGranularity(caller, d.securityLevel) !== null ? d : undefined;
    };
    if (!query.datasetIds) {
      return [...all.values()].filter((d) => d.assembly === query.assembly && visible(d.id) !== undefined);
    }
    if (!fresh && query.datasetIds.some((id) => !all.has(id))) all = await this.datasets(true);
    const missing = query.datasetIds.filter((id) => !visible(id));
    if (missing.length) {
      throw new DomainError(
        'UNKNOWN_DATASET',
        `dataset${missing.length > 1 ? 's' : ''} ${missing.map((id) => `"${id.slice(0, 64)}"`).join(', ')} not found or no access`,
      );
    }
    const chosen = query.datasetIds.map((id) => visible(id)!);
    const other = chosen.filter((d) => d.assembly !== query.assembly);
    if (other.length) {
      throw new DomainError(
        'INVALID_ASSEMBLY',
        `dataset "${other[0].id}" is on ${other[0].assembly}, not ${query.assembly}`,
      );
    }
    return chosen;
  }

  private decide(caller: Caller, query: VariantQuery, datasets: BeaconDataset[]): DatasetDecision[] {
    return datasets.flatMap((dataset) => {
      const allowed = allowedGranularity(caller, dataset.securityLevel);
      return allowed
        ? [{ dataset, granularity: effectiveGranularity(query.requestedGranularity, allowed) }]
        : [];
    });
  }

  private aggregate(query: VariantQuery, decisions: DatasetDecision[]): Promise<DatasetAggregate[]> {
    if (decisions.length === 0) return Promise.resolve([]);
    return this.repository.aggregateMatches(
      query,
      decisions.map((d) => d.dataset.id),
    );
  }

  private metadataChanged(decisions: DatasetDecision[], aggregates: DatasetAggregate[]): boolean {
    const byId = new Map(aggregates.map((a) => [a.id, a]));
    const changed = decisions.some((d) => {
      const now = byId.get(d.dataset.id);
      return !now || now.securityLevel !== d.dataset.securityLevel || now.assembly !== d.dataset.assembly;
    });
    if (changed) this.invalidateDatasets();
    return changed;
  }

  private async datasets(fresh: boolean): Promise<Map<string, BeaconDataset>> {
    if (!fresh && this.cache && Date.now() - this.cache.at < DATASET_CACHE_TTL_MS) return this.cache.datasets;
    // Concurrent callers share one in-flight load.
    this.loading ??= this.repository
      .listDatasets()
      .then((list) => {
        const datasets = new Map(list.map((d) => [d.id, d]));
        this.cache = { at: Date.now(), datasets };
        return datasets;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
