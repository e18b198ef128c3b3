import { beaconErrorOf, type ErrorReply } from '@helixgate/common';
import type { Assembly } from '@helixgate/variants';
import type { BeaconAnswer, DatasetResult } from '../beacon-answer';
import type { Granularity } from '../beacon-query';
import {
  beaconApiVersionOf,
  includesResultSet,
  type BeaconApiVersion,
  wireGranularity,
  type BeaconGranularityName,
} from '../beacon-wire';
import type { BeaconRestRequest } from './beacon-request';
import {
  CaseLevelJson,
  JsonBytes,
  genomicVariantRecord,
  writeGenomicVariantRecordJson,
  type VariantRecordLike,
} from './genomic-variant-record';

/** The default-model schema of each entry type served here (`returnedSchemas`, `/configuration`). */
export const ENTRY_SCHEMAS = {
  genomicVariant: 'ga4gh-beacon-variant-v2.0.0',
  dataset: 'ga4gh-beacon-dataset-v2.0.0',
  individual: 'ga4gh-beacon-individual-v2.0.0',
} as const;
export type EntryTypeId = keyof typeof ENTRY_SCHEMAS;

export interface SchemaPerEntity {
  entityType: string;
  schema: string;
}

export const returnedSchemas = (entityType: EntryTypeId): SchemaPerEntity[] => [
  { entityType, schema: ENTRY_SCHEMAS[entityType] },
];

/** `beaconInformationalResponseMeta`: for /info, /configuration, /map, /entry_types, /filtering_terms. */
export function informationalMeta(
  beaconId: string,
  apiVersion: BeaconApiVersion,
  schemas: SchemaPerEntity[] = [],
) {
  return { beaconId, apiVersion, returnedSchemas: schemas };
}

/** The Beacon version a (parsed) request is answered in: the one it asked for, else the default. */
export function servedVersion(req: Pick<BeaconRestRequest, 'apiVersion'>): BeaconApiVersion {
  return beaconApiVersionOf(req.apiVersion);
}

/** Beacon v2.2 `countPrecision`: how far a released count may be from the true one. */
export type CountPrecisionName = 'exact' | 'imprecise' | 'rounded';
const PRECISION_RANK: Record<CountPrecisionName, number> = { exact: 0, rounded: 1, imprecise: 2 };

/**
 * Beacon v2.2 count qualifiers, as 2.2 places them on the count summary and on each result set:
 * `countPrecision` always (an exact count says `exact`), `countAdjustedTo` (a list) only when the count
 * was moved to a stated value: the floor a small count was raised to (`imprecise`) or the unit it was
 * rounded to a multiple of (`rounded`). A count the guard may have reduced without a stated value is
 * `imprecise` with no `countAdjustedTo`.
 */
export interface CountLabel {
  countPrecision: CountPrecisionName;
  countAdjustedTo?: number[];
}

export function countLabel(
  precision: CountPrecisionName | null | undefined,
  adjustedTo?: number | null,
): CountLabel {
  const p = precision ?? 'exact';
  return p !== 'exact' && adjustedTo != null
    ? { countPrecision: p, countAdjustedTo: [adjustedTo] }
    : { countPrecision: p };
}

/**
 * The label of a sum of counts (`numTotalResults`): as imprecise as the least precise part (exact <
 * rounded < imprecise), with every value any part was adjusted to.
 */
export function sumLabel(parts: readonly CountLabel[]): CountLabel {
  const precision = parts.reduce<CountPrecisionName>(
    (p, l) => (PRECISION_RANK[l.countPrecision] > PRECISION_RANK[p] ? l.countPrecision : p),
    'exact',
  );
  const adjusted = [...new Set(parts.flatMap((l) => l.countAdjustedTo ?? []))].sort((a, b) => a - b);
  return adjusted.length && precision !== 'exact'
    ? { countPrecision: precision, countAdjustedTo: adjusted }
    : { countPrecision: precision };
}

