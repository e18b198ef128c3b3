import { describe, expect, it } from 'vitest';
import { invitationLink, validateNewUser } from './roles';

describe('the add-user form', () => {
  it('refuses a bad username, a missing name and no role before anything is sent', () => {
    expect(validateNewUser({ username: 'Not Valid', displayName: ' ', institution: '', roles: [] })).toEqual({
      username: expect.stringMatching(/Lowercase/),
      displayName: expect.stringMatching(/name/),
      roles: 'Choose at least one role',
    });
    expect(
      validateNewUser({
        username: 'alice.smith',
        displayName: 'Alice Smith',
        institution: '',
        roles: ['STEWARD'],
      }),
    ).toEqual({});
  });

  it('puts the invitation token in the fragment of the console link', () => {
    expect(invitationLink('abc', 'https://node.example')).toBe('https://node.example/console/invitation#abc');
  });
});
