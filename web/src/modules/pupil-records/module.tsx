import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['pupilRecords', 'trajectories', 'attendance', 'opp'] as const;
const OverviewPage = lazyPage(() => import('./OverviewPage.tsx'), 'OverviewPage', namespaces);
const TeacherSupportPage = lazyPage(
  () => import('./TeacherSupportPage.tsx'),
  'TeacherSupportPage',
  namespaces,
);

/**
 * The expertise point's records (issue 7): the overview per location and the support of teachers
 * (E6). Contacts (E5) and referrals (E7) are sections of the trajectory page.
 */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'expertisepunt/overzicht',
      element: (
        <PermissionGate action="expertise_point.overview">
          <OverviewPage />
        </PermissionGate>
      ),
    },
    {
      path: 'expertisepunt/docenten',
      element: (
        <PermissionGate action="teacher_support.read">
          <TeacherSupportPage />
        </PermissionGate>
      ),
    },
  ],
};
