import { DomainError } from '@helixgate/common';
import {
  contigLength,
  isPrimaryContig,
  normalizeContig,
  refseqAssemblies,
  type Assembly,
} from '@helixgate/variants';
import { normaliseFilter, parseFilters, type BeaconFilter } from './beacon-filters';

/** Beacon v2 granularities. RECORD is accepted in a request but not served until access control lands. */
export const GRANULARITIES = ['BOOLEAN', 'COUNT', 'RECORD'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** What a caller sends (GraphQL today, Beacon v2 REST later). Coordinates are Beacon v2: 0-based. */
export interface BeaconQueryRequest {
  /** Required, except in a gene query (default GRCh38 there). */
  assemblyId?: string | null;
  /** Required, except in a gene query (where it chooses among a gene's chromosomes). */
  referenceName?: string | null;
  /** 0-based position of the first base (Beacon v2). Absent only in a gene query (`geneId`). */
  start?: number | null;
  /** 0-based, exclusive (Beacon v2). Present: a range query. Absent: a sequence query. */
  end?: number | null;
  /**
   * Bracket query (Beacon v2 `start: [start, startMax]`, `end: [end, endMax]`): variants that begin within
   * [start, startMax] and end within [end, endMax] (0-based), e.g. CNVs with imprecise breakpoints.
   */
  startMax?: number | null;
  endMax?: number | null;
  referenceBases?: string | null;
  alternateBases?: string | null;
  variantType?: string | null;
  /** Range, bracket and gene queries: the variant's length in bases at least / at most (variant-class.ts). */
  variantMinLength?: number | null;
  variantMaxLength?: number | null;
  /**
   * Gene query (Beacon v2 `geneId`): an HGNC symbol, alias or NCBI Gene id instead of start/end. The engine
   * turns it into a range query over the gene's span (beacon-gene-query.ts); `assemblyId` defaults to GRCh38.
   */
  geneId?: string | null;
  datasetIds?: readonly string[] | null;
  /**
   * Beacon v2 filters (ANDed ontology terms on individuals): the variants carried by individuals who match
   * them. Normalised by validateBeaconQuery (beacon-filters.ts); null or empty: no filter.
   */
  filters?: readonly BeaconFilter[] | null;
  requestedGranularity: Granularity;
}

/**
 * Every field of the engine query and the type it has on the wire. The mapped type makes this table
 * exhaustive: a field added to BeaconQueryRequest does not compile until it is listed here, and then it
 * travels (engineQueryOf, parseEngineQuery, the peer protocol) without any other list to update. The
 * round-trip spec (test/federation/query-travels.e2e.spec.ts) is generated from these keys.
 */
export const BEACON_QUERY_FIELDS: {
  readonly [K in keyof BeaconQueryRequest]-?: 'string' | 'integer' | 'ids' | 'filters' | 'granularity';
} = {
  assemblyId: 'string',
  referenceName: 'string',
  start: 'integer',
  end: 'integer',
  startMax: 'integer',
  endMax: 'integer',
  referenceBases: 'string',
  alternateBases: 'string',
  variantType: 'string',
  variantMinLength: 'integer',
  variantMaxLength: 'integer',
  geneId: 'string',
  datasetIds: 'ids',
  filters: 'filters',
  requestedGranularity: 'granularity',
};

/** The fields every query must carry; the others are optional (null when absent; the engine decides). */
const REQUIRED_QUERY_FIELDS: ReadonlySet<keyof BeaconQueryRequest> = new Set([
  'requestedGranularity',
] as const);

/**
 * The canonical engine query of any object carrying its fields (a GraphQL input object, a REST-parsed
 * request, a peer's body): every field of BEACON_QUERY_FIELDS, in that order, an absent optional one as
 * null, lists copied. Nothing else is kept, and nothing of the query is lost. This is what the engine is
 * given and what crosses to a peer.
 */
export function engineQueryOf(input: BeaconQueryRequest): BeaconQueryRequest {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(BEACON_QUERY_FIELDS) as (keyof BeaconQueryRequest)[]) {
    const v = input[key];
    out[key] =
      v === undefined
        ? null
        : key === 'filters' && Array.isArray(v)
          ? (v as readonly BeaconFilter[]).map(normaliseFilter)
          : Array.isArray(v)
            ? [...(v as readonly string[])]
            : v;
  }
  return out as unknown as BeaconQueryRequest;
}

