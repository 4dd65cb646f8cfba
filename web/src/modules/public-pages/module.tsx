import { accessibilityStatementPath } from '../../../../contracts/public.ts';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';
import './public-pages.css';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['publicPages'] as const;
const ExpertisePointPage = lazyPage(
  () => import('./ExpertisePointPage.tsx'),
  'ExpertisePointPage',
  namespaces,
);
const ExpertisePointsListPage = lazyPage(
  () => import('./ExpertisePointsListPage.tsx'),
  'ExpertisePointsListPage',
  namespaces,
);
const PrivacyStatementPage = lazyPage(
  () => import('./PrivacyStatementPage.tsx'),
  'PrivacyStatementPage',
  namespaces,
);
const AccessibilityStatementPage = lazyPage(
  () => import('./AccessibilityStatementPage.tsx'),
  'AccessibilityStatementPage',
  namespaces,
);
const TeamPage = lazyPage(() => import('./TeamPage.tsx'), 'TeamPage', namespaces);

/**
 * Public screens (no sign-in, no gate): the team page (R15), the expertise-point pages (E10) and the
 * privacy statement for parents and for pupils (issue 15, point 6), and the accessibility statement
 * (issue 18, point 8), linked from every page's footer.
 */
export const webModule: WebModule = {
  publicRoutes: [
    { path: 'p/:slug/team', element: <TeamPage /> },
    { path: 'p/:slug/expertisepunten', element: <ExpertisePointsListPage /> },
    { path: 'p/:slug/expertisepunten/:locationId', element: <ExpertisePointPage /> },
    { path: 'p/:slug/privacy', element: <PrivacyStatementPage audience="parent" /> },
    { path: 'p/:slug/privacy/leerling', element: <PrivacyStatementPage audience="pupil" /> },
    { path: accessibilityStatementPath.slice(1), element: <AccessibilityStatementPage /> },
  ],
};
