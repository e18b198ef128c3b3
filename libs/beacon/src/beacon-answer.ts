import type { Granularity } from './beacon-query';
import type { BeaconDataset, MatchedVariant } from './beacon.repository';

/** The granularity a dataset answered with (never more than asked, never more than allowed). */
export type ServedGranularity = Granularity;

const RANK: Record<Granularity, number> = { BOOLEAN: 0, COUNT: 1, RECORD: 2 };

/** The finer of what was asked and what is allowed never exceeds either. */
export function effectiveGranularity(requested: Granularity, allowed: Granularity): Granularity {
  return RANK[requested] <= RANK[allowed] ? requested : allowed;
}

export interface DatasetDecision {
  dataset: BeaconDataset;
  granularity: Granularity;
  /** Record-level callers (grant or visa) are exempt from the re-identification budget and rounding. */
  exempt: boolean;
  /** Individuals in the dataset (withdrawn excluded): the N of the privacy pricing. */
  individuals: number;
  /** The grant behind a record-level answer and its research purpose (for the audit trail). */
  grantId?: string;
  purpose?: string | null;
  /**
   * Beacon filters: the individuals matching them (indexes, in process only). `individuals` is then their
   * number, so the privacy guard prices the answer for the narrowed cohort.
   */
  cohort?: ReadonlySet<number> | null;
}

/** A count as released: Beacon v2 `countPrecision` / `countAdjustedTo`. */
export interface ReleasedCount {
  value: number;
  precision: 'exact' | 'imprecise' | 'rounded';
  adjustedTo: number | null;
}

export interface CarrierRecordView {
  sampleId: string;
  genotype: string;
}

export interface VariantRecordView {
  chrom: string;
  /** VCF POS (1-based). */
  pos: number;
  ref: string;
  alt: string;
  variantType: string;
  alleleCount: number;
  alleleNumber: number;
  carriers: CarrierRecordView[];
}

export interface DatasetResult {
  datasetId: string;
  exists: boolean;
  granularity: ServedGranularity;
  /** COUNT and RECORD: matching variant rows (after the privacy guard, rounded per policy). */
  count: number | null;
  hetCarriers: number | null;
  homAltCarriers: number | null;
  hemiCarriers: number | null;
  alleleCount: number | null;
  alleleNumber: number | null;
  alleleFrequency: number | null;
  /** How the carrier and allele counts were released: exact, or floored/rounded by the privacy policy. */
  countPrecision: ReleasedCount['precision'] | null;
  countAdjustedTo: number | null;
  /** RECORD only: the matching variants with their carriers (at most RECORD_LIMIT variants). */
  records: VariantRecordView[] | null;
  /** RECORD only: more variants matched than were returned. */
  recordsTruncated: boolean;
  /**
   * How `count` (the matching variants) was released: `imprecise` when the privacy guard may have left
   * alleles out of it (an answer under the risk budget about anything but one common allele), decided
   * from the panel and the query, never from the data. Absent: exact.
   */
  resultsCountPrecision?: 'exact' | 'imprecise';
  /**
   * Beacon filters: the individuals matching them in this dataset are fewer than the count floor, so the
   * dataset answers nothing about them (not even "no"): `exists` false, counts 0.
   */
  cohortBelowFloor?: boolean;
}

export interface BeaconAnswer {
  exists: boolean;
  /** Sum of counts over datasets answered at COUNT or RECORD granularity; null when none was. */
  numTotalResults: number | null;
  requestedGranularity: Granularity;
  returnedGranularity: ServedGranularity;
  resultSets: DatasetResult[];
  /** Beacon warnings for the caller (unknown filter terms, ...). */
  warnings?: string[];
}

/** What the guard left of one dataset's matches, and how its counts may be released. */
export interface GuardedMatches {
  rows: MatchedVariant[];
  release: (count: number) => ReleasedCount;
  /**
   * False when the privacy guard releases no carrier or allele counts for this answer (an answer about
   * several alleles under the risk budget: their sum would count the people behind priced alleles).
   * The number of matching alleles (`count`) is still released. Default true.
   */
  carrierCounts?: boolean;
  /** The guard may have withheld matching alleles (decided before reading the data). Default false. */
  rowsMayBeWithheld?: boolean;
  /**
   * The allele count of the one matching allele as released with noise (privacy policy `counts.noise`): then
   * it is the only count released (no carrier counts, which would let the noise be told from the count).
   */
  noisyAlleleCount?: ReleasedCount;
  records?: { list: VariantRecordView[]; truncated: boolean };
}