/**
 * A query received as JSON (a peer's `{ query }`): each field type-checked per BEACON_QUERY_FIELDS; a
 * field this node does not know is refused (BAD_REQUEST naming it), never dropped, because dropping it
 * would answer another question than the one asked. Values are validated by validateBeaconQuery.
 */
export function parseEngineQuery(json: unknown): BeaconQueryRequest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DomainError('BAD_REQUEST', 'a beacon query is a JSON object');
  }
  const o = json as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !Object.hasOwn(BEACON_QUERY_FIELDS, k));
  if (unknown.length) {
    throw new DomainError(
      'BAD_REQUEST',
      `unknown query field ${unknown
        .slice(0, 5)
        .map((k) => JSON.stringify(k.slice(0, 40)))
        .join(', ')}: this node cannot answer it`,
    );
  }
  for (const [key, kind] of Object.entries(BEACON_QUERY_FIELDS) as [keyof BeaconQueryRequest, string][]) {
    const v = o[key];
    if (v === undefined || v === null) {
      if (REQUIRED_QUERY_FIELDS.has(key))
        throw new DomainError('BAD_REQUEST', `query field ${key} is missing`);
      continue;
    }
    const ok =
      kind === 'string'
        ? typeof v === 'string'
        : kind === 'integer'
          ? typeof v === 'number' && Number.isSafeInteger(v)
          : kind === 'ids'
            ? Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === 'string')
            : kind === 'filters'
              ? Array.isArray(v) &&
                v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x)) &&
                (parseFilters(v), true)
              : GRANULARITIES.includes(v as Granularity);
    if (!ok) throw new DomainError('BAD_REQUEST', `query field ${key} is not a valid ${kind}`);
  }
  return engineQueryOf(o as unknown as BeaconQueryRequest);
}

interface QueryBase {
  assembly: Assembly;
  /** Normalised contig (`20`, `X`, `MT`), as stored in `variant.chrom`. */
  chrom: string;
  /** Datasets the caller named; null: every dataset visible to the caller on this assembly. */
  datasetIds: readonly string[] | null;
  /** Beacon filters on individuals (normalised, ANDed); null: none. */
  filters: readonly BeaconFilter[] | null;
  requestedGranularity: Granularity;
}

/**
 * Internal coordinates are 1-based and inclusive, like `variant.pos` / `variant.end_pos` (VCF), so the
 * SQL compares columns with parameters directly. Allele patterns use SQL LIKE syntax (`_` = one base);
 * `alleleMatches` states exactly what the repository's SQL matches.
 */
export interface SequenceQuery extends QueryBase {
  kind: 'sequence';
  /** VCF POS of the allele: Beacon `start` + 1. */
  pos: number;
  /** Null: any reference bases (Beacon v2 makes `referenceBases` optional; `alternateBases` is required). */
  refPattern: string | null;
  altPattern: string;
}

export interface RangeQuery extends QueryBase {
  kind: 'range';
  /** First base of the window, 1-based inclusive: Beacon `start` + 1. */
  first: number;
  /** Last base of the window, 1-based inclusive: Beacon `end` (exclusive, 0-based) is the same number. */
  last: number;
  /** Variant classes to keep (libs/variants variant-class.ts, from parseVariantType); null: any. */
  variantTypes: readonly string[] | null;
  /** Variant length bounds in bases (inclusive; null: unbounded). */
  minLength: number | null;
  maxLength: number | null;
  refPattern: string | null;
  altPattern: string | null;
  /** Set when the range is a gene's span (a `geneId` query): the gene it was resolved to. */
  gene?: { symbol: string; entrezId: string } | null;
}

