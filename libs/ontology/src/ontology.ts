/**
 * An OBO ontology (MONDO, HPO, ...) as a read-only term store: labels, is_a parents, obsolete terms with their
 * replacements, cross-references and synonyms, with the walks a matcher or a Beacon filter needs (ancestors,
 * descendants, "is X the same as or below Y", "which current term does this CURIE mean").
 *
 * Hand-written rather than an OWL toolkit: the questions are graph walks over a release that its authors
 * already classified (is_a edges are the reasoned ones), so a reasoner would add a large dependency and
 * seconds of start-up for nothing. Indexes that only some callers need (children, cross-references) are built
 * on first use.
 */

/** One term of a release, as every importer produces it. */
export interface OntologyTerm {
  /** CURIE, e.g. `MONDO:0004992`. */
  id: string;
  label: string;
  /** Direct is_a parents (CURIEs of the same ontology). Empty for roots and for obsolete terms. */
  parents: readonly string[];
  obsolete?: boolean;
  /** Obsolete terms: the term to use instead (IAO:0100001 replaced_by). */
  replacedBy?: string;
  /** Obsolete terms: terms to consider instead (oboInOwl:consider). */
  consider?: readonly string[];
  /** Cross-references that are exact matches (skos:exactMatch, or an xref marked MONDO:equivalentTo). */
  exactXrefs?: readonly string[];
  /** Other database cross-references (not known to be exact). */
  xrefs?: readonly string[];
  /** Exact synonyms, when the source has them. */
  synonyms?: readonly string[];
}

/** Where a release came from; carried into the derived file and shown by `helixgate ontology show`. */
export interface OntologyMetadata {
  /** Ontology name and id prefix, e.g. `MONDO`. */
  prefix: string;
  /** Release version, e.g. `2023-08-02` (from the source's data-version / owl:versionInfo). */
  version: string;
  /** What the terms were read from (release, repository, files). */
  source: string;
  /** Licence of the source, e.g. `CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)`. */
  license: string;
}

export interface OntologyRelease extends OntologyMetadata {
  terms: readonly OntologyTerm[];
}

/** How a CURIE was resolved to current terms of the ontology. */
export interface ResolvedTerm {
  /** Current (non-obsolete) term ids it stands for; empty when nothing is known. */
  ids: string[];
  /**
   * `id`: a current term of the ontology; `replaced`: an obsolete term and its replacement; `exact-xref`: an
   * exact cross-reference; `xref`: a cross-reference not known to be exact (treat with care); `unknown`.
   */
  via: 'id' | 'replaced' | 'exact-xref' | 'xref' | 'unknown';
}

const CURIE = /^([A-Za-z][A-Za-z0-9_.]*):(\S+)$/;
const PREFIX_ALIASES: Record<string, string> = {
  MSH: 'MESH',
  ORPHA: 'ORPHANET',
  HPO: 'HP',
  SNOMEDCT_US: 'SCTID',
};

/** Normalises cross-reference prefixes that sources spell differently (MONDO uses MESH, DOID, OMIM, ...). */
export function normaliseCurie(curie: string): string {
  const m = CURIE.exec(curie.trim());
  if (!m) return curie.trim();
  const prefix = m[1].toUpperCase();
  return `${PREFIX_ALIASES[prefix] ?? prefix}:${m[2]}`;
}

export class Ontology {
  readonly meta: OntologyMetadata;
  private readonly terms = new Map<string, OntologyTerm>();
  private childIndex?: Map<string, string[]>;
  private xrefIndex?: Map<string, { exact: string[]; other: string[] }>;

  constructor(release: OntologyRelease) {
    const { terms, ...meta } = release;
    this.meta = meta;
    for (const t of terms) {
      if (this.terms.has(t.id)) throw new Error(`${meta.prefix}: term ${t.id} is listed twice`);
      this.terms.set(t.id, t);
    }
  }

  /** Number of terms, obsolete ones included. */
  get size(): number {
    return this.terms.size;
  }

  /** True for a current (non-obsolete) term. */
  has(id: string): boolean {
    const t = this.terms.get(id);
    return t !== undefined && !t.obsolete;
  }

  term(id: string): OntologyTerm | undefined {
    return this.terms.get(id);
  }

  label(id: string): string | undefined {
    return this.terms.get(id)?.label;
  }

  *all(): IterableIterator<OntologyTerm> {
    yield* this.terms.values();
  }

  parents(id: string): readonly string[] {
    return this.terms.get(id)?.parents ?? [];
  }

  children(id: string): readonly string[] {
    if (!this.childIndex) {
      const index = new Map<string, string[]>();
      for (const t of this.terms.values())
        for (const p of t.parents) {
          const list = index.get(p);
          if (list) list.push(t.id);
          else index.set(p, [t.id]);
        }
      this.childIndex = index;
    }
    return this.childIndex.get(id) ?? [];
  }

  /** Proper ancestors through is_a (a breadth-first walk up; cycles are tolerated). */
  ancestors(id: string): Set<string> {
    return this.walk(id, (x) => this.parents(x));
  }

  /** Proper descendants through is_a (a breadth-first walk down). */
  descendants(id: string): Set<string> {
    return this.walk(id, (x) => this.children(x));
  }

  /** True when `id` equals `ancestor` or lies below it. A walk up that stops as soon as it meets `ancestor`. */
  isSameOrDescendant(id: string, ancestor: string): boolean {
    if (id === ancestor) return true;
    const seen = new Set<string>([id]);
    const queue = [id];
    while (queue.length) {
      for (const p of this.parents(queue.shift()!)) {
        if (p === ancestor) return true;
        if (!seen.has(p)) {
          seen.add(p);
          queue.push(p);
        }
      }
    }
    return false;
  }

  /**
   * The current terms a CURIE stands for: the term itself; an obsolete term's replacement; else the terms that
   * carry it as an exact cross-reference; else as any cross-reference (`via: 'xref'`).
   */
  resolve(curie: string): ResolvedTerm {
    const id = normaliseCurie(curie);
    const own = this.terms.get(id);
    if (own && !own.obsolete) return { ids: [id], via: 'id' };
    if (own?.replacedBy && this.has(own.replacedBy)) return { ids: [own.replacedBy], via: 'replaced' };
    if (own) return { ids: [], via: 'unknown' };
    const hit = this.xrefs().get(id);
    if (hit?.exact.length) return { ids: hit.exact, via: 'exact-xref' };
    if (hit?.other.length) return { ids: hit.other, via: 'xref' };
    return { ids: [], via: 'unknown' };
  }

  private xrefs(): Map<string, { exact: string[]; other: string[] }> {
    if (!this.xrefIndex) {
      const index = new Map<string, { exact: string[]; other: string[] }>();
      // importers store cross-references normalised (normaliseCurie), so they are indexed as they are
      const add = (key: string, id: string, kind: 'exact' | 'other') => {
        let entry = index.get(key);
        if (!entry) index.set(key, (entry = { exact: [], other: [] }));
        entry[kind].push(id);
      };
      for (const t of this.terms.values()) {
        if (t.obsolete) continue;
        for (const x of t.exactXrefs ?? []) add(x, t.id, 'exact');
        for (const x of t.xrefs ?? []) add(x, t.id, 'other');
      }
      this.xrefIndex = index;
    }
    return this.xrefIndex;
  }

  private walk(start: string, next: (id: string) => readonly string[]): Set<string> {
    const out = new Set<string>();
    const queue = [start];
    while (queue.length) {
      for (const n of next(queue.shift()!)) {
        if (n !== start && !out.has(n)) {
          out.add(n);
          queue.push(n);
        }
      }
    }
    return out;
  }
}
