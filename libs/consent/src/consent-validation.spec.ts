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
    ['DS without diseases', { permission: 'DS' }, 'DS needs at least one MONDO disease id'],
    ['a malformed disease id', { permission: 'DS', diseases: ['DOID:162'] }, '"DOID:162" is not a MONDO id'],
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
    });
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
      'needs at least one MONDO disease id',
    ],
    [
      'diseases on a non-disease purpose',
      { ...base, diseases: ['MONDO:0004992'] },
      'belong to a DISEASE_SPECIFIC purpose',
    ],
    [
      'a malformed disease id',
      { ...base, category: 'DISEASE_SPECIFIC', diseases: ['cancer'] },
      '"cancer" is not a MONDO id',
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
