import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { DomainError } from '@helixgate/common';
import { refseqAssemblies } from '@helixgate/variants';
import { parseFilters, type BeaconFilter } from '../beacon-filters';
import type { BeaconQueryRequest } from '../beacon-query';
import {
  BEACON_GRANULARITIES,
  engineGranularity,
  INCLUDE_RESULTSET_RESPONSES,
  type BeaconGranularityName,
  type IncludeResultsetResponses,
  beaconApiVersionOf,
} from '../beacon-wire';
import { ENTRY_SCHEMAS, type EntryTypeId } from './beacon-response';

/** Spec defaults: `Pagination.skip` 0 pages, `Pagination.limit` 10 per page. */
export const DEFAULT_LIMIT = 10;
/**
 * Largest page of datasets (`/datasets`) and of individual records (`/individuals`); a page of genomic
 * variant records is at most RECORD_LIMIT (100, beacon.service.ts). `limit: 0` ("all the results or the
 * maximum allowed") means the largest page; see `pageServed`.
 */
export const MAX_LIMIT = 1000;

/**
 * The request as served with the largest page `max`: a `limit` of 0 or above it is `max`. The answer's
 * `receivedRequestSummary.pagination` echoes this limit, so that a client paging with `skip` counts pages
 * of the size it was served (a limit above the largest page, echoed as asked, made `skip=1` start past
 * records that no page returned).
 */
export function pageServed(req: BeaconRestRequest, max: number): BeaconRestRequest {
  const { skip, limit } = req.pagination;
  const served = limit === 0 ? max : Math.min(limit, max);
  return served === limit ? req : { ...req, pagination: { skip, limit: served } };
}

/** The genomic-variant parameters of a request, as received (after type checks), before validation. */
export interface GenomicVariantParameters {
  assemblyId?: string;
  referenceName?: string;
  start?: number[];
  end?: number[];
  referenceBases?: string;
  alternateBases?: string;
  variantType?: string;
  /** Gene query: an HGNC symbol, alias or NCBI Gene id instead of referenceName/start/end. */
  geneId?: string;
  variantMinLength?: number;
  variantMaxLength?: number;
  datasetIds?: string[];
}

/** One Beacon request, from a GET query string or a POST body: the same shape for both. */
export interface BeaconRestRequest {
  apiVersion: string | null;
  requestedSchemas: { entityType?: string; schema?: string }[];
  requestedGranularity: BeaconGranularityName;
  includeResultsetResponses: IncludeResultsetResponses;
  /** Pages to skip and page size, as the spec defines them (`skip` counts pages, not records). */
  pagination: { skip: number; limit: number };
  /** Beacon filters (ANDed ontology terms on individuals), checked and normalised (beacon-filters.ts). */
  filters: BeaconFilter[];
  testMode: boolean;
  parameters: GenomicVariantParameters;
}

/** Parameters of the Beacon v2 genomic-variant model this beacon does not evaluate (refused, not ignored). */
const UNSUPPORTED_PARAMETERS = ['aminoacidChange', 'genomicAlleleShortForm', 'allele', 'mateName'] as const;

const STRING_PARAMETERS = [
  'assemblyId',
  'referenceName',
  'referenceBases',
  'alternateBases',
  'variantType',
  'geneId',
] as const;

/** Caller-chosen names quoted in a message: a few, each cut short (messages are logged and echoed). */
function names(keys: string[]): string {
  return keys
    .slice(0, 5)
    .map((k) => k.slice(0, 40))
    .join(', ');
}

function bad(message: string): DomainError {
  return new DomainError('BAD_REQUEST', message);
}

