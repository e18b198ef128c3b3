import terms from './data/duo-terms.json';
import { DUO_PERMISSIONS, type DuoModifier, type DuoPermission } from './duo-codes';

export type DuoTermKind = 'PERMISSION' | 'MODIFIER' | 'CLASS';

export interface DuoTerm {
  /** DUO CURIE, e.g. `DUO:0000007`. */
  id: string;
  /** DUO shorthand, e.g. `DS`; null for the two grouping classes ("data use permission/modifier"). */
  shorthand: string | null;
  label: string;
  description: string;
  kind: DuoTermKind;
}

interface RawTerm {
  id: string;
  shorthand: string | null;
  label: string;
  description: string;
}

function kindOf(shorthand: string | null): DuoTermKind {
  if (shorthand && (DUO_PERMISSIONS as readonly string[]).includes(shorthand)) return 'PERMISSION';
  if (shorthand) return 'MODIFIER';
  return 'CLASS';
}

/** The DUO terms shipped in `data/duo-terms.json` (CC BY 4.0, see data/README.md), sorted by id. */
export const DUO_TERMS: readonly DuoTerm[] = Object.freeze(
  (terms as RawTerm[]).map((t) => Object.freeze({ ...t, kind: kindOf(t.shorthand) })),
);

const BY_SHORTHAND = new Map(DUO_TERMS.filter((t) => t.shorthand).map((t) => [t.shorthand!, t]));

/** The DUO term for a permission or modifier code Helixgate supports. */
export function duoTerm(code: DuoPermission | DuoModifier): DuoTerm {
  const term = BY_SHORTHAND.get(code);
  // Every supported code is in the shipped catalogue; duo-terms.spec.ts proves it.
  if (!term) throw new Error(`DUO catalogue has no term for ${code}`);
  return term;
}
