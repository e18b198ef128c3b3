/**
 * A signed-in session for component tests, in place of `@/app/session` (`vi.mock('@/app/session', () =>
 * import('@/test/fake-session'))`): the user holds the roles last given to `signInAs`.
 */
let roles: string[] = [];

export function signInAs(...as: string[]): void {
  roles = as;
}

export function useSession() {
  return {
    state: {
      status: 'signed-in' as const,
      user: { username: 'u', name: 'U', institution: null, roles },
      expiresAt: '2099-01-01T00:00:00Z',
    },
    signOut: () => Promise.resolve(),
    hasRole: (...r: string[]) => r.some((x) => roles.includes(x)),
  };
}