export interface BracketQuery extends QueryBase {
  kind: 'bracket';
  /**
   * VCF POS bounds (1-based, inclusive). Beacon's bracket intervals are half-open, as its precise-match
   * idiom `start[1] = start[0] + 1`, `end[1] = end[0] + 1` shows: the 0-based start lies in
   * [start[0], start[1]), so POS in [start[0] + 1, start[1]].
   */
  posMin: number;
  posMax: number;
  /**
   * Bounds of the variant's last base (1-based inclusive) = its 0-based exclusive end, which lies in
   * [end[0], end[1]): `end[0]` .. `end[1] - 1`.
   */
  endMin: number;
  endMax: number;
  variantTypes: readonly string[] | null;
  minLength: number | null;
  maxLength: number | null;
}

/** A validated query; the repository switches exhaustively on `kind`. */
export type VariantQuery = SequenceQuery | RangeQuery | BracketQuery;

export interface QueryLimits {
  /** HELIXGATE_MAX_RANGE_BP */
  maxRangeBp: number;
  /** HELIXGATE_MAX_ALLELE_LENGTH */
  maxAlleleLength: number;
}

/** The limits a node's configuration sets. */
export function queryLimitsOf(vars: {
  HELIXGATE_MAX_RANGE_BP: number;
  HELIXGATE_MAX_ALLELE_LENGTH: number;
}): QueryLimits {
  return { maxRangeBp: vars.HELIXGATE_MAX_RANGE_BP, maxAlleleLength: vars.HELIXGATE_MAX_ALLELE_LENGTH };
}

const ASSEMBLY_ALIASES: Record<string, Assembly> = {
  grch37: 'GRCh37',
  hg19: 'GRCh37',
  grch38: 'GRCh38',
  hg38: 'GRCh38',
};

/** Accepts GRCh37/GRCh38 (any patch, e.g. `GRCh38.p14`) and the UCSC names hg19/hg38, case-insensitively. */
export function parseAssembly(assemblyId: string): Assembly {
  const key = assemblyId
    .trim()
    .toLowerCase()
    .replace(/\.p\d+$/, '');
  const assembly = ASSEMBLY_ALIASES[key];
  if (!assembly) {
    throw new DomainError(
      'INVALID_ASSEMBLY',
      `assemblyId "${assemblyId.slice(0, 40)}" is not supported: use GRCh37 or GRCh38`,
    );
  }
  return assembly;
}

const CONTIG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `chr20`, `20`, `NC_000020.11` → `20`; rejects names no assembly has (`chr99`, empty, odd characters). */
export function parseReferenceName(referenceName: string): string {
  const chrom = normalizeContig(referenceName);
  const numeric = /^\d+$/.test(chrom);
  if (!CONTIG_NAME.test(chrom) || (numeric && !isPrimaryContig(chrom)) || /^NC_/i.test(chrom)) {
    throw new DomainError(
      'INVALID_REFERENCE_NAME',
      `referenceName "${referenceName.slice(0, 40)}" is not a known chromosome or contig name`,
    );
  }
  return chrom;
}

/**
 * A RefSeq accession names one assembly's sequence (`NC_000022.10` is GRCh37's chromosome 22,
 * `NC_000022.11` GRCh38's): asking it of the other assembly is refused, never answered for the other
 * sequence. Chromosome names (`22`, `chr22`) and accessions both assemblies share (the mitochondrion) pass.
 */
export function checkAccessionAssembly(referenceName: string, assembly: Assembly): void {
  const accession = referenceName.trim().replace(/^refseq:/i, '');
  const of = refseqAssemblies(accession);
  if (of.length > 0 && !of.includes(assembly)) {
    throw new DomainError(
      'INVALID_REFERENCE_NAME',
      `referenceName ${accession} is chromosome ${normalizeContig(accession)} of ${of.join(', ')}, not of ${assembly} (assemblyId)`,
    );
  }
}

const BASES = /^[ACGTN]+$/;

/**
 * Upper-cases bases and turns them into a SQL LIKE pattern where Beacon's `N` is `_` (any one base). Only
 * A, C, G, T, N reach the pattern, so nothing else from the caller can (no `%`, no escape). The SQL adds
 * `~ '^[ACGTN]+$'` on the stored allele, so `_` never matches a symbolic allele (`<DEL>`), a breakend or
 * `*`. A LIKE pattern costs linear time whatever its length; the regular expression it replaces
 * (`[ACGTN]` per N) took PostgreSQL ~0.3 s to compile at 10,000 bases and failed ("too complex") beyond.
 * Alleles longer than `maxLength` are refused before anything else.
 */
