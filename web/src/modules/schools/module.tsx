import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { ImportPage } from './ImportPage.tsx';
import { EditLocationPage, NewLocationPage } from './LocationFormPage.tsx';
import { LocationPage } from './LocationPage.tsx';
import { LocationsPage } from './LocationsPage.tsx';

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