/** `beaconReceivedRequestSummary`: the request as this beacon understood it. */
export function receivedRequestSummary(req: BeaconRestRequest) {
  const { datasetIds, ...variant } = req.parameters;
  const requestParameters: Record<string, object> = {};
  // The framework's requestParameters is a dictionary of objects: the variant parameters are echoed
  // under `g_variant` (as the model's requestParameters.json groups them), dataset ids under `datasets`.
  if (Object.keys(variant).length) requestParameters.g_variant = variant;
  if (datasetIds) requestParameters.datasets = { datasetIds };
  return {
    apiVersion: req.apiVersion ?? servedVersion(req),
    requestedSchemas: req.requestedSchemas,
    pagination: req.pagination,
    requestedGranularity: req.requestedGranularity,
    includeResultsetResponses: req.includeResultsetResponses,
    // the framework's receivedRequestSummary.filters is a list of filter ids (beaconCommonComponents Filters)
    ...(req.filters.length ? { filters: req.filters.map((f) => f.id) } : {}),
    ...(Object.keys(requestParameters).length ? { requestParameters } : {}),
    testMode: req.testMode,
  };
}

/** `beaconResponseMeta`: for result, collection and error responses. */
export function responseMeta(
  beaconId: string,
  req: BeaconRestRequest,
  returnedGranularity: BeaconGranularityName,
  schemas: SchemaPerEntity[],
) {
  return {
    beaconId,
    apiVersion: servedVersion(req),
    returnedGranularity,
    returnedSchemas: schemas,
    receivedRequestSummary: receivedRequestSummary(req),
    testMode: req.testMode,
  };
}

/**
 * What the engine reports per dataset beyond the aggregates once the privacy guard and record-level
 * access are in: how the carrier and allele counts were released (Beacon v2.2 `countPrecision` /
 * `countAdjustedTo` values) and the matching variants with their carriers. Optional, so this face reads them whenever the engine sets them.
 */
export interface DatasetResultExtras {
  countPrecision?: 'exact' | 'imprecise' | 'rounded' | null;
  countAdjustedTo?: number | null;
  records?: readonly VariantRecordLike[] | null;
  recordsTruncated?: boolean;
}
export type ResultLike = DatasetResult & DatasetResultExtras;
export interface AnswerLike extends Omit<BeaconAnswer, 'resultSets' | 'returnedGranularity'> {
  returnedGranularity: Granularity;
  resultSets: readonly ResultLike[];
}

/** Where a result set's records come from: the query's assembly and this node's dataset URLs. */
export interface RecordContext {
  assembly: Assembly;
  /** `${baseUrl}/api/datasets` */
  datasetsUrl: string;
}

/** The carrier and allele counts of a result set, as its `info` carries them (local and network faces). */
export function countsInfo(
  r: Pick<
    DatasetResult,
    'hetCarriers' | 'homAltCarriers' | 'hemiCarriers' | 'alleleCount' | 'alleleNumber' | 'alleleFrequency'
  > &
    DatasetResultExtras,
) {
  return {
    hetCarriers: r.hetCarriers,
    homAltCarriers: r.homAltCarriers,
    hemiCarriers: r.hemiCarriers,
    alleleCount: r.alleleCount,
    alleleNumber: r.alleleNumber,
    alleleFrequency: r.alleleFrequency,
    // How the counts of people and alleles above were released (privacy floor or rounding). Kept in
    // `info`, beside them: at the result-set level Beacon's countPrecision would qualify resultsCount.
    ...(r.countPrecision ? { countPrecision: r.countPrecision } : {}),
    ...(r.countAdjustedTo != null ? { countAdjustedTo: r.countAdjustedTo } : {}),
  };
}

/**
 * How a result set's `resultsCount` (matching variants, not people) was released: `imprecise` when the
 * privacy guard may have left alleles out of it, or when the filters' cohort is below the count floor
 * (the dataset then answers 0 whatever it holds); else exact. Never rounded or floored.
 */
export function variantCountLabel(
  r: Pick<ResultLike, 'resultsCountPrecision' | 'cohortBelowFloor'>,
): CountLabel {
  return countLabel(r.cohortBelowFloor ? 'imprecise' : (r.resultsCountPrecision ?? 'exact'));
}

