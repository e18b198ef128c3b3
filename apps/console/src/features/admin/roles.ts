import type { Role } from '@/gql/graphql';

export const ALL_ROLES: Role[] = ['RESEARCHER', 'STEWARD', 'COMPLIANCE', 'ADMIN', 'DAC_MEMBER', 'DAC_CHAIR'];

export const ROLE_LABEL: Record<Role, string> = {
  RESEARCHER: 'Researcher',
  STEWARD: 'Data steward',
  COMPLIANCE: 'Compliance officer',
  ADMIN: 'Administrator',
  DAC_MEMBER: 'DAC member',
  DAC_CHAIR: 'DAC chair',
};

/** The link a new user opens to set their password (the token travels in the fragment, never to a server). */
export function invitationLink(token: string, origin = window.location.origin): string {
  return `${origin}/console/invitation#${token}`;
}

export interface NewUserForm {
  username: string;
  displayName: string;
  institution: string;
  roles: Role[];
}

export type NewUserErrors = Partial<Record<keyof NewUserForm, string>>;

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Checked before anything is sent (the API checks again). */
export function validateNewUser(f: NewUserForm): NewUserErrors {
  const e: NewUserErrors = {};
  if (!USERNAME.test(f.username.trim()))
    e.username = 'Lowercase letters, digits, . _ - (starting with a letter or digit, at most 64)';
  if (!f.displayName.trim()) e.displayName = 'The name the console shows, e.g. "Alice Smith"';
  if (f.roles.length === 0) e.roles = 'Choose at least one role';
  return e;
}
