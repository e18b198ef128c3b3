import {
  MalformedConditionsError,
  conditionsHold,
  parseConditions,
  resolveConditionalVisas,
  type ConditionTarget,
} from './visa-conditions';

const faculty: ConditionTarget = {
  type: 'AffiliationAndRole',
  value: 'faculty@med.stanford.edu',
  source: 'https://grid.ac/institutes/grid.240952.8',
  by: 'so',
};
const linked: ConditionTarget = {
  type: 'LinkedIdentities',
  value: '10001,https:%2F%2Fidp1.org;abcd,https:%2F%2Fidp2.org',
  source: 'https://broker.test',
  by: 'system',
};

describe('GA4GH visa conditions (Passport v1.2)', () => {
  it('const: matches the exact, case-sensitive value', () => {
    const c = parseConditions([
      [{ type: 'AffiliationAndRole', value: 'const:faculty@med.stanford.edu', by: 'const:so' }],
    ]);
    expect(conditionsHold(c, [faculty])).toBe(true);
    const upper = parseConditions([
      [{ type: 'AffiliationAndRole', value: 'const:FACULTY@med.stanford.edu' }],
    ]);
    expect(conditionsHold(upper, [faculty])).toBe(false);
  });

  it('pattern: matches with ? and * over the whole string', () => {
    expect(
      conditionsHold(
        parseConditions([[{ type: 'AffiliationAndRole', value: 'pattern:faculty@*.stanford.edu' }]]),
        [faculty],
      ),
    ).toBe(true);
    expect(
      conditionsHold(parseConditions([[{ type: 'AffiliationAndRole', value: 'pattern:facult?@*' }]]), [
        faculty,
      ]),
    ).toBe(true);
    expect(
      conditionsHold(parseConditions([[{ type: 'AffiliationAndRole', value: 'pattern:faculty' }]]), [
        faculty,
      ]),
    ).toBe(false);
    // Regex metacharacters in a pattern are literal.
    expect(
      conditionsHold(
        parseConditions([[{ type: 'AffiliationAndRole', value: 'pattern:faculty@med.stanford.ed.' }]]),
        [faculty],
      ),
    ).toBe(false);
  });

  it('split_pattern: matches any ;-separated part of the field', () => {
    const c = parseConditions([
      [{ type: 'LinkedIdentities', value: 'split_pattern:abcd,https:%2F%2Fidp2.org' }],
    ]);
    expect(conditionsHold(c, [linked])).toBe(true);
    const whole = parseConditions([
      [{ type: 'LinkedIdentities', value: 'pattern:abcd,https:%2F%2Fidp2.org' }],
    ]);
    expect(conditionsHold(whole, [linked])).toBe(false);
  });

  it('is a DNF: OR of alternatives, AND within one', () => {
    const andBoth = parseConditions([
      [
        { type: 'AffiliationAndRole', by: 'const:so' },
        { type: 'LinkedIdentities', by: 'const:system' },
      ],
    ]);
    expect(conditionsHold(andBoth, [faculty])).toBe(false);
    expect(conditionsHold(andBoth, [faculty, linked])).toBe(true);
    const either = parseConditions([
      [{ type: 'ResearcherStatus', by: 'const:so' }],
      [{ type: 'LinkedIdentities', source: 'const:https://broker.test' }],
    ]);
    expect(conditionsHold(either, [linked])).toBe(true);
  });

  it.each([
    ['not an array', { type: 'AffiliationAndRole' }],
    ['empty', []],
    ['a clause outside an inner array', [{ type: 'AffiliationAndRole', value: 'const:x' }]],
    ['an unknown prefix', [[{ type: 'AffiliationAndRole', value: 'regex:.*' }]]],
    ['no prefix', [[{ type: 'AffiliationAndRole', value: 'faculty' }]]],
    ['an unknown visa type', [[{ type: 'FavouriteColour', value: 'const:x' }]]],
    ['an unknown field', [[{ type: 'AffiliationAndRole', value: 'const:x', colour: 'const:x' }]]],
    ['a clause testing nothing', [[{ type: 'AffiliationAndRole' }]]],
    ['a non-string matcher', [[{ type: 'AffiliationAndRole', value: 7 }]]],
  ])('refuses conditions with %s', (_what, raw) => {
    expect(() => parseConditions(raw)).toThrow(MalformedConditionsError);
  });

  it('accepts chains of conditional visas but not visas vouching for each other in a circle', () => {
    const a = { type: 'ControlledAccessGrants', value: 'A', source: 's' };
    const b = { type: 'AcceptedTermsAndPolicies', value: 'B', source: 's' };
    const onFaculty = parseConditions([
      [{ type: 'AffiliationAndRole', value: 'const:faculty@med.stanford.edu' }],
    ]);
    const onB = parseConditions([[{ type: 'AcceptedTermsAndPolicies', value: 'const:B' }]]);
    const onA = parseConditions([[{ type: 'ControlledAccessGrants', value: 'const:A' }]]);
    expect(
      resolveConditionalVisas([
        { visa: a, conditions: onB },
        { visa: b, conditions: onFaculty },
        { visa: faculty, conditions: null },
      ]),
    ).toEqual([a, b, faculty]);
    expect(
      resolveConditionalVisas([
        { visa: a, conditions: onB },
        { visa: b, conditions: onA },
      ]),
    ).toEqual([]);
  });
});
