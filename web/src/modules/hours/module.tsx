import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { AllocationPage } from './AllocationPage.tsx';

/** Hours (issue 5): so far the allocation key of the staff office. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'verdeling',
      element: (
        <PermissionGate action="allocations.manage">
          <AllocationPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [
    { to: '/verdeling', labelKey: 'nav.allocation', namespace: 'hours', action: 'allocations.manage' },
  ],
};