/** How a result set's records are written: as objects, or as JSON text (`variantResponseJson`). */
type RecordsWriter<R> = (
  records: readonly VariantRecordLike[],
  ctx: { assembly: Assembly; datasetId: string; datasetUrl: string },
) => R;

function resultSet<R>(r: ResultLike, records: RecordContext | null, write: RecordsWriter<R>) {
  // The engine decrypted the page of records the request asked for (BeaconService `recordPage`): all of it
  // is shown.
  const results: R | [] =
    records && r.records
      ? write(r.records, {
          assembly: records.assembly,
          datasetId: r.datasetId,
          datasetUrl: `${records.datasetsUrl}/${encodeURIComponent(r.datasetId)}`,
        })
      : [];
  return {
    id: r.datasetId,
    setType: 'dataset',
    exists: r.exists,
    // The matching variants of this dataset: a count of variants, not of people. `countPrecision` here
    // qualifies resultsCount (Beacon v2.2 places it on the result set; v2.1.1 answers carry it too).
    resultsCount: r.count ?? 0,
    ...variantCountLabel(r),
    results,
    info: {
      ...countsInfo(r),
      ...(records && r.recordsTruncated ? { recordsTruncated: true } : {}),
      ...(r.cohortBelowFloor ? { cohortBelowFloor: true } : {}),
    },
  };
}

/**
 * A genomic-variant answer as a Beacon v2 response:
 * - returned granularity `boolean`: a `beaconBooleanResponse` (summary `exists` only; no result sets,
 *   since a result set must carry a `resultsCount` the caller may not learn);
 * - `count`: a `beaconCountResponse` whose `numTotalResults` sums the datasets' counts, plus the
 *   per-dataset `response.resultSets` selected by `includeResultsetResponses` (none for NONE), which
 *   also makes it a valid `beaconResultsetsResponse`;
 * - `record` (every dataset answered with records): a `beaconResultsetsResponse` whose result sets carry
 *   the variants as genomicVariation records: the page (`skip` pages of `limit`) the engine decrypted.
 */
export function variantResponse(
  beaconId: string,
  req: BeaconRestRequest,
  answer: AnswerLike,
  requestId: string,
  records: RecordContext | null,
) {
  return buildVariantResponse(beaconId, req, answer, requestId, records, (list, ctx) =>
    list.map((v) => genomicVariantRecord(v, ctx)),
  );
}

/**
 * `variantResponse` as UTF-8 JSON, the same text as JSON.stringify of it (beacon-response.spec compares
 * them). Written by hand for record answers: an answer of 100 variants over 2,500 individuals holds ~47,000
 * caseLevelData entries (~3.9 MiB); building an object per entry, stringifying it (Express) and encoding
 * the string was the largest CPU share of the record path in the records bench's profile. Here each
 * individual's entry is encoded once per answer and copied into the answer's one buffer for every variant
 * the individual carries; the rest of the envelope, small, still goes through JSON.stringify.
 */
export function variantResponseJson(
  beaconId: string,
  req: BeaconRestRequest,
  answer: AnswerLike,
  requestId: string,
  records: RecordContext | null,
): Buffer {
  const caseLevel = new CaseLevelJson();
  const response = buildVariantResponse(beaconId, req, answer, requestId, records, (list, ctx) => {
    const out = new JsonBytes();
    out.text('[');
    list.forEach((v, i) => {
      if (i > 0) out.text(',');
      writeGenomicVariantRecordJson(v, ctx, caseLevel, out);
    });
    out.text(']');
    return new RawJson(out.toBuffer());
  });
  return jsonWithRaw(response)!;
}

