import {
  isBeaconGranularityName,
  isGranularity,
  parseAssembly,
  refseqAccession,
  wireGranularity,
  type BeaconAnswer,
  type BeaconQueryRequest,
  type Granularity,
} from '@helixgate/beacon';
import { normalizeContig } from '@helixgate/variants';
import { DomainError } from '@helixgate/common';
import type { ReferenceNaming } from './peer.entity';
import { canonicalJson } from '@helixgate/audit';
import { createHash } from 'node:crypto';

/** Header carrying the asking node's signed request (a compact JWS); redacted from the request log. */
export const PEER_SIGNATURE_HEADER = 'x-helixgate-signature';
/** `typ` of a peer request JWS: it cannot be mistaken for (or replayed as) a bearer token or a visa. */
export const PEER_REQUEST_TYP = 'helixgate-peer-request+jwt';
/** `typ` of a peer's signed answer: never mistaken for (or replayed as) a request, a token or a visa. */
export const PEER_ANSWER_TYP = 'helixgate-peer-answer+jwt';
/** Response header carrying the answering node's signature over its answer (a compact JWS). */
export const PEER_ANSWER_SIGNATURE_HEADER = 'x-helixgate-answer-signature';
/** Longest lifetime a peer request may claim (exp - iat), in seconds. */
export const MAX_PEER_REQUEST_LIFETIME_S = 60;
/** Lifetime this node gives its own peer requests. */
export const PEER_REQUEST_LIFETIME_S = 30;
/** Largest peer answer read; a bigger one is an invalid response and is not merged. */
export const MAX_PEER_RESPONSE_BYTES = 1024 * 1024;
/** Most result sets accepted from one peer. */
export const MAX_PEER_RESULT_SETS = 1000;
/** Most Beacon warnings taken from one node's answer, and the longest one. */
export const MAX_PEER_WARNINGS = 20;
export const MAX_PEER_WARNING_LENGTH = 500;
/** Longest institution name a peer request may carry. */
export const MAX_INSTITUTION_LENGTH = 200;
/** Most visas forwarded with a request (the same bound the passport validator applies). */
export const MAX_FORWARDED_VISAS = 100;

/** The body of `POST /federation/query`. */
export interface PeerQueryBody {
  query: BeaconQueryRequest;
}

/** Claims of a peer request JWS (besides iss, aud, iat, exp, jti). */
export interface PeerRequestClaims {
  /** The asking caller's subject; absent for an anonymous caller. */
  sub?: string;
  /** The asking caller's token issuer. */
  hg_caller_iss?: string;
  /**
   * The asking caller's institution as the asking node verified it (the `institution_claim` of the caller's
   * token issuer, or a local user's record); absent when it has none. The answering node charges the privacy
   * budget of this institution in `institution` collusion mode.
   */
  hg_caller_institution?: string;
  /** The caller's GA4GH passport: the visa JWTs exactly as the caller presented them. */
  ga4gh_passport_v1?: string[];
  /** base64url SHA-256 of the canonical JSON of the request body. */
  hg_body_sha256: string;
  /** The federated query's correlation id (also sent as x-request-id). */
  hg_request_id: string;
}

/** The body of `POST /federation/hello`: the asking node's id (a signed handshake, nothing else). */
export interface PeerHelloBody {
  hello: string;
}

/** The answer to a hello: the answering node's id, signed (see PeerAnswerClaims) like every answer. */
export interface PeerHelloAnswer {
  node: string;
}

/**
 * Claims of a peer answer JWS (besides iss = the answering node's issuer, aud = the asking node's id, iat,
 * exp and its own jti). The answer is bound to the request it answers (its jti), to the node that answers
 * and to the exact answer body, so it cannot be replayed for another request, moved to another node's
 * answer, or altered.
 */
export interface PeerAnswerClaims {
  /** The `jti` of the signed request this answers. */
  hg_request_jti: string;
  /** The answering node's id (the peer id the asking node registered it under). */
  hg_node: string;
  /** base64url SHA-256 of the canonical JSON of the answer body. */
  hg_body_sha256: string;
}

/** base64url SHA-256 of the canonical JSON (sorted keys) of a body: both sides hash the parsed value. */
export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

/** A granularity crossing the node boundary: the engine's names (`BOOLEAN`, `COUNT`, `RECORD`). */
export type PeerGranularity = Granularity;

