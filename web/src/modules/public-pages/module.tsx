import type { WebModule } from '../../app/modules.ts';
import { ExpertisePointPage } from './ExpertisePointPage.tsx';
import { ExpertisePointsListPage } from './ExpertisePointsListPage.tsx';
import { PrivacyStatementPage } from './PrivacyStatementPage.tsx';
import { TeamPage } from './TeamPage.tsx';
import './public-pages.css';

/**
 * Public screens (no sign-in, no gate): the team page (R15), the expertise-point pages (E10) and the
 * privacy statement for parents and for pupils (issue 15, point 6).
 */
export const webModule: WebModule = {
  publicRoutes: [
    { path: 'p/:slug/team', element: <TeamPage /> },
    { path: 'p/:slug/expertisepunten', element: <ExpertisePointsListPage /> },
    { path: 'p/:slug/expertisepunten/:locationId', element: <ExpertisePointPage /> },
    { path: 'p/:slug/privacy', element: <PrivacyStatementPage audience="parent" /> },
    { path: 'p/:slug/privacy/leerling', element: <PrivacyStatementPage audience="pupil" /> },
  ],
};
