import { loadOntology, type Ontology } from '@helixgate/ontology';

/** A disease id placed in MONDO: the MONDO terms it stands for and how they were found. */
export interface PlacedDisease {
  /** The id as the consent or purpose gives it. */
  given: string;
  /** Current MONDO terms (one in the normal case; several when a cross-reference is ambiguous; none if unknown). */
  mondo: string[];
  /** How: `id` (a current MONDO id), `replaced` (obsolete → replacement), `exact-xref` (e.g. DOID:162 ≡ MONDO), `xref` (a non-exact cross-reference: not used for matching), `unknown`. */
  via: 'id' | 'replaced' | 'exact-xref' | 'xref' | 'unknown';
}

/**
 * The disease questions the DUO matcher asks of MONDO: where a disease id sits (MONDO ids, obsolete ids with
 * their replacement, DOID/ICD/OMIM/... ids through MONDO's exact cross-references) and whether one disease is
 * the same as or a kind of (is_a) another. A thin view over `@helixgate/ontology`'s MONDO store.
 */
export class DiseaseHierarchy {
  constructor(readonly mondo: Ontology) {}

  get version(): string {
    return this.mondo.meta.version;
  }

  /** True for a current MONDO term. */
  has(id: string): boolean {
    return this.mondo.has(id);
  }

  label(id: string): string | undefined {
    return this.mondo.label(id);
  }

  /** Places a disease id in MONDO. Only exact placements (`id`, `replaced`, `exact-xref`) are usable. */
  place(id: string): PlacedDisease {
    const r = this.mondo.resolve(id);
    return { given: id, mondo: r.via === 'xref' ? [] : r.ids, via: r.via };
  }

  /** True when `id` equals `ancestor` or descends from it through is_a (MONDO ids). */
  isSameOrDescendant(id: string, ancestor: string): boolean {
    return this.mondo.isSameOrDescendant(id, ancestor);
  }
}

/** MONDO as this process has it (`loadOntology('MONDO')`: the node's copy if any, else the shipped release). */
export function shippedDiseaseHierarchy(dataDir?: string): DiseaseHierarchy {
  return new DiseaseHierarchy(loadOntology('MONDO', dataDir).ontology);
}