/** One dataset's answer as it crosses the node boundary: aggregates only. */
export interface PeerResultSet {
  datasetId: string;
  exists: boolean;
  granularity: PeerGranularity;
  count: number | null;
  hetCarriers: number | null;
  homAltCarriers: number | null;
  hemiCarriers: number | null;
  alleleCount: number | null;
  alleleNumber: number | null;
  alleleFrequency: number | null;
  /** How the counts of people and alleles were released by the answering node (Beacon v2.2 values). */
  countPrecision: PeerCountPrecision | null;
  countAdjustedTo: number | null;
  /** How `count` was released: `imprecise` when the answering node's privacy guard may have reduced it. */
  resultsCountPrecision: 'exact' | 'imprecise' | null;
}

export type PeerCountPrecision = 'exact' | 'imprecise' | 'rounded';
const COUNT_PRECISIONS: readonly PeerCountPrecision[] = ['exact', 'imprecise', 'rounded'];

/** What a node answers a peer: its node id and the local engine's answer. */
export interface PeerAnswer {
  node: string;
  exists: boolean;
  numTotalResults: number | null;
  returnedGranularity: PeerGranularity;
  resultSets: PeerResultSet[];
  /**
   * The Beacon warnings of the node's answer (an unknown filter term there, a cohort below its count floor,
   * ...), for the asker to read with it. Absent from a node that predates the field: none.
   */
  warnings: string[];
}

/** The wire form of a local answer: fields picked one by one, so nothing else can cross by accident. */
export function toPeerAnswer(node: string, a: BeaconAnswer): PeerAnswer {
  return {
    node,
    exists: a.exists,
    numTotalResults: a.numTotalResults,
    returnedGranularity: a.returnedGranularity,
    resultSets: a.resultSets.map((r) => ({
      datasetId: r.datasetId,
      exists: r.exists,
      granularity: r.granularity,
      count: r.count,
      hetCarriers: r.hetCarriers,
      homAltCarriers: r.homAltCarriers,
      hemiCarriers: r.hemiCarriers,
      alleleCount: r.alleleCount,
      alleleNumber: r.alleleNumber,
      alleleFrequency: r.alleleFrequency,
      countPrecision: r.countPrecision,
      countAdjustedTo: r.countAdjustedTo,
      resultsCountPrecision: r.resultsCountPrecision ?? 'exact',
    })),
    warnings: (a.warnings ?? []).slice(0, MAX_PEER_WARNINGS).map((w) => w.slice(0, MAX_PEER_WARNING_LENGTH)),
  };
}

// The checks below are hand-written rather than an Ajv schema because ajv is a dev-only dependency of
// this repository; they are small, strict (unknown keys rejected) and name the first problem.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const countOrNull = (v: unknown) => v === null || isCount(v);

function onlyKeys(o: Obj, allowed: readonly string[], where: string): string | null {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  return extra === undefined ? null : `${where}: unexpected field ${JSON.stringify(extra.slice(0, 40))}`;
}

const RESULT_SET_KEYS = [
  'datasetId',
  'exists',
  'granularity',
  'count',
  'hetCarriers',
  'homAltCarriers',
  'hemiCarriers',
  'alleleCount',
  'alleleNumber',
  'alleleFrequency',
  'countPrecision',
  'countAdjustedTo',
  'resultsCountPrecision',
] as const;

