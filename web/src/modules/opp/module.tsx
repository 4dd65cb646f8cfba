import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { OppPage } from './OppPage.tsx';
import { OppParentPage } from './OppParentPage.tsx';

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
