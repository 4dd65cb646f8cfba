import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { OverviewPage } from './OverviewPage.tsx';
import { TeacherSupportPage } from './TeacherSupportPage.tsx';

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
