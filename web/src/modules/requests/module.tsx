import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['requests'] as const;
const ConsentPage = lazyPage(() => import('./ConsentPage.tsx'), 'ConsentPage', namespaces);
const RequestDetailPage = lazyPage(() => import('./RequestDetailPage.tsx'), 'RequestDetailPage', namespaces);
const RequestFormPage = lazyPage(() => import('./RequestFormPage.tsx'), 'RequestFormPage', namespaces);
const RequestsListPage = lazyPage(() => import('./RequestsListPage.tsx'), 'RequestsListPage', namespaces);
const SettingsPage = lazyPage(() => import('./SettingsPage.tsx'), 'SettingsPage', namespaces);

/** Support requests (issue 4): the screens of the school and the team, the consent page, the setting. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'hulpvragen',
      element: (
        <PermissionGate action="requests.read">
          <RequestsListPage />
        </PermissionGate>
      ),
    },
    {
      path: 'hulpvragen/nieuw',
      element: (
        <PermissionGate action="requests.create">
          <RequestFormPage />
        </PermissionGate>
      ),
    },
    {
      path: 'hulpvragen/:requestId',
      element: (
        <PermissionGate action="requests.read">
          <RequestDetailPage />
        </PermissionGate>
      ),
    },
    {
      path: 'hulpvragen/:requestId/bewerken',
      element: (
        <PermissionGate action="requests.create">
          <RequestFormPage />
        </PermissionGate>
      ),
    },
    {
      path: 'instellingen',
      element: (
        <PermissionGate action="settings.manage">
          <SettingsPage />
        </PermissionGate>
      ),
    },
  ],
  publicRoutes: [{ path: 'toestemming', element: <ConsentPage /> }],
  navItems: [
    // The expertise team serves primary schools; a secondary school sees requests only when it has some.
    {
      to: '/hulpvragen',
      label: 'requests',
      group: 'work',
      action: 'requests.read',
      sector: 'primary',
      orHas: 'requests',
    },
    { to: '/instellingen', label: 'settings', group: 'admin', action: 'settings.manage' },
  ],
};
