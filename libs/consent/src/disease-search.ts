import { pageSizeOf } from '@helixgate/common';
import type { DiseaseHierarchy } from './disease-hierarchy';

export interface DiseaseHit {
  id: string;
  label: string;
  parents: string[];
}

/**
 * MONDO terms for a purpose picker: the current terms whose id or label contains `query` (case-insensitive),
 * an exact id first, then labels that start with the query, then the rest by label length; and the terms
 * named in `ids` (to label ids already chosen). Obsolete terms are never offered.
 */
export function searchDiseases(
  hierarchy: DiseaseHierarchy,
  query: string | undefined,
  ids: readonly string[] = [],
  first?: number | null,
): DiseaseHit[] {
  const mondo = hierarchy.mondo;
  const hit = (id: string): DiseaseHit | null => {
    const t = mondo.term(id);
    return t && !t.obsolete ? { id: t.id, label: t.label ?? t.id, parents: [...t.parents] } : null;
  };
  const out = new Map<string, DiseaseHit>();
  for (const id of ids) {
    const h = hit(id);
    if (h) out.set(h.id, h);
  }
  const q = query?.trim().toLowerCase();
  if (!q) return [...out.values()];
  const limit = pageSizeOf(first, 20, 100);
  const found: { hit: DiseaseHit; rank: number }[] = [];
  for (const t of mondo.all()) {
    if (t.obsolete) continue;
    const label = (t.label ?? '').toLowerCase();
    const id = t.id.toLowerCase();
    const rank =
      id === q ? 0 : label === q ? 1 : label.startsWith(q) ? 2 : label.includes(q) || id.includes(q) ? 3 : -1;
    if (rank >= 0) found.push({ hit: { id: t.id, label: t.label ?? t.id, parents: [...t.parents] }, rank });
  }
  found.sort(
    (a, b) =>
      a.rank - b.rank || a.hit.label.length - b.hit.label.length || a.hit.label.localeCompare(b.hit.label),
  );
  for (const f of found) {
    if (out.size >= limit + ids.length) break;
    out.set(f.hit.id, f.hit);
  }
  return [...out.values()];
}
