import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { TodayPage } from './TodayPage.tsx';
import { WeekPage } from './WeekPage.tsx';

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
