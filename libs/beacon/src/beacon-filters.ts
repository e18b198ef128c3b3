import { DomainError } from '@helixgate/common';
import type { Ontology } from '@helixgate/ontology';
import { canonicalCurie } from '@helixgate/variants';

/** Beacon v2 `similarity` of an ontology filter (framework `filteringTerms.json`). */
export const FILTER_SIMILARITIES = ['exact', 'high', 'medium', 'low'] as const;
export type FilterSimilarity = (typeof FILTER_SIMILARITIES)[number];

/**
 * One Beacon v2 ontology filter, as the engine query carries it (the same object from REST, GraphQL and
 * the peer protocol). Several filters are ANDed (Beacon v2 framework).
 */
export interface BeaconFilter {
  /** A CURIE: `NCIT:C16576`, `HANCESTRO:0005`, `MONDO:0007254`, `HP:0001250`. */
  id: string;
  /** Beacon default true: the term and every descendant in its ontology. */
  includeDescendantTerms?: boolean | null;
  /** Beacon default `exact`. See expandFilter for this beacon's similarity model. */
  similarity?: FilterSimilarity | null;
  /** The entry type the filter applies to; this beacon's terms are all on `individual`. */
  scope?: string | null;
}

export const MAX_FILTERS = 20;

/** Every field of a filter present (absent ones null): the canonical form the engine query carries. */
export function normaliseFilter(f: BeaconFilter): BeaconFilter {
  return {
    id: f.id,
    includeDescendantTerms: f.includeDescendantTerms ?? null,
    similarity: f.similarity ?? null,
    scope: f.scope ?? null,
  };
}
const CURIE = /^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.:-]{1,100}$/;
/** Scopes naming individuals (the Beacon entry type id and its endpoint name). */
const INDIVIDUAL_SCOPES = new Set(['individual', 'individuals']);

/**
 * Beacon filters as received: GET gives ids (`filters=NCIT:C16576,HANCESTRO:0005`), POST objects. An
 * alphanumeric filter (`operator`/`value`) is refused, never ignored: no field here is alphanumeric.
 */
export function parseFilters(raw: readonly unknown[]): BeaconFilter[] {
  if (raw.length > MAX_FILTERS)
    throw new DomainError('BAD_REQUEST', `at most ${MAX_FILTERS} filters per request`);
  return raw.map((f, i): BeaconFilter => {
    const obj: Record<string, unknown> = typeof f === 'string' ? { id: f } : (f as Record<string, unknown>);
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
      throw new DomainError('BAD_REQUEST', `filters[${i}] must be a filter id or a filter object`);
    if (obj.operator !== undefined || obj.value !== undefined)
      throw new DomainError(
        'UNSUPPORTED_QUERY',
        `filters[${i}]: alphanumeric filters (operator, value) are not supported by this beacon; its filtering terms are ontology terms (see /api/filtering_terms)`,
      );
    const unknown = Object.keys(obj).filter(
      (k) => !['id', 'includeDescendantTerms', 'similarity', 'scope'].includes(k),
    );
    if (unknown.length)
      throw new DomainError(
        'BAD_REQUEST',
        `filters[${i}]: unknown field ${unknown
          .slice(0, 3)
          .map((k) => k.slice(0, 40))
          .join(', ')}`,
      );
    if (typeof obj.id !== 'string' || !CURIE.test(obj.id.trim()))
      throw new DomainError('BAD_REQUEST', `filters[${i}].id must be a CURIE such as NCIT:C16576`);
    const inc = obj.includeDescendantTerms;
    if (inc !== undefined && inc !== null && typeof inc !== 'boolean')
      throw new DomainError('BAD_REQUEST', `filters[${i}].includeDescendantTerms must be true or false`);
    const sim = obj.similarity;
    if (sim !== undefined && sim !== null && !FILTER_SIMILARITIES.includes(sim as FilterSimilarity))
      throw new DomainError(
        'BAD_REQUEST',
        `filters[${i}].similarity must be one of ${FILTER_SIMILARITIES.join(', ')}`,
      );
    const scope = obj.scope;
    if (scope !== undefined && scope !== null && typeof scope !== 'string')
      throw new DomainError('BAD_REQUEST', `filters[${i}].scope must be a string`);
    return {
      id: canonicalCurie(obj.id),
      includeDescendantTerms: inc ?? null,
      similarity: (sim as FilterSimilarity | null | undefined) ?? null,
      scope: scope ?? null,
    };
  });
}

