import type { WebModule } from '../../app/modules.ts';
import { ExpertisePointPage } from './ExpertisePointPage.tsx';
import { ExpertisePointsListPage } from './ExpertisePointsListPage.tsx';
import { TeamPage } from './TeamPage.tsx';
import './public-pages.css';

/** Public screens (no sign-in, no gate): the team page (R15) and the expertise-point pages (E10). */
export const webModule: WebModule = {
  publicRoutes: [
    { path: 'p/:slug/team', element: <TeamPage /> },
    { path: 'p/:slug/expertisepunten', element: <ExpertisePointsListPage /> },
    { path: 'p/:slug/expertisepunten/:locationId', element: <ExpertisePointPage /> },
  ],
};
