import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['opp', 'trajectories', 'attendance', 'pupilRecords'] as const;
const OppPage = lazyPage(() => import('./OppPage.tsx'), 'OppPage', namespaces);
const OppParentPage = lazyPage(() => import('./OppParentPage.tsx'), 'OppParentPage', namespaces);
const OppPupilPage = lazyPage(() => import('./OppPupilPage.tsx'), 'OppPupilPage', namespaces);

/**
 * The OPP (E9, E12): the page to draw up and adopt it, the parents' page behind their link (read, and
 * consent on the action part), and the pupil's own simple page (their view).
 */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'trajecten/:trajectoryId/opp',
      element: (
        <PermissionGate action="opp.manage">
          <OppPage />
        </PermissionGate>
      ),
    },
  ],
  publicRoutes: [
    { path: 'opp-inzage', element: <OppParentPage /> },
    { path: 'mijn-plan', element: <OppPupilPage /> },
  ],
};
