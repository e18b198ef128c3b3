import type { RouteObject } from 'react-router';
import { Shell } from './Shell';
import { RouteError } from './RouteError';

/** A route whose screen is its own chunk (loaded when first visited). */
const screen = (load: () => Promise<{ default: React.ComponentType }>) => ({
  lazy: async () => ({ Component: (await load()).default }),
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
      { path: '*', ...screen(() => import('./NotFound')) },
    ],
  },
];
