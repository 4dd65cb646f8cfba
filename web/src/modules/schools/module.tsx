import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['schools', 'team'] as const;
const ImportPage = lazyPage(() => import('./ImportPage.tsx'), 'ImportPage', namespaces);
const EditLocationPage = lazyPage(() => import('./LocationFormPage.tsx'), 'EditLocationPage', namespaces);
const NewLocationPage = lazyPage(() => import('./LocationFormPage.tsx'), 'NewLocationPage', namespaces);
const LocationPage = lazyPage(() => import('./LocationPage.tsx'), 'LocationPage', namespaces);
const LocationsPage = lazyPage(() => import('./LocationsPage.tsx'), 'LocationsPage', namespaces);

/** Screens and navigation of this module (registered in app/registry.ts). */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'scholen',
      element: (
        <PermissionGate action="locations.read">
          <LocationsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'scholen/nieuw',
      element: (
        <PermissionGate action="locations.manage">
          <NewLocationPage />
        </PermissionGate>
      ),
    },
    {
      path: 'scholen/importeren',
      element: (
        <PermissionGate action="locations.import">
          <ImportPage />
        </PermissionGate>
      ),
    },
    {
      path: 'scholen/:locationId',
      element: (
        <PermissionGate action="locations.read">
          <LocationPage />
        </PermissionGate>
      ),
    },
    {
      path: 'scholen/:locationId/bewerken',
      element: (
        <PermissionGate action="locations.manage">
          <EditLocationPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [{ to: '/scholen', label: 'schools', group: 'organisation', action: 'locations.read' }],
};