function enumValue<T extends string>(name: string, raw: unknown, allowed: readonly T[], upper: boolean): T {
  const value = typeof raw === 'string' ? (upper ? raw.toUpperCase() : raw.toLowerCase()) : raw;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw bad(`${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function nonNegativeInt(name: string, raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw bad(`${name} must be a non-negative integer`);
  }
  return n;
}

/** A GET list parameter: repeated (`start=1&start=2`) or comma-separated (`start=1,2`). */
function queryList(raw: unknown): string[] {
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [v as string],
  );
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
}

function coordinateList(name: 'start' | 'end', values: unknown[]): number[] {
  if (values.length < 1 || values.length > 2) {
    throw bad(`${name} takes one value, or two for a bracket query`);
  }
  return values.map((v, i) => nonNegativeInt(`${name}[${i}]`, v));
}

function refuseUnsupported(params: Record<string, unknown>): void {
  const given = UNSUPPORTED_PARAMETERS.filter((p) => params[p] !== undefined && params[p] !== '');
  if (given.length) {
    throw bad(`request parameter ${given.join(', ')} is not supported by this beacon`);
  }
}

/** Query string parameters that are not genomic-variant parameters. */
const CONTROL_PARAMETERS = new Set([
  'requestedGranularity',
  'includeResultsetResponses',
  'skip',
  'limit',
  'filters',
  'requestedSchema',
  'apiVersion',
  'testMode',
  'datasetIds',
  'start',
  'end',
  'variantMinLength',
  'variantMaxLength',
]);

/**
 * A GET request's query string (Express' simple parser: a repeated key gives an array). Every value is
 * checked here; anything that is not a Beacon v2 parameter is refused rather than silently dropped.
 */
export function parseBeaconQueryString(input: Record<string, unknown>): BeaconRestRequest {
  // The spec's OpenAPI (genomicVariations/endpoints.json) names the GET parameter `geneid`; the request
  // body (requestParameters.json) `geneId`. Both are read; both at once is ambiguous.
  let query = input;
  if (input.geneid !== undefined) {
    if (input.geneId !== undefined) throw bad('give geneId or geneid, not both');
    const { geneid, ...rest } = input;
    query = { ...rest, geneId: geneid };
  }
  refuseUnsupported(query);
  const unknown = Object.keys(query).filter(
    (k) =>
      !CONTROL_PARAMETERS.has(k) &&
      !(STRING_PARAMETERS as readonly string[]).includes(k) &&
      !(UNSUPPORTED_PARAMETERS as readonly string[]).includes(k),
  );
  if (unknown.length) throw bad(`unknown request parameter ${names(unknown)}`);
  const single = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw bad(`${name} must be given once`);
    return v;
  };
  const parameters: GenomicVariantParameters = {};
  for (const name of STRING_PARAMETERS) {
    const v = single(name);
    if (v !== undefined && v !== '') parameters[name] = v;
  }
  if (query.start !== undefined) parameters.start = coordinateList('start', queryList(query.start));
  if (query.end !== undefined) parameters.end = coordinateList('end', queryList(query.end));
  if (query.datasetIds !== undefined) parameters.datasetIds = queryList(query.datasetIds);
  for (const name of ['variantMinLength', 'variantMaxLength'] as const) {
    const v = single(name);
    if (v !== undefined && v !== '') parameters[name] = nonNegativeInt(name, v);
  }
  const filters = parseFilters(query.filters === undefined ? [] : queryList(query.filters));
  const requestedSchema = single('requestedSchema');
  const testMode = single('testMode');
  return {
    apiVersion: askedApiVersion(single('apiVersion')),
    requestedSchemas: requestedSchema ? [{ schema: requestedSchema }] : [],
    requestedGranularity:
      query.requestedGranularity === undefined
        ? 'boolean'
        : enumValue('requestedGranularity', single('requestedGranularity'), BEACON_GRANULARITIES, false),
    includeResultsetResponses:
      query.includeResultsetResponses === undefined
        ? 'HIT'
        : enumValue(
            'includeResultsetResponses',
            single('includeResultsetResponses'),
            INCLUDE_RESULTSET_RESPONSES,
            true,
          ),
    pagination: pagination(single('skip'), single('limit')),
    filters,
    testMode:
      testMode === undefined ? false : enumValue('testMode', testMode, ['true', 'false'], false) === 'true',
    parameters,
  };
}

function pagination(skip: unknown, limit: unknown): { skip: number; limit: number } {
  const l = limit === undefined ? DEFAULT_LIMIT : nonNegativeInt('limit', limit);
  return { skip: skip === undefined ? 0 : nonNegativeInt('skip', skip), limit: l };
}

/**
 * The structure of a Beacon v2 request body (`beaconRequestBody.json` with the genomic-variant
 * `requestParameters`), checked with Ajv so that a wrong type is refused with the path that is wrong.
 * Values (coordinates, bases, names) are validated afterwards by the query engine. Every level but
 * `requestParameters` (whose keys are refused by name below) admits only the keys the framework defines:
 * a misspelt or misplaced key (`query.filter`, `meta.requestedGranularity`) ignored would answer a
 * broader question than the one asked.
 */
const REQUEST_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    meta: {
      type: 'object',
      additionalProperties: false,
      properties: {
        $schema: { type: 'string' },
        apiVersion: { type: 'string' },
        requestedSchemas: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { entityType: { type: 'string' }, schema: { type: 'string' } },
          },
        },
      },
    },
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requestParameters: {
          type: 'object',
          properties: {
            assemblyId: { type: 'string' },
            referenceName: { type: 'string' },
            referenceBases: { type: 'string' },
            alternateBases: { type: 'string' },
            variantType: { type: 'string' },
            geneId: { type: 'string', minLength: 1, maxLength: 64 },
            variantMinLength: { type: 'integer', minimum: 0 },
            variantMaxLength: { type: 'integer', minimum: 1 },
            start: { $ref: '#/$defs/coordinates' },
            end: { $ref: '#/$defs/coordinates' },
            datasetIds: { $ref: '#/$defs/ids' },
            datasets: {
              type: 'object',
              properties: { datasetIds: { $ref: '#/$defs/ids' } },
              additionalProperties: false,
            },
            g_variant: { type: 'object' },
          },
        },
        filters: { type: 'array' },
        includeResultsetResponses: { type: 'string' },
        pagination: {
          type: 'object',
          additionalProperties: false,
          properties: { skip: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 0 } },
        },
        requestedGranularity: { type: 'string' },
        testMode: { type: 'boolean' },
      },
    },
  },
  $defs: {
    // A single number is accepted as well as the spec's array (many clients send `start: 123`).
    coordinates: {
      oneOf: [
        { type: 'integer', minimum: 0 },
        { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 1, maxItems: 2 },
      ],
    },
    ids: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 128 }, maxItems: 100 },
  },
} as const;

const ajv = new Ajv2020({ allErrors: false, strict: true });
const validateBody = ajv.compile(REQUEST_BODY_SCHEMA);

/** The keys a POST body's requestParameters may hold (the unsupported ones are refused by name first). */
const BODY_PARAMETERS = new Set<string>([
  ...STRING_PARAMETERS,
  'start',
  'end',
  'datasetIds',
  'datasets',
  'variantMinLength',
  'variantMaxLength',
  '$schema',
]);

/** Ajv's first complaint about a body; an unknown key is named with its dotted path (`query.filter`). */
function bodyError(e: ErrorObject | undefined): DomainError {
  if (e?.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty?: unknown }).additionalProperty);
    const at = e.instancePath
      .split('/')
      .filter((p) => p !== '')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const path = [...at, key].join('.').slice(0, 120);
    const parent = at.length ? at.join('.') : 'the top level';
    return bad(`unknown key ${path} in the request body (${parent.slice(0, 80)} does not define it)`);
  }
  return bad(`request body ${(e?.instancePath || '/').slice(0, 120)} ${e?.message ?? 'is invalid'}`.trim());
}

interface RequestBody {
  meta?: { apiVersion?: string; requestedSchemas?: { entityType?: string; schema?: string }[] };
  query?: {
    requestParameters?: Record<string, unknown>;
    filters?: unknown[];
    includeResultsetResponses?: string;
    pagination?: { skip?: number; limit?: number };
    requestedGranularity?: string;
    testMode?: boolean;
  };
}

const asList = (v: unknown): number[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? (v as number[]) : [v as number];

/**
 * A POST body. `requestParameters` may be flat (as most Beacon v2 clients send it) or nested under
 * `g_variant` (as the model's `requestParameters.json` groups them); both mean the same.
 */
export function parseBeaconRequestBody(body: unknown): BeaconRestRequest {
  const root = body ?? {};
  if (!validateBody(root)) throw bodyError(validateBody.errors?.[0]);
  const b = root as RequestBody;
  const q = b.query ?? {};
  let params = q.requestParameters ?? {};
  if (params.g_variant !== undefined) {
    const { g_variant: nested, ...rest } = params;
    if (Object.keys(rest).some((k) => k !== 'datasets' && k !== 'datasetIds')) {
      throw bad('give the variant parameters either flat or under requestParameters.g_variant, not both');
    }
    const inner = { requestParameters: nested };
    if (!validateBody({ query: inner })) {
      const e = validateBody.errors?.[0];
      throw bad(`request body /query/requestParameters/g_variant ${e?.message ?? 'is invalid'}`);
    }
    params = { ...(nested as Record<string, unknown>), ...rest };
  }
  refuseUnsupported(params);
  const unknown = Object.keys(params).filter((k) => !BODY_PARAMETERS.has(k));
  if (unknown.length) throw bad(`unknown request parameter ${names(unknown)}`);
  const filters = parseFilters(q.filters ?? []);
  const start = asList(params.start);
  const end = asList(params.end);
  const datasets = params.datasets as { datasetIds?: string[] } | undefined;
  const parameters: GenomicVariantParameters = {};
  for (const name of STRING_PARAMETERS) {
    const v = params[name];
    if (typeof v === 'string' && v !== '') parameters[name] = v;
  }
  for (const name of ['variantMinLength', 'variantMaxLength'] as const)
    if (typeof params[name] === 'number') parameters[name] = params[name];
  if (start) parameters.start = coordinateList('start', start);
  if (end) parameters.end = coordinateList('end', end);
  const ids = (params.datasetIds as string[] | undefined) ?? datasets?.datasetIds;
  if (ids) parameters.datasetIds = ids;
  return {
    apiVersion: askedApiVersion(b.meta?.apiVersion),
    requestedSchemas: b.meta?.requestedSchemas ?? [],
    requestedGranularity:
      q.requestedGranularity === undefined
        ? 'boolean'
        : enumValue('requestedGranularity', q.requestedGranularity, BEACON_GRANULARITIES, false),
    includeResultsetResponses:
      q.includeResultsetResponses === undefined
        ? 'HIT'
        : enumValue(
            'includeResultsetResponses',
            q.includeResultsetResponses,
            INCLUDE_RESULTSET_RESPONSES,
            true,
          ),
    pagination: pagination(q.pagination?.skip, q.pagination?.limit),
    filters,
    testMode: q.testMode ?? false,
    parameters,
  };
}

/** The GET parameters every collection endpoint takes (pagination, granularity, echo fields, filters). */
const COLLECTION_GET_PARAMETERS = [
  'skip',
  'limit',
  'requestedGranularity',
  'requestedSchema',
  'apiVersion',
  'filters',
  'testMode',
] as const;

/** A collection endpoint's GET query: those parameters plus `extra`; any other is refused, never ignored. */
function parseCollectionQueryString(input: unknown, extra: readonly string[]): BeaconRestRequest {
  const query = (input ?? {}) as Record<string, unknown>;
  const allowed = new Set<string>([...COLLECTION_GET_PARAMETERS, ...extra]);
  const unknown = Object.keys(query).filter((k) => !allowed.has(k));
  if (unknown.length) throw bad(`unknown request parameter ${names(unknown)}`);
  return parseBeaconQueryString(query);
}

/** A collection request (`/datasets`): only pagination, granularity and the echo fields matter. */
export function parseCollectionRequest(method: 'GET' | 'POST', input: unknown): BeaconRestRequest {
  if (method === 'GET') return parseCollectionQueryString(input, []);
  const parsed = parseBeaconRequestBody(input);
  const given = Object.keys(parsed.parameters);
  if (given.length) throw bad(`request parameter ${given.join(', ')} does not apply to datasets`);
  return parsed;
}

/** `/datasets`: filters select individuals, not datasets (refused, never ignored). */
export function refuseFilters(req: BeaconRestRequest, endpoint: string): BeaconRestRequest {
  if (req.filters.length)
    throw bad(
      `filters do not apply to ${endpoint} here: they select individuals (/individuals, /g_variants)`,
    );
  return req;
}

/**
 * What an entry endpoint cannot honour, refused rather than answered otherwise:
 * - a requested schema other than the one this beacon serves for the endpoint's entry type (the answer
 *   would come in the default schema while the caller reads it as the one asked for);
 * - `testMode`: the spec says a beacon in test mode should answer from virtual or non-sensitive data, and
 *   this node has none, so a test request answered from real data is neither a test nor safe (501).
 */
export function refuseUnserved(req: BeaconRestRequest, entityType: EntryTypeId): BeaconRestRequest {
  const served = ENTRY_SCHEMAS[entityType];
  for (const r of req.requestedSchemas) {
    if (r.entityType !== undefined && r.entityType !== entityType)
      throw bad(
        `requestedSchemas entityType ${r.entityType.slice(0, 40)} is not what this endpoint returns (${entityType})`,
      );
    if (r.schema !== undefined && r.schema !== served)
      throw bad(
        `requestedSchema ${r.schema.slice(0, 80)} is not supported: ${entityType} entries are served in ${served} only`,
      );
  }
  if (req.testMode)
    throw new DomainError(
      'UNSUPPORTED_QUERY',
      'testMode is not implemented: this beacon has no test data, and a test request answered from the real data would be neither a test nor harmless; ask without testMode',
    );
  return req;
}

/**
 * `/individuals`: pagination, granularity, filters and `datasetIds` (GET parameter, or POST
 * requestParameters `datasetIds` / `datasets.datasetIds`); no variant parameter.
 */
export function parseIndividualsRequest(method: 'GET' | 'POST', input: unknown): BeaconRestRequest {
  if (method === 'GET') return parseCollectionQueryString(input, ['datasetIds', 'includeResultsetResponses']);
  const parsed = parseBeaconRequestBody(input);
  const given = Object.keys(parsed.parameters).filter((k) => k !== 'datasetIds');
  if (given.length) throw bad(`request parameter ${given.join(', ')} does not apply to individuals`);
  return parsed;
}

/** The informational endpoints (`/info` also answers `/api`). */
export type InformationalEndpoint =
  'info' | 'service-info' | 'configuration' | 'map' | 'entry_types' | 'filtering_terms';

/** An informational request: the version to answer in and, on `/filtering_terms`, the page asked for. */
export interface InformationalRequest {
  apiVersion: string | null;
  /** `/filtering_terms` only; null: every term (no `skip`/`limit` given). */
  pagination: { skip: number; limit: number } | null;
}

/**
 * The parameters each informational endpoint takes (the framework's endpoints.json: `skip`/`limit` on
 * `/filtering_terms`, `requestedSchema` on `/info`) and `apiVersion`.
 */
const INFORMATIONAL_GET: Record<InformationalEndpoint, readonly string[]> = {
  info: ['apiVersion', 'requestedSchema'],
  // GA4GH service-info has one version; a Beacon apiVersion is still checked (one this beacon serves).
  'service-info': ['apiVersion'],
  configuration: ['apiVersion'],
  map: ['apiVersion'],
  entry_types: ['apiVersion'],
  filtering_terms: ['apiVersion', 'skip', 'limit'],
};

/**
 * A GET or POST request to an informational endpoint, checked as strictly as a query: a parameter the
 * endpoint does not take, or a value it cannot use, is refused (400) rather than answered as if absent,
 * as `/datasets` and `/g_variants` do.
 */
export function parseInformationalRequest(
  endpoint: InformationalEndpoint,
  method: 'GET' | 'POST',
  input: unknown,
): InformationalRequest {
  const takesPages = endpoint === 'filtering_terms';
  if (method === 'POST') {
    // The body's structure (unknown keys at any level) as for every Beacon POST; then only what applies.
    const parsed = parseBeaconRequestBody(input);
    const query = (input as RequestBody | null | undefined)?.query ?? {};
    const extra = Object.keys(query).filter((k) => !(takesPages && k === 'pagination'));
    if (extra.length) throw bad(`query.${names(extra)} does not apply to /${endpoint}`);
    if (parsed.requestedSchemas.length) throw bad(`meta.requestedSchemas does not apply to /${endpoint}`);
    return {
      apiVersion: parsed.apiVersion,
      pagination: takesPages && query.pagination !== undefined ? parsed.pagination : null,
    };
  }
  const q = (input ?? {}) as Record<string, unknown>;
  const allowed = INFORMATIONAL_GET[endpoint];
  const unknown = Object.keys(q).filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw bad(
      `unknown request parameter ${names(unknown)} for /${endpoint} (it takes ${allowed.join(', ')})`,
    );
  }
  const single = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw bad(`${name} must be given once`);
    return v;
  };
  const schema = single('requestedSchema');
  if (schema !== undefined) {
    // The framework's example is GA4GH service-info: served at /api/service-info, not in place of /info.
    throw bad(
      `requestedSchema ${schema.slice(0, 60)} is not served by /info: it answers in the Beacon info response only (GA4GH service-info is /api/service-info)`,
    );
  }
  const skip = single('skip');
  const limit = single('limit');
  return {
    apiVersion: askedApiVersion(single('apiVersion')),
    pagination: skip === undefined && limit === undefined ? null : pagination(skip, limit),
  };
}

/** The `apiVersion` a request names, as given (echoed), once it is known to be one this beacon serves. */
export function askedApiVersion(asked: unknown): string | null {
  if (asked === undefined || asked === null || asked === '') return null;
  if (typeof asked !== 'string') throw bad('apiVersion must be a string');
  beaconApiVersionOf(asked);
  return asked;
}

/** Beacon `refseq:NC_000020.11` CURIEs name the same sequence as the bare accession. */
function stripCurie(referenceName: string): string {
  return referenceName.replace(/^refseq:/i, '');
}

/**
 * Maps the Beacon v2 genomic-variant parameters onto the engine's query. Sequence (`start` only) and
 * range (`start` + `end`, one value each) and bracket (two values each: `[start, startMax]`,
 * `[end, endMax]`) queries map directly onto the engine's query.
 */
export function toEngineQuery(req: BeaconRestRequest): BeaconQueryRequest {
  const p = req.parameters;
  if (p.geneId !== undefined) {
    // A gene query (Beacon `GeneIdRequest`): the engine resolves the gene and refuses any position given
    // beside it; assemblyId defaults to GRCh38 and referenceName only chooses among a gene's chromosomes.
    return {
      assemblyId: p.assemblyId ?? null,
      referenceName: p.referenceName === undefined ? null : stripCurie(p.referenceName),
      start: p.start?.[0] ?? null,
      end: p.end?.[0] ?? null,
      startMax: p.start?.[1] ?? null,
      endMax: p.end?.[1] ?? null,
      referenceBases: p.referenceBases ?? null,
      alternateBases: p.alternateBases ?? null,
      variantType: p.variantType ?? null,
      variantMinLength: p.variantMinLength ?? null,
      variantMaxLength: p.variantMaxLength ?? null,
      geneId: p.geneId,
      datasetIds: p.datasetIds ?? null,
      filters: req.filters.length ? req.filters : null,
      requestedGranularity: engineGranularity(req.requestedGranularity),
    };
  }
  const missing: string[] = (['assemblyId', 'referenceName'] as const).filter((k) => p[k] === undefined);
  if (!p.start) missing.push('start');
  if (missing.length) throw bad(`missing request parameter ${missing.join(', ')}`);
  const start = p.start!;
  const end = p.end;
  if (start.length === 2 || end?.length === 2) {
    if (start.length !== 2 || end?.length !== 2) {
      throw new DomainError('INVALID_COORDINATES', 'a bracket query needs two values in both start and end');
    }
  }
  const bracket = start.length === 2 && end?.length === 2;
  return {
    assemblyId: p.assemblyId!,
    referenceName: stripCurie(p.referenceName!),
    start: start[0],
    end: end ? end[0] : null,
    startMax: bracket ? start[1] : null,
    endMax: bracket ? end[1] : null,
    referenceBases: p.referenceBases ?? null,
    alternateBases: p.alternateBases ?? null,
    variantType: p.variantType ?? null,
    ...(p.variantMinLength !== undefined ? { variantMinLength: p.variantMinLength } : {}),
    ...(p.variantMaxLength !== undefined ? { variantMaxLength: p.variantMaxLength } : {}),
    datasetIds: p.datasetIds ?? null,
    ...(req.filters.length ? { filters: req.filters } : {}),
    requestedGranularity: engineGranularity(req.requestedGranularity),
  };
}

/**
 * `/g_variants/{id}`: the id of a genomic variant at this beacon (its records' `variantInternalId`) is
 * `<assemblyId>:<referenceName>:<start>:<referenceBases>:<alternateBases>` (0-based start, VCF-style bases
 * with the anchor base for indels), e.g. `GRCh38:20:1234566:A:G`. The assembly may be left out when it is
 * given as `assemblyId` or implied by a RefSeq accession (`NC_000020.11:1234566:A:G`). A sequence query.
 */
export function parseVariantId(
  id: string,
): Pick<
  GenomicVariantParameters,
  'assemblyId' | 'referenceName' | 'start' | 'referenceBases' | 'alternateBases'
> {
  const m =
    /^(?:([A-Za-z0-9._-]{1,20}):(?=[^:]+:\d+:[A-Za-z]+:[A-Za-z]+$))?(?:refseq:)?([A-Za-z0-9._-]{1,64}):(\d{1,12}):([A-Za-z]{1,1000}):([A-Za-z]{1,1000})$/i.exec(
      id,
    );
  if (!m) {
    throw bad(
      'a genomic variant id is [<assemblyId>:]<referenceName>:<start>:<referenceBases>:<alternateBases> (0-based start), e.g. GRCh38:20:1234566:A:G',
    );
  }
  const assembly = m[1] && m[1].toLowerCase() !== 'refseq' ? m[1] : undefined;
  const accessionOf = refseqAssemblies(m[2]);
  return {
    ...(assembly ? { assemblyId: assembly } : accessionOf.length === 1 ? { assemblyId: accessionOf[0] } : {}),
    referenceName: m[2],
    start: [Number(m[3])],
    referenceBases: m[4],
    alternateBases: m[5],
  };
}
