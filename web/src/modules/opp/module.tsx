import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['opp', 'trajectories', 'attendance', 'pupilRecords'] as const;
const OppPage = lazyPage(() => import('./OppPage.tsx'), 'OppPage', namespaces);
const OppParentPage = lazyPage(() => import('./OppParentPage.tsx'), 'OppParentPage', namespaces);

/** The OPP (E9): the page to draw up and adopt it, and the parents' read-only page behind their link. */
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
  publicRoutes: [{ path: 'opp-inzage', element: <OppParentPage /> }],
};
