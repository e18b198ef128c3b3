import type { DatasetConsentInput, DuoModifier, DuoPermission } from '@/gql/graphql';

export const PERMISSIONS: DuoPermission[] = ['NRES', 'GRU', 'HMB', 'DS', 'POA'];
export const MODIFIERS: DuoModifier[] = [
  'NMDS',
  'GSO',
  'NPU',
  'NCU',
  'NPOA',
  'RS',
  'CC',
  'COL',
  'RTN',
  'IRB',
  'GS',
  'MOR',
  'TS',
  'US',
  'PS',
  'IS',
  'PUB',
];
/** The parameter each modifier takes (the API refuses a modifier without it, or with another). */
export const MODIFIER_PARAMETER: Partial<
  Record<DuoModifier, 'months' | 'moratoriumUntil' | 'region' | 'note'>
> = {
  TS: 'months',
  MOR: 'moratoriumUntil',
  GS: 'region',
  COL: 'note',
  US: 'note',
  PS: 'note',
  IS: 'note',
  RS: 'note',
};

export interface ConsentForm {
  permission: DuoPermission | '';
  diseases: string[];
  modifiers: { code: DuoModifier; value: string }[];
}

export type ConsentErrors = { permission?: string; diseases?: string; modifiers?: Record<string, string> };

export function validateConsentForm(f: ConsentForm): ConsentErrors {
  const e: ConsentErrors = {};
  if (!f.permission) e.permission = 'Choose the permission';
  if (f.permission === 'DS' && f.diseases.length === 0)
    e.diseases = 'Disease-specific consent names at least one disease';
  if (f.permission !== 'DS' && f.diseases.length > 0)
    e.diseases = 'Only disease-specific consent names diseases';
  const m: Record<string, string> = {};
  for (const { code, value } of f.modifiers) {
    const p = MODIFIER_PARAMETER[code];
    if (p === 'months' && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1200))
      m[code] = 'Months: 1 to 1200';
    if (p === 'moratoriumUntil' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) m[code] = 'A date (YYYY-MM-DD)';
    if ((p === 'region' || p === 'note') && !value.trim())
      m[code] = p === 'region' ? 'Name the region' : 'Say who or what';
  }
  if (Object.keys(m).length) e.modifiers = m;
  return e;
}

export function toConsentInput(f: ConsentForm): DatasetConsentInput {
  return {
    permission: f.permission as DuoPermission,
    ...(f.permission === 'DS' ? { diseases: f.diseases } : {}),
    modifiers: f.modifiers.map(({ code, value }) => {
      const p = MODIFIER_PARAMETER[code];
      return { code, ...(p === 'months' ? { months: Number(value) } : p ? { [p]: value.trim() } : {}) };
    }),
  };
}

export function fromConsent(
  c: {
    permission: string;
    diseases: readonly string[];
    modifiers: readonly {
      code: string;
      months?: number | null;
      moratoriumUntil?: string | null;
      region?: string | null;
      note?: string | null;
    }[];
  } | null,
): ConsentForm {
  if (!c) return { permission: '', diseases: [], modifiers: [] };
  return {
    permission: c.permission as DuoPermission,
    diseases: [...c.diseases],
    modifiers: c.modifiers.map((m) => ({
      code: m.code as DuoModifier,
      value: String(m.months ?? m.moratoriumUntil ?? m.region ?? m.note ?? ''),
    })),
  };
}