function buildVariantResponse<R>(
  beaconId: string,
  req: BeaconRestRequest,
  answer: AnswerLike,
  requestId: string,
  records: RecordContext | null,
  write: RecordsWriter<R>,
) {
  const granularity = wireGranularity(answer.returnedGranularity);
  const meta = responseMeta(beaconId, req, granularity, returnedSchemas('genomicVariant'));
  // Beacon warnings (an unknown filter term matches nothing: said, never a silent empty answer).
  const info = { requestId, ...(answer.warnings?.length ? { warnings: answer.warnings } : {}) };
  if (granularity === 'boolean') {
    return { meta, responseSummary: { exists: answer.exists }, info };
  }
  const sets = answer.resultSets.filter((r) => includesResultSet(r.exists, req.includeResultsetResponses));
  const withRecords = granularity === 'record' ? records : null;
  // v2.2: the summary's count is labelled as its least precise part (every counted dataset, listed or not).
  const label =
    servedVersion(req) === 'v2.2.0'
      ? sumLabel(answer.resultSets.filter((r) => r.granularity !== 'BOOLEAN').map(variantCountLabel))
      : {};
  return {
    meta,
    responseSummary: { exists: answer.exists, numTotalResults: answer.numTotalResults ?? 0, ...label },
    ...(req.includeResultsetResponses === 'NONE'
      ? {}
      : { response: { resultSets: sets.map((r) => resultSet(r, withRecords, write)) } }),
    info,
  };
}

/** JSON already written (UTF-8), which `jsonWithRaw` places as it is (JSON.stringify parses it back). */
export class RawJson {
  constructor(readonly json: Buffer) {}

  toJSON(): unknown {
    return JSON.parse(this.json.toString('utf8')) as unknown;
  }
}

/**
 * JSON.stringify's output, as UTF-8, for plain data (objects, arrays, strings, numbers, booleans, null;
 * undefined members left out, toJSON honoured), with each RawJson's bytes placed as they are instead of
 * being serialized. Every piece is copied into one buffer once: a 3.9 MiB answer is not copied once per
 * level of nesting (nor held as a string and then encoded).
 */
export function jsonWithRaw(value: unknown): Buffer | undefined {
  const out = new JsonBytes();
  return writeJson(value, out) ? out.toBuffer() : undefined;
}

/** Appends `value`'s JSON to `out`; false (nothing appended) where JSON.stringify gives undefined. */
function writeJson(value: unknown, out: JsonBytes): boolean {
  if (value instanceof RawJson) {
    out.bytes(value.json);
    return true;
  }
  if (Array.isArray(value)) {
    out.text('[');
    value.forEach((v, i) => {
      if (i > 0) out.text(',');
      if (!writeJson(v, out)) out.text('null');
    });
    out.text(']');
    return true;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  ) {
    // Small objects (the envelope, a result set's fields): JSON.stringify writes each member that holds
    // no RawJson; only the path down to the records is walked here.
    out.text('{');
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      const head = `${first ? '' : ','}${JSON.stringify(k)}:`;
      if (holdsRaw(v)) {
        out.text(head);
        writeJson(v, out);
        first = false;
        continue;
      }
      const json = JSON.stringify(v) as string | undefined;
      if (json === undefined) continue;
      out.text(head + json);
      first = false;
    }
    out.text('}');
    return true;
  }
  // undefined for undefined, functions and symbols, as JSON.stringify leaves them out.
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return false;
  out.text(json);
  return true;
}

function holdsRaw(value: unknown): boolean {
  if (value instanceof RawJson) return true;
  if (Array.isArray(value)) return value.some(holdsRaw);
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  )
    return Object.values(value).some(holdsRaw);
  return false;
}

/** One page of a list, as Beacon pagination defines it: skip `skip` pages of `limit` items; limit 0: all. */
export function page<T>(items: readonly T[], p: { skip: number; limit: number }, maxLimit: number): T[] {
  const size = p.limit === 0 ? maxLimit : Math.min(p.limit, maxLimit);
  const from = p.skip * size;
  return items.slice(from, from + size);
}

/** `beaconErrorResponse`: the Beacon error envelope of an error reply (`errorCode` being the HTTP status). */
export function errorResponse(beaconId: string, req: BeaconRestRequest, reply: ErrorReply) {
  return {
    meta: responseMeta(beaconId, req, 'boolean', []),
    error: beaconErrorOf(reply),
    info: { code: reply.code, requestId: reply.correlationId },
  };
}
