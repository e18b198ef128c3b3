import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConsent, validatePurpose, type DuoConsentInput } from './consent-validation';
import { shippedDiseaseHierarchy } from './disease-hierarchy';
import {
  MODIFIER_RULES,
  PERMISSION_RULES,
  PURPOSE_REVIEW_RULE,
  matchPurpose,
  type MatchVerdict,
} from './purpose-matcher';
import type { ResearchPurposeInputShape } from './research-purpose';

const CANCER = 'MONDO:0004992';
const BREAST_CANCER = 'MONDO:0007254';
const LUNG_CANCER = 'MONDO:0008903';
const COLORECTAL_CANCER = 'MONDO:0005575';
const T1D = 'MONDO:0005147';
const T2D = 'MONDO:0005148';
const NOT_IN_MONDO = 'MONDO:9999999'; // well-formed, but no term of the shipped release

const hierarchy = shippedDiseaseHierarchy();

type Mod = NonNullable<DuoConsentInput['modifiers']>[number];
const c = (permission: string, diseases: string[] = [], ...modifiers: (string | Mod)[]): DuoConsentInput => ({
  permission,
  diseases,
  modifiers: modifiers.map((m) => (typeof m === 'string' ? { code: m } : m)),
});
const p = (
  category: ResearchPurposeInputShape['category'],
  extra: Partial<ResearchPurposeInputShape> = {},
): ResearchPurposeInputShape => ({ category, commercial: false, forProfitOrganization: false, ...extra });
const ds = (...diseases: string[]) => p('DISEASE_SPECIFIC', { diseases });

interface Row {
  name: string;
  consent: DuoConsentInput;
  purpose: ResearchPurposeInputShape;
  outcome: MatchVerdict;
  /** Expected verdict per code (codes not listed are not checked). */
  codes?: Record<string, MatchVerdict>;
  /** Text the reason of the given code must contain. */
  says?: [string, string];
}

