import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['meetings', 'hours', 'schools', 'team'] as const;
const MeetingOverviewPage = lazyPage(
  () => import('./MeetingOverviewPage.tsx'),
  'MeetingOverviewPage',
  namespaces,
);
const MeetingPage = lazyPage(() => import('./MeetingPage.tsx'), 'MeetingPage', namespaces);
const MeetingsPage = lazyPage(() => import('./MeetingsPage.tsx'), 'MeetingsPage', namespaces);

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