export const EXACT = (count: number): ReleasedCount => ({
  value: count,
  precision: 'exact',
  adjustedTo: null,
});

/** Turns one dataset's (guarded) matches into what the caller sees, at the granularity decided for it. */
export function datasetResult(d: DatasetDecision, m: GuardedMatches): DatasetResult {
  const exists = m.rows.length > 0;
  const base: DatasetResult = {
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
    countPrecision: null,
    countAdjustedTo: null,
    records: null,
    recordsTruncated: false,
    resultsCountPrecision: m.rowsMayBeWithheld ? 'imprecise' : 'exact',
  };
  if (d.granularity === 'BOOLEAN') return base;
  if (m.carrierCounts === false) {
    const none = m.release(0);
    return {
      ...base,
      granularity: d.granularity,
      count: m.rows.length,
      countPrecision: none.precision,
      countAdjustedTo: none.adjustedTo,
      records: d.granularity === 'RECORD' ? (m.records?.list ?? []) : null,
      recordsTruncated: d.granularity === 'RECORD' ? (m.records?.truncated ?? false) : false,
    };
  }
  if (m.noisyAlleleCount && m.rows.length === 1) {
    const row = m.rows[0];
    const ac = m.noisyAlleleCount;
    return {
      ...base,
      granularity: d.granularity,
      count: 1,
      alleleCount: ac.value,
      alleleNumber: row.an,
      alleleFrequency: row.an ? ac.value / row.an : null,
      countPrecision: ac.precision,
      countAdjustedTo: ac.adjustedTo,
      records: d.granularity === 'RECORD' ? (m.records?.list ?? []) : null,
      recordsTruncated: d.granularity === 'RECORD' ? (m.records?.truncated ?? false) : false,
    };
  }
  const sum = (f: (r: MatchedVariant) => number) => m.rows.reduce((n, r) => n + f(r), 0);
  // Counts of individuals and alleles are released per the privacy policy; the number of matching
  // variants is not a count of people and is exact.
  const carriers = [
    m.release(sum((r) => r.het)),
    m.release(sum((r) => r.homAlt)),
    m.release(sum((r) => r.hemi)),
  ];
  const single = m.rows.length === 1 ? m.rows[0] : null;
  const ac = single ? m.release(single.ac) : null;
  const adjusted = [...carriers, ...(ac ? [ac] : [])].find((c) => c.precision !== 'exact') ?? carriers[0];
  return {
    ...base,
    granularity: d.granularity,
    count: m.rows.length,
    hetCarriers: carriers[0].value,
    homAltCarriers: carriers[1].value,
    hemiCarriers: carriers[2].value,
    alleleCount: ac ? ac.value : null,
    alleleNumber: single ? single.an : null,
    alleleFrequency: ac && single && single.an ? ac.value / single.an : null,
    countPrecision: adjusted.precision,
    countAdjustedTo: adjusted.adjustedTo,
    records: d.granularity === 'RECORD' ? (m.records?.list ?? []) : null,
    recordsTruncated: d.granularity === 'RECORD' ? (m.records?.truncated ?? false) : false,
  };
}

/** The whole answer from the per-dataset results. */
export function shapeAnswer(requested: Granularity, resultSets: DatasetResult[]): BeaconAnswer {
  const counted = resultSets.filter((r) => r.granularity !== 'BOOLEAN');
  const lowest = resultSets.reduce<Granularity | null>(
    (g, r) => (g === null || RANK[r.granularity] < RANK[g] ? r.granularity : g),
    null,
  );
  return {
    exists: resultSets.some((r) => r.exists),
    numTotalResults: counted.length ? counted.reduce((n, r) => n + (r.count ?? 0), 0) : null,
    requestedGranularity: requested,
    returnedGranularity: lowest ?? 'BOOLEAN',
    resultSets,
  };
}
