import { ANONYMOUS_PRINCIPAL, budgetPrincipal, principalOf } from './principal';

const visa = (value: string) => ({
  type: 'LinkedIdentities' as const,
  value,
  source: 's',
  asserted: 0,
  exp: 0,
  iss: 'broker',
  sub: 'holder',
});

describe('principal', () => {
  it('maps every anonymous caller to one shared principal', () => {
    expect(principalOf({ subject: null, issuer: null, visas: [] })).toBe(ANONYMOUS_PRINCIPAL);
  });

  it('maps linked accounts to one principal', () => {
    const a = principalOf({
      subject: 'alice',
      issuer: 'https://idp-a',
      visas: [visa('bob,https%3A%2F%2Fidp-b')],
    });
    const b = principalOf({
      subject: 'bob',
      issuer: 'https://idp-b',
      visas: [visa('alice,https%3A%2F%2Fidp-a')],
    });
    expect(a).toBe(b);
    expect(principalOf({ subject: 'carol', issuer: 'https://idp-a', visas: [] })).not.toBe(a);
  });

  it('charges an institution once for all of its accounts in institution mode', () => {
    expect(budgetPrincipal('sub:x', 'inst-1', 'institution')).toBe(
      budgetPrincipal('sub:y', 'inst-1', 'institution'),
    );
    expect(budgetPrincipal('sub:x', 'inst-1', 'account')).toBe('sub:x');
    expect(budgetPrincipal('sub:x', null, 'institution')).toBe('sub:x');
  });
});