const ROWS: Row[] = [
  // --- permissions x typical purposes
  {
    name: 'NRES allows ancestry research',
    consent: c('NRES'),
    purpose: p('POPULATION_ORIGINS_ANCESTRY'),
    outcome: 'APPROVE',
  },
  {
    name: 'NRES allows commercial methods work by a for-profit',
    consent: c('NRES'),
    purpose: p('METHODS_DEVELOPMENT', { commercial: true, forProfitOrganization: true }),
    outcome: 'APPROVE',
  },
  {
    name: 'GRU covers disease-specific research',
    consent: c('GRU'),
    purpose: ds(BREAST_CANCER),
    outcome: 'APPROVE',
  },
  {
    name: 'GRU covers ancestry research',
    consent: c('GRU'),
    purpose: p('POPULATION_ORIGINS_ANCESTRY'),
    outcome: 'APPROVE',
  },
  {
    name: 'GRU without NCU allows commercial general research',
    consent: c('GRU'),
    purpose: p('GENERAL_RESEARCH', { commercial: true, forProfitOrganization: true }),
    outcome: 'APPROVE',
  },
  { name: 'HMB covers disease-specific research', consent: c('HMB'), purpose: ds(T2D), outcome: 'APPROVE' },
  {
    name: 'HMB covers biomedical research',
    consent: c('HMB'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'APPROVE',
  },
  {
    name: 'HMB covers methods development',
    consent: c('HMB'),
    purpose: p('METHODS_DEVELOPMENT'),
    outcome: 'APPROVE',
  },
  {
    name: 'HMB excludes ancestry research',
    consent: c('HMB'),
    purpose: p('POPULATION_ORIGINS_ANCESTRY'),
    outcome: 'DENY',
    says: ['HMB', 'population origins or ancestry'],
  },
  {
    name: 'HMB excludes non-health general research',
    consent: c('HMB'),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'DENY',
  },
  {
    name: 'DS matches a descendant disease (breast cancer under cancer)',
    consent: c('DS', [CANCER]),
    purpose: ds(BREAST_CANCER),
    outcome: 'APPROVE',
    says: ['DS', 'MONDO:0007254 (breast cancer) is a kind of MONDO:0004992 (cancer)'],
  },
  {
    name: 'DS matches a descendant two levels down (colorectal under cancer)',
    consent: c('DS', [CANCER]),
    purpose: ds(COLORECTAL_CANCER),
    outcome: 'APPROVE',
  },
  {
    name: 'DS matches the same disease',
    consent: c('DS', [BREAST_CANCER]),
    purpose: ds(BREAST_CANCER),
    outcome: 'APPROVE',
  },
  {
    name: 'DS refuses a sibling disease (lung vs breast cancer)',
    consent: c('DS', [BREAST_CANCER]),
    purpose: ds(LUNG_CANCER),
    outcome: 'DENY',
    says: ['DS', 'MONDO:0008903 (lung cancer) is not MONDO:0007254 (breast cancer)'],
  },
  {
    name: 'DS refuses an ancestor disease (cancer vs breast cancer)',
    consent: c('DS', [BREAST_CANCER]),
    purpose: ds(CANCER),
    outcome: 'DENY',
  },
  { name: 'DS refuses a sibling diabetes type', consent: c('DS', [T1D]), purpose: ds(T2D), outcome: 'DENY' },
  {
    name: 'DS with several diseases matches one of them',
    consent: c('DS', [T1D, BREAST_CANCER]),
    purpose: ds(BREAST_CANCER),
    outcome: 'APPROVE',
  },
  {
    name: 'DS refuses a purpose when one of its diseases is outside the consent',
    consent: c('DS', [CANCER]),
    purpose: ds(BREAST_CANCER, T2D),
    outcome: 'DENY',
  },
  {
    name: 'DS sends a disease MONDO does not know to a steward',
    consent: c('DS', [CANCER]),
    purpose: ds(NOT_IN_MONDO),
    outcome: 'NEEDS_REVIEW',
    says: ['DS', 'cannot be placed'],
  },
  {
    name: 'DS matches an unknown disease by exact id',
    consent: c('DS', [NOT_IN_MONDO]),
    purpose: ds(NOT_IN_MONDO),
    outcome: 'APPROVE',
  },
  {
    name: 'DS places a DOID purpose disease through MONDO cross-references (DOID:10155 intestinal cancer)',
    consent: c('DS', [CANCER]),
    purpose: ds('DOID:10155'),
    outcome: 'APPROVE',
    says: ['DS', 'DOID:10155 = MONDO:0005814 (intestinal cancer) is a kind of MONDO:0004992 (cancer)'],
  },
  {
    name: 'DS places an obsolete MONDO id through its replacement',
    consent: c('DS', ['MONDO:0009299']),
    purpose: ds('MONDO:0000002'),
    outcome: 'APPROVE',
  },
  {
    name: 'DS with the full MONDO refuses a disease it can now place (obesity is no cancer)',
    consent: c('DS', [CANCER]),
    purpose: ds('MONDO:0011122'),
    outcome: 'DENY',
  },
  {
    name: 'DS refuses broad biomedical research',
    consent: c('DS', [CANCER]),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'DENY',
  },
  {
    name: 'DS refuses ancestry research',
    consent: c('DS', [CANCER]),
    purpose: p('POPULATION_ORIGINS_ANCESTRY'),
    outcome: 'DENY',
  },
  {
    name: 'DS allows methods development (DUO: unless NMDS; DUOS V1-V4 approve)',
    consent: c('DS', [CANCER]),
    purpose: p('METHODS_DEVELOPMENT'),
    outcome: 'APPROVE',
    codes: { DS: 'APPROVE' },
  },
  {
    name: 'POA allows methods development (DUO: unless NMDS)',
    consent: c('POA'),
    purpose: p('METHODS_DEVELOPMENT'),
    outcome: 'APPROVE',
  },
  {
    name: 'DS with NMDS refuses general methods development',
    consent: c('DS', [CANCER], 'NMDS'),
    purpose: p('METHODS_DEVELOPMENT'),
    outcome: 'DENY',
    codes: { DS: 'APPROVE', NMDS: 'DENY' },
  },
  {
    name: 'NMDS with a disease the matcher cannot place needs review, not a denial',
    consent: c('DS', [CANCER], 'NMDS'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [NOT_IN_MONDO], methodsDevelopment: true }),
    outcome: 'NEEDS_REVIEW',
    codes: { DS: 'NEEDS_REVIEW', NMDS: 'NEEDS_REVIEW' },
  },
  {
    name: 'POA allows ancestry research',
    consent: c('POA'),
    purpose: p('POPULATION_ORIGINS_ANCESTRY'),
    outcome: 'APPROVE',
  },
  {
    name: 'POA refuses biomedical research',
    consent: c('POA'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'DENY',
  },
  {
    name: 'POA refuses disease-specific research',
    consent: c('POA'),
    purpose: ds(BREAST_CANCER),
    outcome: 'DENY',
  },

  // --- modifiers that can deny
  {
    name: 'NPU refuses a for-profit organisation',
    consent: c('GRU', [], 'NPU'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { forProfitOrganization: true }),
    outcome: 'DENY',
    codes: { GRU: 'APPROVE', NPU: 'DENY' },
  },
  {
    name: 'NPU allows a not-for-profit, even for commercial use',
    consent: c('GRU', [], 'NPU'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { commercial: true }),
    outcome: 'APPROVE',
  },
  {
    name: 'NCU refuses a commercial purpose',
    consent: c('GRU', [], 'NCU'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { commercial: true }),
    outcome: 'DENY',
    codes: { NCU: 'DENY' },
  },
  {
    name: 'NCU allows non-commercial use by a for-profit',
    consent: c('GRU', [], 'NCU'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { forProfitOrganization: true }),
    outcome: 'APPROVE',
  },
  {
    name: 'NMDS refuses methods development',
    consent: c('HMB', [], 'NMDS'),
    purpose: p('METHODS_DEVELOPMENT'),
    outcome: 'DENY',
    codes: { HMB: 'APPROVE', NMDS: 'DENY' },
  },
  {
    name: 'NMDS sends methods work inside a broad purpose to a steward (GA4GH: only within the other limits)',
    consent: c('GRU', [], 'NMDS'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { methodsDevelopment: true }),
    outcome: 'NEEDS_REVIEW',
    codes: { NMDS: 'NEEDS_REVIEW' },
  },
  {
    name: 'NMDS with HMB allows methods work on named diseases',
    consent: c('HMB', [], 'NMDS'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [BREAST_CANCER], methodsDevelopment: true }),
    outcome: 'APPROVE',
  },
  {
    name: 'NPUNCU refuses a for-profit organisation',
    consent: c('GRU', [], 'NPUNCU'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { forProfitOrganization: true }),
    outcome: 'DENY',
    says: ['NPUNCU', 'the requester is for-profit'],
  },
  {
    name: 'NPUNCU refuses a commercial use by a not-for-profit',
    consent: c('GRU', [], 'NPUNCU'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { commercial: true }),
    outcome: 'DENY',
    says: ['NPUNCU', 'the purpose is commercial'],
  },
  {
    name: 'NPUNCU allows non-commercial use by a not-for-profit',
    consent: c('GRU', [], 'NPUNCU'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'APPROVE',
  },
  // --- combined purposes and the research-purpose fields DUOS abstains on
  {
    name: 'a disease plus ancestry is approved by GRU',
    consent: c('GRU'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [BREAST_CANCER], populationOriginsAncestry: true }),
    outcome: 'APPROVE',
  },
  {
    name: 'a disease plus ancestry is refused by HMB (the ancestry part)',
    consent: c('HMB'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [BREAST_CANCER], populationOriginsAncestry: true }),
    outcome: 'DENY',
    says: ['HMB', 'population origins or ancestry'],
  },
  {
    name: 'a disease plus ancestry is refused by DS even for the consented disease',
    consent: c('DS', [CANCER]),
    purpose: p('DISEASE_SPECIFIC', { diseases: [BREAST_CANCER], populationOriginsAncestry: true }),
    outcome: 'DENY',
  },
  {
    name: 'NPOA refuses the ancestry part of a combined purpose',
    consent: c('GRU', [], 'NPOA'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [BREAST_CANCER], populationOriginsAncestry: true }),
    outcome: 'DENY',
    codes: { NPOA: 'DENY' },
  },
  ...(
    [
      ['controls', { controls: true }, 'as controls'],
      ['population variation', { populationVariation: true }, 'variation in the general population'],
      ['a gender focus', { genderFocus: 'MALE' }, 'one gender (male)'],
      ['a pediatric focus', { pediatric: true }, 'pediatric'],
      ['vulnerable populations', { vulnerablePopulations: true }, 'vulnerable population'],
      ['illegal behaviour', { illegalBehavior: true }, 'illegal behaviour'],
      ['sexual diseases', { sexualDiseases: true }, 'sexually transmitted'],
      ['stigmatised diseases', { stigmatizedDiseases: true }, 'stigmatising'],
      ['psychological traits', { psychologicalTraits: true }, 'psychological traits'],
      ['non-health research', { notHealth: true }, 'beyond health research'],
      ['a free-text other purpose', { otherPurpose: 'linkage to a registry' }, 'linkage to a registry'],
    ] as [string, Partial<ResearchPurposeInputShape>, string][]
  ).map(([what, extra, text]): Row => ({
    name: `a purpose with ${what} needs review even where the consent fits (DUOS abstains)`,
    consent: c('HMB'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', extra),
    outcome: 'NEEDS_REVIEW',
    codes: { HMB: 'APPROVE', PURPOSE: 'NEEDS_REVIEW' },
    says: ['PURPOSE', text],
  })),
  {
    name: 'an OTHER purpose needs review under HMB',
    consent: c('HMB'),
    purpose: p('OTHER', { otherPurpose: 'something else' }),
    outcome: 'NEEDS_REVIEW',
    codes: { HMB: 'NEEDS_REVIEW', PURPOSE: 'NEEDS_REVIEW' },
  },
  {
    name: 'RS pediatric refuses a purpose that is not pediatric',
    consent: c('GRU', [], { code: 'RS', researchType: 'PEDIATRIC' }),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'DENY',
    codes: { RS: 'DENY' },
  },
  {
    name: 'RS female accepts a female focus (the gender focus still needs review)',
    consent: c('GRU', [], { code: 'RS', researchType: 'FEMALE' }),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { genderFocus: 'FEMALE' }),
    outcome: 'NEEDS_REVIEW',
    codes: { RS: 'APPROVE', PURPOSE: 'NEEDS_REVIEW' },
  },
  {
    name: 'RS male refuses a female focus',
    consent: c('GRU', [], { code: 'RS', researchType: 'MALE' }),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { genderFocus: 'FEMALE' }),
    outcome: 'DENY',
  },
  {
    name: 'NMDS with DS allows methods development on the consented disease',
    consent: c('DS', [CANCER], 'NMDS'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [BREAST_CANCER], methodsDevelopment: true }),
    outcome: 'APPROVE',
    codes: { DS: 'APPROVE', NMDS: 'APPROVE' },
  },
  {
    name: 'NMDS with DS refuses methods development on another disease',
    consent: c('DS', [BREAST_CANCER], 'NMDS'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [LUNG_CANCER], methodsDevelopment: true }),
    outcome: 'DENY',
    codes: { DS: 'DENY', NMDS: 'DENY' },
  },
  {
    name: 'NMDS allows a purpose without methods work',
    consent: c('GRU', [], 'NMDS'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'APPROVE',
  },
  {
    name: 'GSO refuses a purpose that is not genetic-only',
    consent: c('GRU', [], 'GSO'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'DENY',
    codes: { GSO: 'DENY' },
  },
  {
    name: 'GSO allows genetic studies only',
    consent: c('GRU', [], 'GSO'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { geneticStudiesOnly: true }),
    outcome: 'APPROVE',
  },
  {
    name: 'NPOA refuses ancestry research',
    consent: c('GRU', [], 'NPOA'),
    purpose: p('POPULATION_ORIGINS_ANCESTRY'),
    outcome: 'DENY',
    codes: { GRU: 'APPROVE', NPOA: 'DENY' },
  },
  {
    name: 'NPOA sends other research to a steward',
    consent: c('HMB', [], 'NPOA'),
    purpose: ds(T2D),
    outcome: 'NEEDS_REVIEW',
  },

  // --- modifiers that need a steward
  {
    name: 'IRB with an ethics reference needs review naming it',
    consent: c('HMB', [], 'IRB'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { ethicsApprovalRef: 'REC 24/LO/0001' }),
    outcome: 'NEEDS_REVIEW',
    says: ['IRB', 'REC 24/LO/0001'],
  },
  {
    name: 'IRB without an ethics reference needs review saying so',
    consent: c('HMB', [], 'IRB'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL'),
    outcome: 'NEEDS_REVIEW',
    says: ['IRB', 'no ethics approval reference'],
  },
  {
    name: 'COL needs review (researcher not agreeing is named)',
    consent: c('GRU', [], { code: 'COL', note: 'Dr. A. Smith' }),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
    says: ['COL', 'has not agreed'],
  },
  {
    name: 'PUB needs review (no publication commitment is named)',
    consent: c('GRU', [], 'PUB'),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
    says: ['PUB', 'does not commit'],
  },
  {
    name: 'GS needs review when the area matches',
    consent: c('GRU', [], { code: 'GS', region: 'European Union' }),
    purpose: p('GENERAL_RESEARCH', { geographicArea: 'european union' }),
    outcome: 'NEEDS_REVIEW',
    says: ['GS', 'the same'],
  },
  {
    name: 'GS needs review when no area is stated',
    consent: c('GRU', [], { code: 'GS', region: 'European Union' }),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
    says: ['GS', 'states no geographic area'],
  },
  {
    name: 'MOR needs review naming the date',
    consent: c('GRU', [], { code: 'MOR', moratoriumUntil: '2027-01-31' }),
    purpose: p('GENERAL_RESEARCH', { willPublish: true }),
    outcome: 'NEEDS_REVIEW',
    says: ['MOR', '2027-01-31'],
  },
  {
    name: 'TS needs review naming the months',
    consent: c('GRU', [], { code: 'TS', months: 12 }),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
    says: ['TS', '12 months'],
  },
  {
    name: 'US needs review',
    consent: c('GRU', [], 'US'),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
  },
  {
    name: 'PS needs review',
    consent: c('GRU', [], { code: 'PS', note: 'project X' }),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
    says: ['PS', 'project X'],
  },
  {
    name: 'IS needs review',
    consent: c('GRU', [], 'IS'),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
  },
  {
    name: 'RTN needs review (no agreement to return data is named)',
    consent: c('GRU', [], 'RTN'),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
    says: ['RTN', 'has not agreed'],
  },
  {
    name: 'CC needs review',
    consent: c('GRU', [], 'CC'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { clinicalCare: true }),
    outcome: 'NEEDS_REVIEW',
  },
  {
    name: 'RS needs review',
    consent: c('GRU', [], { code: 'RS', note: 'pediatric' }),
    purpose: p('GENERAL_RESEARCH'),
    outcome: 'NEEDS_REVIEW',
  },

  // --- combining verdicts
  {
    name: 'a DENY outweighs a NEEDS_REVIEW',
    consent: c('HMB', [], 'NCU', 'IRB'),
    purpose: p('HEALTH_MEDICAL_BIOMEDICAL', { commercial: true, ethicsApprovalRef: 'IRB-1' }),
    outcome: 'DENY',
    codes: { HMB: 'APPROVE', IRB: 'NEEDS_REVIEW', NCU: 'DENY' },
  },
  {
    name: 'all codes satisfied approves',
    consent: c('DS', [T1D], 'NCU', 'NPU', 'GSO'),
    purpose: p('DISEASE_SPECIFIC', { diseases: [T1D], geneticStudiesOnly: true }),
    outcome: 'APPROVE',
    codes: { DS: 'APPROVE', GSO: 'APPROVE', NCU: 'APPROVE', NPU: 'APPROVE' },
  },
];

describe('purpose matcher (DUOS-style rules)', () => {
  it.each(ROWS.map((r) => [r.name, r]))('%s', (_name, row) => {
    const result = matchPurpose(validateConsent(row.consent), validatePurpose(row.purpose), hierarchy);
    expect(result.outcome).toBe(row.outcome);
    for (const [code, verdict] of Object.entries(row.codes ?? {}))
      expect(result.reasons.find((r) => r.code === code)?.verdict).toBe(verdict);
    if (row.says) expect(result.reasons.find((r) => r.code === row.says![0])?.reason).toContain(row.says[1]);
    // one reason per code: the permission, then each modifier, then PURPOSE when the purpose needs a steward
    const consent = validateConsent(row.consent);
    expect(result.reasons.map((r) => r.code).filter((code) => code !== 'PURPOSE')).toEqual([
      consent.permission,
      ...consent.modifiers.map((m) => m.code),
    ]);
  });

  it('has at least 30 documented cases and exercises every permission and modifier', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
    const used = new Set(
      ROWS.flatMap((r) => [r.consent.permission, ...(r.consent.modifiers ?? []).map((m) => m.code)]),
    );
    for (const code of [...Object.keys(PERMISSION_RULES), ...Object.keys(MODIFIER_RULES)])
      expect(used).toContain(code);
  });

  it('lists the permission first and modifiers in code order', () => {
    const result = matchPurpose(
      validateConsent(c('GRU', [], 'PUB', 'IRB', 'NCU')),
      validatePurpose(p('GENERAL_RESEARCH')),
      hierarchy,
    );
    expect(result.reasons.map((r) => r.code)).toEqual(['GRU', 'IRB', 'NCU', 'PUB']);
  });
});

describe('docs/consent.md', () => {
  it('quotes every permission and modifier rule of the code', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/consent.md'), 'utf8').replace(/ {2,}/g, ' ');
    for (const [code, r] of Object.entries({ ...PERMISSION_RULES, ...MODIFIER_RULES }))
      expect(doc).toContain(`| ${code} | ${r.rule} |`);
    expect(doc).toContain(`| PURPOSE | ${PURPOSE_REVIEW_RULE} |`);
  });
});