export function basesToPattern(field: string, bases: string, maxLength: number): string {
  if (bases.length > maxLength) {
    throw new DomainError(
      'ALLELE_TOO_LONG',
      `${field} is ${bases.length} bases long; at most ${maxLength} are accepted (HELIXGATE_MAX_ALLELE_LENGTH)`,
    );
  }
  const upper = bases.toUpperCase();
  if (!BASES.test(upper)) {
    throw new DomainError(
      'INVALID_BASES',
      `${field} must be one or more of A, C, G, T, N (VCF-style, with the anchor base for indels)`,
    );
  }
  return upper.replace(/N/g, '_');
}

/**
 * Whether a stored allele matches a pattern from `basesToPattern`: the executable specification of the
 * repository's `allele LIKE pattern AND allele ~ '^[ACGTN]+$'`.
 */
export function alleleMatches(pattern: string, allele: string): boolean {
  if (!BASES.test(allele) || allele.length !== pattern.length) return false;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== '_' && pattern[i] !== allele[i]) return false;
  return true;
}

/**
 * `variantType` values accepted: Beacon's SNP, MNP, DEL, INS, DUP, INV, CNV, BND, and INDEL; SV subtypes
 * (`DUP:TANDEM`, `DEL:ME:ALU`); and the Sequence Ontology / EFO terms for them.
 */
export const VARIANT_TYPES = ['SNP', 'MNP', 'INDEL', 'INS', 'DEL', 'DUP', 'INV', 'CNV', 'BND'] as const;
const SV_SUBTYPE = /^(INS|DEL|DUP|INV|CNV)(:[A-Z0-9_]+)+$/;

/**
 * The variant classes (libs/variants variant-class.ts) each accepted value selects. A small indel is
 * stored as INDEL and classed INDEL:DEL or INDEL:INS by its REF/ALT lengths, so DEL finds both the
 * sequence deletions and the symbolic `<DEL>`s, INS both insertions and `<INS>`s, INDEL every sequence
 * indel. An SV subtype, a copy-number term or an SO structural term selects symbolic alleles only.
 */
const VARIANT_CLASSES: Record<string, readonly string[]> = {
  SNP: ['SNP'],
  MNP: ['MNP'],
  INDEL: ['INDEL:DEL', 'INDEL:INS'],
  DEL: ['DEL', 'INDEL:DEL'],
  INS: ['INS', 'INDEL:INS'],
  DUP: ['DUP'],
  INV: ['INV'],
  CNV: ['CNV'],
  BND: ['BND'],
  // Sequence Ontology
  'SO:0001483': ['SNP'], // SNV
  'SO:0000694': ['SNP'], // SNP
  'SO:0002007': ['MNP'], // MNV
  'SO:0001013': ['MNP'], // MNP
  'SO:1000032': ['INDEL:DEL', 'INDEL:INS'], // delins (indel)
  'SO:0000159': ['DEL', 'INDEL:DEL'], // deletion
  'SO:0000667': ['INS', 'INDEL:INS'], // insertion
  'SO:1000035': ['DUP'], // duplication
  'SO:1000173': ['DUP'], // tandem_duplication
  'SO:1000036': ['INV'], // inversion
  'SO:0001019': ['CNV', 'DEL', 'DUP'], // copy_number_variation
  'SO:0000199': ['BND'], // translocation
  // EFO copy-number terms (Beacon's recommended CNV vocabulary, EFO:0030063 "copy number assessment")
  'EFO:0030066': ['CNV', 'DEL', 'DUP'], // relative copy number variation
  'EFO:0030067': ['DEL'], // copy number loss
  'EFO:0030068': ['DEL'], // low-level copy number loss
  'EFO:0030069': ['DEL'], // complete genomic deletion
  'EFO:0030070': ['DUP'], // copy number gain
  'EFO:0030071': ['DUP'], // low-level copy number gain
  'EFO:0030072': ['DUP'], // high-level copy number gain
  'EFO:0030073': ['DUP'], // focal genome amplification
};

