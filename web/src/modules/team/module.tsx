import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['team'] as const;
const ExpertiseTagsPage = lazyPage(() => import('./ExpertiseTagsPage.tsx'), 'ExpertiseTagsPage', namespaces);
const PairHistoryPage = lazyPage(() => import('./PairHistoryPage.tsx'), 'PairHistoryPage', namespaces);
const PairsPage = lazyPage(() => import('./PairsPage.tsx'), 'PairsPage', namespaces);
const TeamListPage = lazyPage(() => import('./TeamListPage.tsx'), 'TeamListPage', namespaces);
const TeamMemberPage = lazyPage(() => import('./TeamMemberPage.tsx'), 'TeamMemberPage', namespaces);

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
