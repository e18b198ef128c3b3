import { DomainError } from '@helixgate/common';
import { validateConsent, validatePurpose, type DuoConsentInput } from './consent-validation';
import type { ResearchPurposeInputShape } from './research-purpose';

function consentError(input: DuoConsentInput): DomainError {
  try {
    validateConsent(input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected INVALID_CONSENT');
}

describe('validateConsent', () => {
  it('normalises a valid consent: upper-cases codes, sorts modifiers and diseases', () => {
    expect(
      validateConsent({
        permission: 'ds',
        diseases: ['MONDO:0007254', 'MONDO:0004992', 'MONDO:0007254'],
        modifiers: [{ code: 'ncu' }, { code: 'GS', region: ' European Union ' }, { code: 'IRB' }],
      }),
    ).toEqual({
      permission: 'DS',
      diseases: ['MONDO:0004992', 'MONDO:0007254'],
      modifiers: [{ code: 'GS', region: 'European Union' }, { code: 'IRB' }, { code: 'NCU' }],
    });
  });

  it.each<[string, DuoConsentInput, string]>([
    ['an unknown permission', { permission: 'XYZ' }, 'unknown DUO permission "XYZ"'],
    ['a modifier given as permission', { permission: 'NCU' }, 'NCU is a data use modifier, not a permission'],
    ['DS without diseases', { permission: 'DS' }, 'DS needs at least one disease id'],
    ['a malformed disease id', { permission: 'DS', diseases: ['cancer'] }, '"cancer" is not a disease id'],
    [
      'a malformed MONDO id',
      { permission: 'DS', diseases: ['MONDO:162'] },
      '"MONDO:162" is not a disease id',
    ],
    [
      'NPUNCU with NPU',
      { permission: 'GRU', modifiers: [{ code: 'NPUNCU' }, { code: 'NPU' }] },
      'NPUNCU already includes NPU',
    ],
    [
      'an RS research type that is not one',
      { permission: 'GRU', modifiers: [{ code: 'RS', researchType: 'ELDERLY' }] },
      'RS researchType "ELDERLY" is not one of PEDIATRIC, FEMALE, MALE, CONTROLS',
    ],
    [
      'a research type on another modifier',
      { permission: 'GRU', modifiers: [{ code: 'NCU', researchType: 'PEDIATRIC' }] },
      'NCU takes no researchType',
    ],
    [
      'diseases on HMB',
      { permission: 'HMB', diseases: ['MONDO:0004992'] },
      'only allowed with DS (permission is HMB)',
    ],
    [
      'an unknown modifier',
      { permission: 'GRU', modifiers: [{ code: 'FOO' }] },
      'unknown DUO modifier "FOO"',
    ],
    ['a second permission', { permission: 'GRU', modifiers: [{ code: 'HMB' }] }, 'HMB is a permission'],
    [
      'a duplicate modifier',
      { permission: 'GRU', modifiers: [{ code: 'NCU' }, { code: 'NCU' }] },
      'NCU is listed twice',
    ],
    [
      'GS without a region',
      { permission: 'GRU', modifiers: [{ code: 'GS' }] },
      'GS needs a geographic region',
    ],
    [
      'MOR with a non-date',
      { permission: 'GRU', modifiers: [{ code: 'MOR', moratoriumUntil: '2026-02-30' }] },
      'MOR needs moratoriumUntil',
    ],
    ['TS with zero months', { permission: 'GRU', modifiers: [{ code: 'TS', months: 0 }] }, 'TS needs months'],
    [
      'TS with fractional months',
      { permission: 'GRU', modifiers: [{ code: 'TS', months: 1.5 }] },
      'TS needs months',
    ],
    [
      'a parameter on a code that takes none',
      { permission: 'GRU', modifiers: [{ code: 'NCU', region: 'EU' }] },
      'NCU takes no region',
    ],
    [
      'the wrong parameter',
      { permission: 'GRU', modifiers: [{ code: 'GS', region: 'EU', months: 3 }] },
      'GS takes no months',
    ],
    [
      'NRES with modifiers',
      { permission: 'NRES', modifiers: [{ code: 'NCU' }] },
      'NRES (no restriction) cannot carry modifiers (got NCU)',
    ],
    [
      'POA with NPOA',
      { permission: 'POA', modifiers: [{ code: 'NPOA' }] },
      'NPOA (population origins or ancestry research prohibited) contradicts',
    ],
  ])('refuses %s with INVALID_CONSENT naming the code', (_name, input, message) => {
    const err = consentError(input);
    expect(err.code).toBe('INVALID_CONSENT');
    expect(err.httpStatus).toBe(400);
    expect(err.message).toContain(message);
  });

  it('accepts NPUNCU, the DUO term duoTerms lists (not-for-profit organisations and non-commercial use)', () => {
    expect(validateConsent({ permission: 'GRU', modifiers: [{ code: 'npuncu' }] })).toEqual({
      permission: 'GRU',
      diseases: [],
      modifiers: [{ code: 'NPUNCU' }],
    });
  });

  it('accepts disease cross-references MONDO maps (DOID) and an RS research type', () => {
    expect(
      validateConsent({
        permission: 'DS',
        diseases: ['DOID:162'],
        modifiers: [{ code: 'RS', researchType: 'pediatric', note: 'children under 12' }],
      }),
    ).toEqual({
      permission: 'DS',
      diseases: ['DOID:162'],
      modifiers: [{ code: 'RS', researchType: 'PEDIATRIC', note: 'children under 12' }],
    });
  });

  it('reports every problem at once', () => {
    const err = consentError({ permission: 'DS', modifiers: [{ code: 'FOO' }, { code: 'TS' }] });
    expect(err.details?.problems).toHaveLength(3);
  });
});

describe('validatePurpose', () => {
  const base: ResearchPurposeInputShape = {
    category: 'HEALTH_MEDICAL_BIOMEDICAL',
    commercial: false,
    forProfitOrganization: false,
  };

  it('fills unstated flags with false and marks METHODS_DEVELOPMENT as methods work', () => {
    expect(validatePurpose({ ...base, category: 'METHODS_DEVELOPMENT', ethicsApprovalRef: '  ' })).toEqual({
      category: 'METHODS_DEVELOPMENT',
      diseases: [],
      methodsDevelopment: true,
      commercial: false,
      forProfitOrganization: false,
      geneticStudiesOnly: false,
      willPublish: false,
      collaborationWithPrimaryInvestigators: false,
      returnDerivedData: false,
      clinicalCare: false,
      populationOriginsAncestry: false,
      controls: false,
      populationVariation: false,
      pediatric: false,
      vulnerablePopulations: false,
      illegalBehavior: false,
      sexualDiseases: false,
      stigmatizedDiseases: false,
      psychologicalTraits: false,
      notHealth: false,
    });
  });

  it('keeps the DUOS research-purpose fields: sensitive flags, gender focus, free text, a combined purpose', () => {
    const p = validatePurpose({
      ...base,
      category: 'DISEASE_SPECIFIC',
      diseases: ['MONDO:0004992'],
      populationOriginsAncestry: true,
      controls: true,
      genderFocus: 'female' as ResearchPurposeInputShape['genderFocus'],
      otherPurpose: '  tumour registry linkage ',
    });
    expect(p).toMatchObject({
      populationOriginsAncestry: true,
      controls: true,
      genderFocus: 'FEMALE',
      otherPurpose: 'tumour registry linkage',
      pediatric: false,
    });
    expect(
      validatePurpose({ ...base, category: 'POPULATION_ORIGINS_ANCESTRY' }).populationOriginsAncestry,
    ).toBe(true);
  });

  it.each<[string, ResearchPurposeInputShape, string]>([
    [
      'an unknown category',
      { ...base, category: 'FUN' as ResearchPurposeInputShape['category'] },
      'unknown purpose category "FUN"',
    ],
    [
      'disease-specific without diseases',
      { ...base, category: 'DISEASE_SPECIFIC' },
      'needs at least one disease id',
    ],
    [
      'diseases on a non-disease purpose',
      { ...base, diseases: ['MONDO:0004992'] },
      'belong to a DISEASE_SPECIFIC purpose',
    ],
    [
      'a malformed disease id',
      { ...base, category: 'DISEASE_SPECIFIC', diseases: ['cancer'] },
      '"cancer" is not a disease id',
    ],
    ['OTHER without a description', { ...base, category: 'OTHER' }, 'an OTHER purpose needs otherPurpose'],
    [
      'an unknown gender focus',
      { ...base, genderFocus: 'X' as ResearchPurposeInputShape['genderFocus'] },
      'genderFocus "X" is not one of FEMALE, MALE, OTHER',
    ],
    [
      'a sensitive flag that is not a boolean',
      { ...base, controls: 'yes' as unknown as boolean },
      'controls must be true or false',
    ],
    [
      'a missing commercial flag',
      { category: 'GENERAL_RESEARCH', forProfitOrganization: false } as unknown as ResearchPurposeInputShape,
      'purpose must state commercial',
    ],
  ])('refuses %s', (_name, input, message) => {
    expect(() => validatePurpose(input)).toThrow(message);
  });
});