/** The variant classes a query's `variantType` selects (see VARIANT_CLASSES). */
export function parseVariantType(variantType: string): string[] {
  const t = variantType.trim().toUpperCase();
  const classes = VARIANT_CLASSES[t];
  if (classes) return [...classes];
  if (SV_SUBTYPE.test(t)) return [t.split(':')[0]];
  throw new DomainError(
    'INVALID_VARIANT_TYPE',
    `variantType "${variantType.slice(0, 40)}" is not one of ${VARIANT_TYPES.join(', ')}, an SV subtype such as DUP:TANDEM, or an SO/EFO term for one (SO:0000159, EFO:0030067, ...)`,
  );
}

/** `variantMinLength` / `variantMaxLength`: non-negative integers (max at least 1), min <= max. */
function parseLengths(req: BeaconQueryRequest): { minLength: number | null; maxLength: number | null } {
  const min = req.variantMinLength ?? null;
  const max = req.variantMaxLength ?? null;
  if (min !== null && (!Number.isSafeInteger(min) || min < 0 || min > MAX_COORDINATE))
    throw new DomainError('BAD_REQUEST', 'variantMinLength must be a non-negative integer');
  if (max !== null && (!Number.isSafeInteger(max) || max < 1 || max > MAX_COORDINATE))
    throw new DomainError('BAD_REQUEST', 'variantMaxLength must be a positive integer');
  if (min !== null && max !== null && min > max)
    throw new DomainError('BAD_REQUEST', 'variantMinLength must not be greater than variantMaxLength');
  return { minLength: min, maxLength: max };
}

/**
 * The largest 0-based coordinate a contig of unknown length may be asked about: its 1-based form must fit
 * a PostgreSQL integer (positions are int4, as in VCF/BCF).
 */
const MAX_COORDINATE = 2_147_483_646;

/**
 * A coordinate must be a non-negative integer on the contig: a 0-based start (`exclusiveEnd` false) at
 * most length - 1, a 0-based exclusive end at most length. Contigs without a known length (alt and
 * unplaced contigs) are bounded by MAX_COORDINATE.
 */
function checkCoordinate(
  name: string,
  value: number,
  contig: { assembly: Assembly; chrom: string },
  exclusiveEnd = false,
): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('INVALID_COORDINATES', `${name} must be a non-negative integer (0-based)`);
  }
  const length = contigLength(contig.assembly, contig.chrom);
  const max = length === null ? MAX_COORDINATE : exclusiveEnd ? length : length - 1;
  if (value > max) {
    const where = /^(\d+|X|Y)$/.test(contig.chrom) ? `chromosome ${contig.chrom}` : `contig ${contig.chrom}`;
    throw new DomainError(
      'INVALID_COORDINATES',
      length === null
        ? `${name} ${value} is beyond the largest position Helixgate stores (${MAX_COORDINATE + 1})`
        : `${name} ${value} is past the end of ${where} on ${contig.assembly} (${length} bp)`,
    );
  }
}

/**
 * Validates a Beacon v2 request and converts it to the internal 1-based, inclusive form. Throws a
 * DomainError with a stable code; never returns a query that would silently match nothing by mistake.
 */
