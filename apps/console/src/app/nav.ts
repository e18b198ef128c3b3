import type { Role } from './api';

export interface NavItem {
  to: string;
  label: string;
  roles: Role[];
}
export interface NavSection {
  title: string;
  items: NavItem[];
}

/** The navigation, by the user's job. A feature adds its screens here and in routes.tsx. */
export const NAV: NavSection[] = [
  {
    title: 'Research',
    items: [
      { to: '/datasets', label: 'Datasets', roles: ['researcher', 'steward', 'compliance', 'admin'] },
      { to: '/search', label: 'Variant search', roles: ['researcher', 'steward', 'admin'] },
      { to: '/requests', label: 'My requests', roles: ['researcher'] },
      { to: '/grants', label: 'My grants', roles: ['researcher'] },
    ],
  },
  {
    title: 'Stewardship',
    items: [
      { to: '/review', label: 'Request queue', roles: ['steward'] },
      { to: '/review/expiring', label: 'Expiring grants', roles: ['steward'] },
    ],
  },
  {
    title: 'Committee',
    items: [{ to: '/committee', label: 'Reviews asked of me', roles: ['dac_member', 'dac_chair'] }],
  },
  {
    title: 'Compliance',
    items: [
      { to: '/audit', label: 'Audit explorer', roles: ['compliance'] },
      { to: '/audit/activity', label: 'Activity', roles: ['compliance'] },
      { to: '/audit/integrity', label: 'Integrity', roles: ['compliance'] },
      { to: '/audit/participants', label: 'Participant access', roles: ['compliance'] },
      { to: '/audit/exports', label: 'Exports', roles: ['compliance'] },
    ],
  },
  {
    title: 'Notifications',
    items: [
      {
        to: '/notifications',
        label: 'My notifications',
        roles: ['researcher', 'steward', 'compliance', 'admin', 'dac_member', 'dac_chair'],
      },
      { to: '/admin/notifications', label: 'Deliveries & dead letters', roles: ['admin'] },
    ],
  },
  {
    title: 'Administration',
    items: [
      { to: '/admin/users', label: 'Users and roles', roles: ['admin'] },
      { to: '/admin/stewards', label: 'Stewards', roles: ['admin'] },
      { to: '/admin/peers', label: 'Peers', roles: ['admin'] },
      { to: '/admin/node', label: 'Node identity', roles: ['admin'] },
    ],
  },
];

export function navFor(roles: readonly Role[]): NavSection[] {
  return NAV.map((s) => ({
    ...s,
    items: s.items.filter((i) => i.roles.some((r) => roles.includes(r))),
  })).filter((s) => s.items.length > 0);
}
