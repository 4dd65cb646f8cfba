import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { ExpertisePointEditPage } from './ExpertisePointEditPage.tsx';
import { ExpertisePointsPage } from './ExpertisePointsPage.tsx';
import './expertise-points.css';

/** Screens and navigation of this module (registered in app/registry.ts). */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'expertisepunten',
      element: (
        <PermissionGate action="expertise_points.read">
          <ExpertisePointsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'expertisepunten/:locationId',
      element: (
        <PermissionGate action="expertise_points.manage">
          <ExpertisePointEditPage />
        </PermissionGate>
      ),
    },
  ],
  // Expertise points are in secondary school buildings (E1): a primary school has none to show.
  navItems: [
    {
      to: '/expertisepunten',
      label: 'expertisePoints',
      group: 'organisation',
      action: 'expertise_points.read',
      sector: 'secondary',
    },
  ],
};
