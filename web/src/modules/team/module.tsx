import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { ExpertiseTagsPage } from './ExpertiseTagsPage.tsx';
import { PairHistoryPage } from './PairHistoryPage.tsx';
import { PairsPage } from './PairsPage.tsx';
import { TeamListPage } from './TeamListPage.tsx';
import { TeamMemberPage } from './TeamMemberPage.tsx';

/** Screens and navigation of this module (registered in app/registry.ts). */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'team',
      element: (
        <PermissionGate action="team.read">
          <TeamListPage />
        </PermissionGate>
      ),
    },
    {
      path: 'team/expertise',
      element: (
        <PermissionGate action="team.manage">
          <ExpertiseTagsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'team/:userId',
      element: (
        <PermissionGate action="team.read">
          <TeamMemberPage />
        </PermissionGate>
      ),
    },
    {
      path: 'koppelingen',
      element: (
        <PermissionGate action="pairs.read">
          <PairsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'koppelingen/:locationId',
      element: (
        <PermissionGate action="pairs.read">
          <PairHistoryPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [
    { to: '/team', label: 'team', group: 'organisation', action: 'team.read' },
    // The pairs of the expertise team serve primary schools (R5).
    { to: '/koppelingen', label: 'pairs', group: 'organisation', action: 'pairs.read', sector: 'primary' },
  ],
};
