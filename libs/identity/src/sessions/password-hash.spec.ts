import { hashPassword, passwordProblem, verifyPassword } from './password-hash';
import { LoginThrottle } from './login-throttle';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password twice')).not.toBe(await hashPassword('same password twice'));
  });

  it('never matches a malformed or weakened stored hash', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const weak = stored.replace(/^scrypt\$15\$/, 'scrypt$1$');
    await expect(verifyPassword('correct horse battery staple', weak)).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', '')).resolves.toBe(false);
  });

  it('refuses short and trivial passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/repeated/);
    expect(passwordProblem('a long enough passphrase')).toBeNull();
  });
});

describe('LoginThrottle', () => {
  it('refuses an account after five failures until the window ends; another account is unaffected', () => {
    let now = 0;
    const t = new LoginThrottle(5, 30, 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      t.check('alice', '10.0.0.1');
      t.fail('alice', '10.0.0.1');
    }
    expect(() => t.check('alice', '10.0.0.2')).toThrow(/too many failed sign-in attempts/);
    expect(() => t.check('bob', '10.0.0.2')).not.toThrow();
    now = 60_001;
    expect(() => t.check('alice', '10.0.0.1')).not.toThrow();
  });

  it('refuses an address that guesses across many accounts', () => {
    const t = new LoginThrottle(5, 3, 60_000, () => 0);
    ['a', 'b', 'c'].forEach((u) => t.fail(u, '10.0.0.9'));
    expect(() => t.check('d', '10.0.0.9')).toThrow(/too many/);
    expect(() => t.check('d', '10.0.0.8')).not.toThrow();
  });
});