/** Validates a Helixgate peer's answer; returns it or the first problem found. */
export function parsePeerAnswer(json: unknown, expectedNode: string): PeerAnswer | { problem: string } {
  const bad = (problem: string) => ({ problem });
  if (!isObj(json)) return bad('answer is not a JSON object');
  const extra = onlyKeys(
    json,
    ['node', 'exists', 'numTotalResults', 'returnedGranularity', 'resultSets', 'warnings'],
    'answer',
  );
  if (extra) return bad(extra);
  if (json.node !== expectedNode) return bad('answer names another node');
  if (typeof json.exists !== 'boolean') return bad('exists is not a boolean');
  if (!countOrNull(json.numTotalResults)) return bad('numTotalResults is not a count');
  if (!isGranularity(json.returnedGranularity)) return bad('returnedGranularity is not a granularity');
  json.warnings ??= [];
  if (
    !Array.isArray(json.warnings) ||
    json.warnings.length > MAX_PEER_WARNINGS ||
    !json.warnings.every((w) => typeof w === 'string' && w.length > 0 && w.length <= MAX_PEER_WARNING_LENGTH)
  )
    return bad(
      `warnings is not a list of at most ${MAX_PEER_WARNINGS} texts of at most ${MAX_PEER_WARNING_LENGTH} characters`,
    );
  if (!Array.isArray(json.resultSets) || json.resultSets.length > MAX_PEER_RESULT_SETS)
    return bad('resultSets is not a list (of at most 1000)');
  for (const [i, r] of json.resultSets.entries()) {
    const where = `resultSets[${i}]`;
    if (!isObj(r)) return bad(`${where} is not an object`);
    const e = onlyKeys(r, RESULT_SET_KEYS, where);
    if (e) return bad(e);
    if (typeof r.datasetId !== 'string' || r.datasetId.length === 0 || r.datasetId.length > 200)
      return bad(`${where}.datasetId is not an id`);
    if (typeof r.exists !== 'boolean') return bad(`${where}.exists is not a boolean`);
    if (!isGranularity(r.granularity)) return bad(`${where}.granularity is not a granularity`);
    for (const k of [
      'count',
      'hetCarriers',
      'homAltCarriers',
      'hemiCarriers',
      'alleleCount',
      'alleleNumber',
    ] as const) {
      if (!countOrNull(r[k])) return bad(`${where}.${k} is not a count`);
    }
    const af = r.alleleFrequency;
    if (!(af === null || (typeof af === 'number' && af >= 0 && af <= 1)))
      return bad(`${where}.alleleFrequency is not a frequency`);
    // A node that predates these fields sends neither: its counts' precision is unknown (null).
    r.countPrecision ??= null;
    r.countAdjustedTo ??= null;
    r.resultsCountPrecision ??= null;
    if (!(
      r.resultsCountPrecision === null || ['exact', 'imprecise'].includes(r.resultsCountPrecision as string)
    ))
      return bad(`${where}.resultsCountPrecision is not exact or imprecise`);
    if (!(r.countPrecision === null || COUNT_PRECISIONS.includes(r.countPrecision as PeerCountPrecision)))
      return bad(`${where}.countPrecision is not exact, imprecise or rounded`);
    if (!countOrNull(r.countAdjustedTo)) return bad(`${where}.countAdjustedTo is not a count`);
  }
  // A sum that does not add up is not merged either: the aggregate would silently differ from the parts.
  const counted = (json.resultSets as PeerResultSet[]).filter((r) => r.count !== null);
  const total = counted.reduce((s, r) => s + (r.count ?? 0), 0);
  if (json.numTotalResults !== null && counted.length > 0 && json.numTotalResults !== total) {
    return bad('numTotalResults is not the sum of the result sets');
  }
  return json as unknown as PeerAnswer;
}

/** What a plain Beacon v2 service told us: boolean, or boolean and count. */
export interface BeaconV2Answer {
  exists: boolean;
  numTotalResults: number | null;
  granularity: 'BOOLEAN' | 'COUNT';
  /** Its `info.warnings` texts (where this beacon and others put them), capped; none when absent. */
  warnings: string[];
}

/**
 * Validates the part of a Beacon v2 `g_variants` response this node uses (`meta.returnedGranularity`,
 * `responseSummary.exists`, `responseSummary.numTotalResults`); everything else (result sets, records) is
 * ignored, because a plain Beacon v2 peer is only ever asked for public, aggregate answers.
 */
export function parseBeaconV2Answer(json: unknown): BeaconV2Answer | { problem: string } {
  const bad = (problem: string) => ({ problem });
  if (!isObj(json)) return bad('response is not a JSON object');
  if (isObj(json.error)) return bad('response is a Beacon error');
  if (!isObj(json.meta)) return bad('meta is missing');
  if (!isObj(json.responseSummary)) return bad('responseSummary is missing');
  const { exists, numTotalResults } = json.responseSummary;
  if (typeof exists !== 'boolean') return bad('responseSummary.exists is not a boolean');
  if (numTotalResults !== undefined && !isCount(numTotalResults))
    return bad('responseSummary.numTotalResults is not a count');
  const granularity = json.meta.returnedGranularity;
  if (granularity !== undefined && !isBeaconGranularityName(granularity)) {
    return bad('meta.returnedGranularity is not a Beacon granularity');
  }
  const counted = numTotalResults !== undefined && granularity !== 'boolean';
  // The spec has no warnings field: `info.warnings` is read when it is a list (texts only, cut short),
  // never a reason to refuse an answer.
  const listed = isObj(json.info) && Array.isArray(json.info.warnings) ? json.info.warnings : [];
  const warnings = listed
    .filter((w): w is string => typeof w === 'string' && w.length > 0)
    .slice(0, MAX_PEER_WARNINGS)
    .map((w) => w.slice(0, MAX_PEER_WARNING_LENGTH));
  return {
    exists,
    numTotalResults: counted ? numTotalResults : null,
    granularity: counted ? 'COUNT' : 'BOOLEAN',
    warnings,
  };
}

