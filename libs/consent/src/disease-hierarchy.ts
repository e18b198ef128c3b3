import subset from './data/mondo-subset.json';
import { MONDO_ID } from './duo-codes';

export interface DiseaseTerm {
  id: string;
  label: string;
  /** Nearest ancestors within the shipped subset (MONDO is_a). */
  parents: readonly string[];
}

/**
 * A MONDO is_a hierarchy over a known set of terms. Hand-written rather than an ontology library: the subset
 * is a few dozen terms and the only questions are "is X the same as or a descendant of Y" and "do we know X",
 * which a memoised ancestor walk answers; an OWL/OBO toolkit would add a large dependency for nothing.
 */
export class DiseaseHierarchy {
  private readonly terms = new Map<string, DiseaseTerm>();
  private readonly ancestorCache = new Map<string, ReadonlySet<string>>();

  constructor(terms: readonly DiseaseTerm[]) {
    for (const t of terms) {
      if (!MONDO_ID.test(t.id)) throw new Error(`disease hierarchy: "${t.id}" is not a MONDO id`);
      if (this.terms.has(t.id)) throw new Error(`disease hierarchy: ${t.id} is listed twice`);
      this.terms.set(t.id, t);
    }
    for (const t of terms) {
      for (const p of t.parents) {
        if (!this.terms.has(p))
          throw new Error(`disease hierarchy: parent ${p} of ${t.id} is not in the subset`);
      }
    }
    for (const t of terms) this.ancestors(t.id); // throws on a cycle
  }

  has(id: string): boolean {
    return this.terms.has(id);
  }

  label(id: string): string | undefined {
    return this.terms.get(id)?.label;
  }

  list(): DiseaseTerm[] {
    return [...this.terms.values()];
  }

  /** True when `id` equals `ancestor` or descends from it through is_a. False when either is unknown. */
  isSameOrDescendant(id: string, ancestor: string): boolean {
    if (id === ancestor) return true;
    if (!this.terms.has(id)) return false;
    return this.ancestors(id).has(ancestor);
  }

  /** Proper ancestors of a known term. */
  ancestors(id: string, visiting: Set<string> = new Set()): ReadonlySet<string> {
    const cached = this.ancestorCache.get(id);
    if (cached) return cached;
    if (visiting.has(id)) throw new Error(`disease hierarchy: cycle through ${id}`);
    visiting.add(id);
    const result = new Set<string>();
    for (const p of this.terms.get(id)?.parents ?? []) {
      result.add(p);
      for (const a of this.ancestors(p, visiting)) result.add(a);
    }
    visiting.delete(id);
    this.ancestorCache.set(id, result);
    return result;
  }
}

/** The MONDO subset shipped in `data/mondo-subset.json` (CC BY 4.0, see data/README.md). */
export function shippedDiseaseHierarchy(): DiseaseHierarchy {
  return new DiseaseHierarchy((subset as { terms: DiseaseTerm[] }).terms);
}