/** How many is_a steps `similarity` climbs before taking every descendant (this beacon's model). */
const SIMILARITY_STEPS: Record<FilterSimilarity, number> = { exact: 0, high: 1, medium: 2, low: 3 };

/**
 * The term ids a filter matches. `exact` (default): the term, and with `includeDescendantTerms` (default
 * true) every descendant. `high` / `medium` / `low`: the ancestors 1 / 2 / 3 is_a steps up, and all their
 * descendants (siblings, cousins): the Beacon spec leaves the similarity model to the beacon; this one is
 * the ontology's hierarchy. Without an installed ontology for the prefix only the term itself matches.
 */
export function expandFilter(filter: BeaconFilter, ontology: Ontology | null): Set<string> {
  const out = new Set([filter.id]);
  if (!ontology) return out;
  let roots = [filter.id];
  for (let i = 0; i < SIMILARITY_STEPS[filter.similarity ?? 'exact']; i++) {
    const up = roots.flatMap((r) => ontology.parents(r));
    if (up.length === 0) break;
    roots = up;
  }
  for (const r of roots) out.add(r);
  if (filter.includeDescendantTerms !== false || roots[0] !== filter.id)
    for (const r of roots) for (const d of ontology.descendants(r)) out.add(d);
  return out;
}

/** A request's filters resolved for the engine: per filter the term ids it matches; warnings for the caller. */
export interface ResolvedFilters {
  filters: readonly BeaconFilter[];
  /** One set per filter, ANDed; an unknown filter's set is empty (it matches nobody). */
  sets: Set<string>[];
  /** The spec's warnings: unknown terms, scopes without terms, similarity without an ontology. */
  warnings: string[];
}

/**
 * Resolves filters against what this node knows: the installed ontologies (`ontologyOf(prefix)`) and the
 * terms present in its datasets. A term is known when its ontology has it or a dataset carries it; an
 * unknown term, or a scope other than individuals, gets a warning naming it, and matches no individual
 * (ANDed, the answer is then empty, with the warning saying why) — never silently ignored, which would
 * answer a broader question than the one asked.
 */
export function resolveFilters(
  filters: readonly BeaconFilter[],
  present: ReadonlySet<string>,
  ontologyOf: (prefix: string) => Ontology | null,
): ResolvedFilters {
  const warnings: string[] = [];
  const sets = filters.map((f) => {
    if (f.scope && !INDIVIDUAL_SCOPES.has(f.scope)) {
      warnings.push(
        `filter ${f.id}: scope "${f.scope.slice(0, 40)}" has no filtering terms at this beacon (its terms are on individual); it matches nothing`,
      );
      return new Set<string>();
    }
    const prefix = f.id.slice(0, f.id.indexOf(':'));
    const ontology = ontologyOf(prefix);
    const known = (ontology?.has(f.id) ?? false) || present.has(f.id);
    if (!known) {
      warnings.push(
        `filter ${f.id} is not a filtering term of this beacon (see /api/filtering_terms)${ontology ? ` nor a current ${prefix} term` : ''}; it matches nothing`,
      );
      return new Set<string>();
    }
    if ((f.similarity ?? 'exact') !== 'exact' && !ontology?.has(f.id))
      warnings.push(
        `filter ${f.id}: similarity needs the ${prefix} ontology, which is not installed here; answered as exact`,
      );
    return expandFilter(f, ontology?.has(f.id) ? ontology : null);
  });
  return { filters, sets, warnings };
}