export function validateBeaconQuery(req: BeaconQueryRequest, limits: QueryLimits): VariantQuery {
  if (!req.assemblyId) throw new DomainError('INVALID_ASSEMBLY', 'assemblyId is required (GRCh37 or GRCh38)');
  const assembly = parseAssembly(req.assemblyId);
  if (!req.referenceName)
    throw new DomainError(
      'INVALID_REFERENCE_NAME',
      'referenceName is required (or geneId, for a gene query)',
    );
  const chrom = parseReferenceName(req.referenceName);
  checkAccessionAssembly(req.referenceName, assembly);
  const contig = { assembly, chrom };
  if (req.start == null)
    throw new DomainError('INVALID_COORDINATES', 'start is required (or geneId, for a gene query)');
  checkCoordinate('start', req.start, contig);
  if (!GRANULARITIES.includes(req.requestedGranularity)) {
    throw new DomainError('BAD_REQUEST', 'requestedGranularity must be BOOLEAN, COUNT or RECORD');
  }
  const datasetIds = req.datasetIds?.length ? [...new Set(req.datasetIds)] : null;
  const filters = req.filters?.length ? parseFilters(req.filters) : null;
  const base = { assembly, chrom, datasetIds, filters, requestedGranularity: req.requestedGranularity };
  const hasRef = req.referenceBases != null && req.referenceBases !== '';
  const hasAlt = req.alternateBases != null && req.alternateBases !== '';

  if (req.startMax != null || req.endMax != null) {
    if (req.startMax == null || req.endMax == null || req.end == null) {
      throw new DomainError('INVALID_COORDINATES', 'a bracket query needs start, startMax, end and endMax');
    }
    checkCoordinate('startMax', req.startMax, contig, true);
    checkCoordinate('end', req.end, contig, true);
    checkCoordinate('endMax', req.endMax, contig, true);
    if (req.startMax <= req.start || req.endMax <= req.end) {
      throw new DomainError(
        'INVALID_COORDINATES',
        'bracket intervals are half-open, [start[0], start[1]) and [end[0], end[1]): start[0] < start[1] and end[0] < end[1] (a precise match is start[1] = start[0] + 1)',
      );
    }
    if (req.endMax <= req.start)
      throw new DomainError('INVALID_COORDINATES', 'endMax must be greater than start');
    if (req.endMax - req.start > limits.maxRangeBp) {
      throw new DomainError(
        'RANGE_TOO_WIDE',
        `bracket spanning ${req.endMax - req.start} bp is wider than the maximum of ${limits.maxRangeBp} bp`,
      );
    }
    if (hasRef || hasAlt)
      throw new DomainError('INVALID_BASES', 'a bracket query takes no referenceBases or alternateBases');
    return {
      ...base,
      kind: 'bracket',
      posMin: req.start + 1,
      posMax: req.startMax,
      endMin: req.end,
      endMax: req.endMax - 1,
      variantTypes: req.variantType != null ? parseVariantType(req.variantType) : null,
      ...parseLengths(req),
    };
  }

  if (req.end == null) {
    if (!hasAlt) {
      throw new DomainError(
        'INVALID_BASES',
        'a sequence query (no end) needs alternateBases (referenceBases is optional); give an end for a range query',
      );
    }
    if (req.variantType != null) {
      throw new DomainError('INVALID_VARIANT_TYPE', 'variantType applies to range queries (give an end)');
    }
    if (req.variantMinLength != null || req.variantMaxLength != null) {
      throw new DomainError(
        'BAD_REQUEST',
        'variantMinLength and variantMaxLength apply to range, bracket and gene queries (give an end)',
      );
    }
    return {
      ...base,
      kind: 'sequence',
      pos: req.start + 1,
      refPattern: hasRef
        ? basesToPattern('referenceBases', req.referenceBases!, limits.maxAlleleLength)
        : null,
      altPattern: basesToPattern('alternateBases', req.alternateBases!, limits.maxAlleleLength),
    };
  }

  checkCoordinate('end', req.end, contig, true);
  if (req.end <= req.start) {
    throw new DomainError(
      'INVALID_COORDINATES',
      'end must be greater than start (0-based start, exclusive end)',
    );
  }
  if (req.end - req.start > limits.maxRangeBp) {
    throw new DomainError(
      'RANGE_TOO_WIDE',
      `range of ${req.end - req.start} bp is wider than the maximum of ${limits.maxRangeBp} bp`,
    );
  }
  return {
    ...base,
    kind: 'range',
    first: req.start + 1,
    last: req.end,
    variantTypes: req.variantType != null ? parseVariantType(req.variantType) : null,
    ...parseLengths(req),
    refPattern: hasRef ? basesToPattern('referenceBases', req.referenceBases!, limits.maxAlleleLength) : null,
    altPattern: hasAlt ? basesToPattern('alternateBases', req.alternateBases!, limits.maxAlleleLength) : null,
  };
}

/**
 * Whether a stored variant (1-based inclusive [pos, endPos]) matches a range query's window: any overlap.
 * The repository's SQL states the same condition; this function is its executable specification.
 */
export function overlapsWindow(q: Pick<RangeQuery, 'first' | 'last'>, pos: number, endPos: number): boolean {
  return pos <= q.last && endPos >= q.first;
}
