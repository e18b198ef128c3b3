import type { RouteObject } from 'react-router';
import type { Role } from './api';
import { RoleGate } from './RoleGate';
import { Shell } from './Shell';
import { RouteError } from './RouteError';

/** A route whose screen is its own chunk (loaded when first visited). */
const screen = (load: () => Promise<{ default: React.ComponentType }>) => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/** A screen for some roles only: anyone else sees "this page is for …" (RoleGate), not the screen. */
const gated = (roles: Role[], load: () => Promise<{ default: React.ComponentType }>) => ({
  lazy: async () => {
    const Screen = (await load()).default;
    return {
      Component: () => (
        <RoleGate roles={roles}>
          <Screen />
        </RoleGate>
      ),
    };
  },
});

/**
 * Every screen, by the user's job. Each feature folder holds its pages, components and `.graphql`
 * operations; a new screen is one line here and one in nav.ts.
 */
export const routes: RouteObject[] = [
  { path: '/sign-in', ...screen(() => import('@/features/auth/SignInPage')) },
  { path: '/invitation', ...screen(() => import('@/features/auth/InvitationPage')) },
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, ...screen(() => import('./Home')) },
      // researcher
      { path: 'datasets', ...screen(() => import('@/features/catalogue/DatasetsPage')) },
      { path: 'datasets/:id', ...screen(() => import('@/features/datasets/DatasetPage')) },
      { path: 'search', ...screen(() => import('@/features/search/VariantSearchPage')) },
      { path: 'requests', ...screen(() => import('@/features/requests/MyRequestsPage')) },
      { path: 'requests/new', ...screen(() => import('@/features/requests/RequestFormPage')) },
      { path: 'requests/:id', ...screen(() => import('@/features/requests/RequestPage')) },
      { path: 'grants', ...screen(() => import('@/features/grants/MyGrantsPage')) },
      // steward
      { path: 'review', ...gated(['steward'], () => import('@/features/review/QueuePage')) },
      {
        path: 'review/expiring',
        ...gated(['steward'], () => import('@/features/review/ExpiringGrantsPage')),
      },
      { path: 'review/:id', ...screen(() => import('@/features/requests/RequestPage')) },
      // data access committee
      {
        path: 'committee',
        ...gated(['dac_member', 'dac_chair'], () => import('@/features/committee/ReviewInboxPage')),
      },
      { path: 'committee/:id', ...screen(() => import('@/features/requests/RequestPage')) },
      // compliance
      {
        path: 'audit',
        ...gated(['compliance', 'admin'], () => import('@/features/audit/AuditExplorerPage')),
      },
      {
        path: 'audit/activity',
        ...gated(['compliance', 'admin'], () => import('@/features/audit/ActivityPage')),
      },
      {
        path: 'audit/integrity',
        ...gated(['compliance', 'admin'], () => import('@/features/audit/IntegrityPage')),
      },
      {
        path: 'audit/participants',
        ...gated(['compliance', 'admin'], () => import('@/features/audit/ParticipantAccessPage')),
      },
      { path: 'audit/exports', ...gated(['compliance'], () => import('@/features/audit/ExportsPage')) },
      // every user / administrators: notifications
      {
        path: 'notifications',
        ...screen(() => import('@/features/notifications/NotificationPreferencesPage')),
      },
      {
        path: 'admin/notifications',
        ...gated(['admin'], () => import('@/features/notifications/DeliveriesPage')),
      },
      // admin
      { path: 'admin/users', ...gated(['admin'], () => import('@/features/admin/UsersPage')) },
      { path: 'admin/stewards', ...gated(['admin'], () => import('@/features/admin/StewardsPage')) },
      { path: 'admin/peers', ...gated(['admin'], () => import('@/features/admin/PeersPage')) },
      { path: 'admin/node', ...gated(['admin'], () => import('@/features/admin/NodePage')) },
      { path: '*', ...screen(() => import('./NotFound')) },
    ],
  },
];
