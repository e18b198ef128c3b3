import type { Caller } from '@helixgate/common';
import type { SecurityLevel } from '@helixgate/variants';
import type { Granularity } from './beacon-query';
import type { BeaconDataset, DatasetAggregate } from './beacon.repository';

/** What this beacon returns today: RECORD-level answers come with access control. */
export type ServedGranularity = Exclude<Granularity, 'RECORD'>;

export interface DatasetDecision {
  dataset: BeaconDataset;
  granularity: ServedGranularity;
}

/**
 * The most a caller may learn from one dataset. Access control (libs/access) replaces this function;
 * until then every caller is anonymous, only PUBLIC datasets are visible, and PUBLIC answers with counts.
 * Returns null when the caller may not query the dataset at all.
 */
export function allowedGranularity(_caller: Caller, level: SecurityLevel): ServedGranularity | null {
  switch (level) {
    case 'PUBLIC':
      return 'COUNT';
    case 'REGISTERED':
    case 'CONTROLLED':
      return null;
    default: {
      const unknown: never = level;
      throw new Error(`unknown security level ${String(unknown)}`);
    }
  }
}

const RANK: Record<Granularity, number> = { BOOLEAN: 0, COUNT: 1, RECORD: 2 };

/** The finer of what was asked and what is allowed never exceeds either. */
export function effectiveGranularity(requested: Granularity, allowed: ServedGranularity): ServedGranularity {
  return RANK[requested] <= RANK[allowed] ? (requested as ServedGranularity) : allowed;
}

export interface DatasetResult {
  datasetId: string;
  exists: boolean;
  granularity: ServedGranularity;
  /** COUNT only: matching variant rows. */
  count: number | null;
  hetCarriers: number | null;
  homAltCarriers: number | null;
  hemiCarriers: number | null;
  alleleCount: number | null;
  alleleNumber: number | null;
  alleleFrequency: number | null;
}

export interface BeaconAnswer {
  exists: boolean;
  /** Sum of counts over datasets answered at COUNT granularity; null when none was. */
  numTotalResults: number | null;
  requestedGranularity: Granularity;
  returnedGranularity: ServedGranularity;
  resultSets: DatasetResult[];
}

/**
 * Turns per-dataset aggregates into what the caller sees, dataset by dataset, at the granularity decided
 * for it. This is the one step where the privacy guard (thresholds, risk budget) will plug in.
 */
export function shapeAnswer(
  requested: Granularity,
  decisions: readonly DatasetDecision[],
  aggregates: readonly DatasetAggregate[],
): BeaconAnswer {
  const byId = new Map(aggregates.map((a) => [a.id, a]));
  const resultSets = decisions.map((d): DatasetResult => {
    const a = byId.get(d.dataset.id);
    const exists = (a?.variants ?? 0) > 0;
    if (d.granularity === 'BOOLEAN' || !a) {
      return {
        datasetId: d.dataset.id,
        exists,
        granularity: 'BOOLEAN',
        count: null,
        hetCarriers: null,
        homAltCarriers: null,
        hemiCarriers: null,
        alleleCount: null,
        alleleNumber: null,
        alleleFrequency: null,
      };
    }
    return {
      datasetId: d.dataset.id,
      exists,
      granularity: 'COUNT',
      count: a.variants,
      hetCarriers: a.het,
      homAltCarriers: a.homAlt,
      hemiCarriers: a.hemi,
      alleleCount: a.alleleCount,
      alleleNumber: a.alleleNumber,
      alleleFrequency: a.alleleCount != null && a.alleleNumber ? a.alleleCount / a.alleleNumber : null,
    };
  });
  const counted = resultSets.filter((r) => r.granularity === 'COUNT');
  const allCounted = resultSets.length > 0 && counted.length === resultSets.length;
  return {
    exists: resultSets.some((r) => r.exists),
    numTotalResults: counted.length ? counted.reduce((n, r) => n + (r.count ?? 0), 0) : null,
    requestedGranularity: requested,
    returnedGranularity:
      allCounted || (resultSets.length === 0 && requested !== 'BOOLEAN') ? 'COUNT' : 'BOOLEAN',
    resultSets,
  };
}
