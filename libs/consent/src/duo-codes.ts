/**
 * DUO codes as Helixgate uses them: a dataset's consent is exactly one data use permission plus any number of
 * data use modifiers (GA4GH Data Use Ontology, https://github.com/EBISPOT/DUO). Shorthands are DUO's own.
 */
export const DUO_PERMISSIONS = ['NRES', 'GRU', 'HMB', 'DS', 'POA'] as const;
export type DuoPermission = (typeof DUO_PERMISSIONS)[number];

export const DUO_MODIFIERS = [
  'NPU',
  'NCU',
  'IRB',
  'GSO',
  'PUB',
  'COL',
  'GS',
  'MOR',
  'TS',
  'US',
  'PS',
  'IS',
  'RTN',
  'CC',
  'NPOA',
  'NMDS',
  'RS',
  'NPUNCU',
] as const;
export type DuoModifier = (typeof DUO_MODIFIERS)[number];

/** What parameter a modifier carries, if any. */
export type ModifierParameter =
  | { kind: 'none' }
  /** GS: the region data use is limited to (required). */
  | { kind: 'region' }
  /** MOR: the date (YYYY-MM-DD) before which results must not be published (required). */
  | { kind: 'date' }
  /** TS: the number of months use is approved for (required). */
  | { kind: 'months' }
  /** US, PS, IS, COL, RS: who / which project / institution / investigators / research type (optional text). */
  | { kind: 'note' };

/**
 * RS (research specific restrictions, GA4GH consent code RS-[XX]) may name the research type in a form the
 * matcher can check, from DUO's investigation classes: PEDIATRIC (RS-PD, DUO:0000034 age category research),
 * FEMALE / MALE (RS-G, DUO:0000035 gender category research), CONTROLS (DUO:0000036 research control).
 */
export const RS_RESEARCH_TYPES = ['PEDIATRIC', 'FEMALE', 'MALE', 'CONTROLS'] as const;
export type RsResearchType = (typeof RS_RESEARCH_TYPES)[number];

export const MODIFIER_PARAMETER: Record<DuoModifier, ModifierParameter['kind']> = {
  NPU: 'none',
  NCU: 'none',
  IRB: 'none',
  GSO: 'none',
  PUB: 'none',
  COL: 'note',
  GS: 'region',
  MOR: 'date',
  TS: 'months',
  US: 'note',
  PS: 'note',
  IS: 'note',
  RTN: 'none',
  CC: 'none',
  NPOA: 'none',
  NMDS: 'none',
  RS: 'note',
  NPUNCU: 'none',
};

/** One modifier on a consent, with its parameter in the field that fits its kind (the others absent). */
export interface ConsentModifier {
  code: DuoModifier;
  /** GS only. */
  region?: string;
  /** MOR only: ISO date YYYY-MM-DD. */
  moratoriumUntil?: string;
  /** TS only: whole months, 1..1200. */
  months?: number;
  /** COL, US, PS, IS, RS only: free text naming the investigators / users / project / institution / type. */
  note?: string;
  /** RS only: the research type the use is limited to, when the matcher can check it. */
  researchType?: RsResearchType;
}

/** A dataset's consent, validated and normalised (see `validateConsent`). */
export interface DuoConsent {
  permission: DuoPermission;
  /** Disease ids (MONDO, or a cross-reference MONDO maps, e.g. DOID:162), non-empty for DS; sorted, unique. */
  diseases: string[];
  /** Sorted by code, each code at most once. */
  modifiers: ConsentModifier[];
}

/** A disease id: a MONDO id, or a CURIE of a vocabulary MONDO cross-references (DOID:162, ICD10CM:C50.9, OMIM:114480). */
export const DISEASE_ID =
  /^(MONDO:\d{7}|(?!MONDO:)[A-Za-z][A-Za-z0-9_.]{0,19}:[A-Za-z0-9][A-Za-z0-9_.-]{0,39})$/;