/**
 * How each engine query field is written in a Beacon v2 GET query string. Exhaustive over the query's
 * fields (a new field does not compile until it says how it is asked of a plain Beacon v2 service).
 * Bracket queries are `start=<start>,<startMax>&end=<end>,<endMax>`, as the spec writes them.
 */
const BEACON_V2_PARAMETERS: {
  readonly [K in keyof BeaconQueryRequest]-?: (q: BeaconQueryRequest, p: URLSearchParams) => void;
} = {
  assemblyId: (q, p) => {
    if (q.assemblyId) p.set('assemblyId', q.assemblyId);
  },
  referenceName: (q, p) => {
    if (q.referenceName) p.set('referenceName', q.referenceName);
  },
  start: (q, p) => {
    if (q.start != null) p.set('start', q.startMax != null ? `${q.start},${q.startMax}` : String(q.start));
  },
  end: (q, p) => {
    if (q.end != null) p.set('end', q.endMax != null ? `${q.end},${q.endMax}` : String(q.end));
  },
  startMax: () => undefined, // with start
  endMax: () => undefined, // with end
  referenceBases: (q, p) => {
    if (q.referenceBases) p.set('referenceBases', q.referenceBases);
  },
  alternateBases: (q, p) => {
    if (q.alternateBases) p.set('alternateBases', q.alternateBases);
  },
  variantType: (q, p) => {
    if (q.variantType) p.set('variantType', q.variantType);
  },
  geneId: (q, p) => {
    if (q.geneId) p.set('geneId', q.geneId);
  },
  variantMinLength: (q, p) => {
    if (q.variantMinLength != null) p.set('variantMinLength', String(q.variantMinLength));
  },
  variantMaxLength: (q, p) => {
    if (q.variantMaxLength != null) p.set('variantMaxLength', String(q.variantMaxLength));
  },
  // The caller's dataset ids name this node's datasets; they mean nothing to another service.
  datasetIds: () => undefined,
  // GET carries filter ids (Beacon v2: the defaults apply); other options would be lost, so refused.
  filters: (q, p) => {
    if (!q.filters?.length) return;
    if (
      q.filters.some(
        (f) => f.includeDescendantTerms === false || (f.similarity && f.similarity !== 'exact') || f.scope,
      )
    )
      throw new DomainError(
        'UNSUPPORTED_QUERY',
        'a plain Beacon v2 peer is asked by GET, which carries filter ids only: includeDescendantTerms, similarity and scope cannot be passed on',
      );
    p.set('filters', q.filters.map((f) => f.id).join(','));
  },
  // Only public, aggregate answers are asked of a plain Beacon v2 service.
  requestedGranularity: (q, p) =>
    p.set(
      'requestedGranularity',
      wireGranularity(q.requestedGranularity === 'BOOLEAN' ? 'BOOLEAN' : 'COUNT'),
    ),
};

/**
 * The query as a plain Beacon v2 peer names things: its chromosome naming (`chr22`, `22` or the RefSeq
 * accession of the query's assembly) instead of the name the caller typed. Null naming: as typed.
 */
export function forBeaconV2Peer(q: BeaconQueryRequest, naming: ReferenceNaming | null): BeaconQueryRequest {
  if (!q.referenceName || naming === null) return q;
  const chrom = normalizeContig(q.referenceName.replace(/^refseq:/i, ''));
  let referenceName: string;
  switch (naming) {
    case 'ucsc':
      referenceName = chrom === 'MT' ? 'chrM' : `chr${chrom}`;
      break;
    case 'ensembl':
      referenceName = chrom;
      break;
    case 'refseq':
      referenceName = (q.assemblyId && refseqAccession(parseAssembly(q.assemblyId), chrom)) || chrom;
      break;
    default: {
      const unknown: never = naming;
      throw new Error(`unknown reference naming ${String(unknown)}`);
    }
  }
  return { ...q, referenceName };
}

/** The Beacon v2 GET query string for an engine query (variant parameters as the spec names them). */
export function beaconV2QueryString(q: BeaconQueryRequest): string {
  const p = new URLSearchParams();
  for (const write of Object.values(BEACON_V2_PARAMETERS)) write(q, p);
  return p.toString();
}
