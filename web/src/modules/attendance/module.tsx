import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['attendance', 'trajectories', 'opp', 'pupilRecords'] as const;
const TodayPage = lazyPage(() => import('./TodayPage.tsx'), 'TodayPage', namespaces);
const WeekPage = lazyPage(() => import('./WeekPage.tsx'), 'WeekPage', namespaces);

/** Daily use of the expertise point (issue 7, E3, E7): today's tablet screen and the week overview. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'expertisepunt/vandaag',
      element: (
        <PermissionGate action="attendance.manage">
          <TodayPage />
        </PermissionGate>
      ),
    },
    {
      path: 'expertisepunt/week',
      element: (
        <PermissionGate action="trajectories.read">
          <WeekPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [
    {
      to: '/expertisepunt/vandaag',
      label: 'attendanceToday',
      group: 'work',
      action: 'attendance.manage',
      sector: 'secondary',
    },
  ],
};
