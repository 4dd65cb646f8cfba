import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';
import './expertise-points.css';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['expertisePoints'] as const;
const ExpertisePointEditPage = lazyPage(
  () => import('./ExpertisePointEditPage.tsx'),
  'ExpertisePointEditPage',
  namespaces,
);
const ExpertisePointsPage = lazyPage(
  () => import('./ExpertisePointsPage.tsx'),
  'ExpertisePointsPage',
  namespaces,
);

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
