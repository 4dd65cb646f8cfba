import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

const namespaces = ['pupils'] as const;
const PupilsPage = lazyPage(() => import('./PupilsPage.tsx'), 'PupilsPage', namespaces);
const PupilPage = lazyPage(() => import('./PupilPage.tsx'), 'PupilPage', namespaces);

/** The pupil register per school location (Y1): list and search, an entry, editing and merging. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'leerlingen',
      element: (
        <PermissionGate action="pupils.read">
          <PupilsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'leerlingen/:pupilId',
      element: (
        <PermissionGate action="pupils.read">
          <PupilPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [{ to: '/leerlingen', label: 'pupils', group: 'work', action: 'pupils.read' }],
};
