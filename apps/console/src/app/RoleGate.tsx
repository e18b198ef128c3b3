import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/states';
import type { Role } from './api';
import { useSession } from './session';

/** Who a role-only screen is for, in words ("data stewards", "members or chairs of a data access committee"). */
const PEOPLE: Record<Role, string> = {
  researcher: 'researchers',
  steward: 'data stewards',
  compliance: 'compliance officers',
  admin: 'administrators',
  dac_member: 'data access committee members',
  dac_chair: 'data access committee chairs',
};

export function forWhom(roles: readonly Role[]): string {
  const words = roles.map((r) => PEOPLE[r]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0];
}

/**
 * A screen of one job (the steward's queue, the users screen…) opened by someone without that role (a link, a
 * typed address): only a plain "this page is for …" — not the screen's filters or forms, which would only be
 * refused by the API.
 */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { hasRole } = useSession();
  if (hasRole(...roles)) return <>{children}</>;
  return (
    <>
      <PageHeader title="Not available to you" />
      <Alert color="gray" data-testid="role-gate">
        This page is for {forWhom(roles)}. Your roles on this node do not include it; the navigation shows the
        screens you can use.
      </Alert>
    </>
  );
}
