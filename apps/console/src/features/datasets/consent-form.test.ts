import { describe, expect, it } from 'vitest';
import { toConsentInput, validateConsentForm } from './consent-form';

describe('the consent editor', () => {
  it('refuses DS without a disease, diseases without DS, and a modifier without its parameter', () => {
    expect(validateConsentForm({ permission: 'DS', diseases: [], modifiers: [] }).diseases).toMatch(
      /at least one/,
    );
    expect(validateConsentForm({ permission: 'GRU', diseases: ['MONDO:1'], modifiers: [] }).diseases).toMatch(
      /Only/,
    );
    const e = validateConsentForm({
      permission: 'GRU',
      diseases: [],
      modifiers: [
        { code: 'TS', value: '0' },
        { code: 'MOR', value: 'soon' },
        { code: 'GS', value: ' ' },
        { code: 'IRB', value: '' },
      ],
    });
    expect(e.modifiers).toEqual({
      TS: 'Months: 1 to 1200',
      MOR: 'A date (YYYY-MM-DD)',
      GS: 'Name the region',
    });
  });
  it('sends each modifier with the one parameter it takes', () => {
    expect(
      toConsentInput({
        permission: 'HMB',
        diseases: [],
        modifiers: [
          { code: 'TS', value: '24' },
          { code: 'NPU', value: '' },
          { code: 'GS', value: 'Europe ' },
        ],
      }),
    ).toEqual({
      permission: 'HMB',
      modifiers: [{ code: 'TS', months: 24 }, { code: 'NPU' }, { code: 'GS', region: 'Europe' }],
    });
  });
});
