import type { BeaconGranularity, BeaconQueryInput, CountPrecision } from '@/gql/graphql';

export interface SearchForm {
  assemblyId: string;
  referenceName: string;
  /** 1-based position as people read it (VCF POS). */
  position: string;
  referenceBases: string;
  alternateBases: string;
  /** Range search: 1-based inclusive end. */
  end: string;
  granularity: BeaconGranularity;
  datasetId: string | null;
}

export const emptySearch = (datasetId: string | null = null): SearchForm => ({
  assemblyId: 'GRCh37',
  referenceName: '20',
  position: '',
  referenceBases: '',
  alternateBases: '',
  end: '',
  // Yes/no by default: counts are charged to a per-account count budget that never refills (docs/privacy.md).
  granularity: 'BOOLEAN',
  datasetId,
});

export type SearchErrors = Partial<Record<keyof SearchForm, string>>;
const BASES = /^[ACGTN]+$/;

export function validateSearch(f: SearchForm): SearchErrors {
  const e: SearchErrors = {};
  if (!f.referenceName.trim()) e.referenceName = 'Chromosome, e.g. 20 or X';
  if (!/^\d+$/.test(f.position) || Number(f.position) < 1) e.position = 'A position (1-based, as in VCF)';
  if (f.end && (!/^\d+$/.test(f.end) || Number(f.end) < Number(f.position)))
    e.end = 'The end must be a position at or after the start';
  if (!f.end) {
    if (!BASES.test(f.referenceBases.toUpperCase())) e.referenceBases = 'Reference bases: A, C, G, T or N';
    if (!BASES.test(f.alternateBases.toUpperCase())) e.alternateBases = 'Alternate bases: A, C, G, T or N';
  }
  return e;
}

/** Beacon v2 coordinates: start is 0-based (VCF POS − 1), end exclusive. */
export function toBeaconQuery(f: SearchForm): BeaconQueryInput {
  const start = Number(f.position) - 1;
  return {
    assemblyId: f.assemblyId,
    referenceName: f.referenceName.trim(),
    start,
    ...(f.end ? { end: Number(f.end) } : {}),
    ...(f.referenceBases ? { referenceBases: f.referenceBases.toUpperCase() } : {}),
    ...(f.alternateBases ? { alternateBases: f.alternateBases.toUpperCase() } : {}),
    requestedGranularity: f.granularity,
    ...(f.datasetId ? { datasetIds: [f.datasetId] } : {}),
  };
}

/** What the privacy guard did to a dataset's answer, in words (`asked`: the granularity the search asked for). */
export function guardNote(
  r: {
    granularity: string;
    exists?: boolean;
    count: number | null;
    precision: CountPrecision | null;
    countAdjustedTo: number | null;
  },
  asked?: BeaconGranularity,
): string | null {
  if (r.granularity === 'RECORD') return 'Record-level answer under your grant (no guard applied)';
  if (r.granularity === 'BOOLEAN')
    return asked === 'BOOLEAN'
      ? 'Yes/no, as asked (not charged to your count budget)'
      : 'Yes/no only at your access level';
  // IMPRECISE is either a common allele's count released with noise (nothing adjusted to: the count itself is
  // approximate) or counts put at the floor (countAdjustedTo names it): a priced allele, or a small count, is
  // answered present or not only, and its true count may be below the floor — so no number is claimed.
  if (r.precision === 'IMPRECISE') {
    if (r.countAdjustedTo === null)
      return 'Approximate count: noise added to protect participants (counts are budgeted per account)';
    return r.exists === false ? null : 'Present; carrier and allele counts withheld by the privacy guard';
  }
  if (r.precision === 'ROUNDED') return `Counts rounded to multiples of ${r.countAdjustedTo ?? '?'}`;
  if (r.precision === 'EXACT') return 'Exact count';
  return null;
}

/**
 * The privacy guard withheld the carrier and allele counts (docs/privacy.md rule 7): they are the floor
 * (IMPRECISE with countAdjustedTo) — a placeholder for "present", not a count to show.
 */
export function countsWithheld(r: {
  precision: CountPrecision | null;
  countAdjustedTo: number | null;
}): boolean {
  return r.precision === 'IMPRECISE' && r.countAdjustedTo !== null;
}
