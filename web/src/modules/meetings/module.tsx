import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { MeetingOverviewPage } from './MeetingOverviewPage.tsx';
import { MeetingPage } from './MeetingPage.tsx';
import { MeetingsPage } from './MeetingsPage.tsx';

/** Meetings (issue 6): the annual talk (R11), the SOT (R12), interim meetings (R13), calendars. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'overleg',
      element: (
        <PermissionGate action="meetings.read">
          <MeetingsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'overleg/overzicht',
      element: (
        <PermissionGate action="meetings.overview">
          <MeetingOverviewPage />
        </PermissionGate>
      ),
    },
    {
      path: 'overleg/nieuw',
      element: (
        <PermissionGate action="meetings.manage">
          <MeetingPage />
        </PermissionGate>
      ),
    },
    {
      path: 'overleg/:meetingId',
      element: (
        <PermissionGate action="meetings.read">
          <MeetingPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [{ to: '/overleg', label: 'meetings', group: 'work', action: 'meetings.read' }],
};
