import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['hours'] as const;
const AllocationPage = lazyPage(() => import('./AllocationPage.tsx'), 'AllocationPage', namespaces);
const ScenariosPage = lazyPage(() => import('./ScenariosPage.tsx'), 'ScenariosPage', namespaces);
const BudgetPage = lazyPage(() => import('./BudgetPage.tsx'), 'BudgetPage', namespaces);
const SchoolBudgetPage = lazyPage(() => import('./SchoolBudgetPage.tsx'), 'SchoolBudgetPage', namespaces);
const TimeListPage = lazyPage(() => import('./TimeListPage.tsx'), 'TimeListPage', namespaces);
const TimeWeekPage = lazyPage(() => import('./TimeWeekPage.tsx'), 'TimeWeekPage', namespaces);

/** Hours (issue 5): the allocation key of the staff office and the team members' time registration. */
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
    {
      path: 'verdeling/scenarios',
      element: (
        <PermissionGate action="allocations.manage">
          <ScenariosPage />
        </PermissionGate>
      ),
    },
    {
      path: 'uren',
      element: (
        <PermissionGate action="time.register">
          <TimeWeekPage />
        </PermissionGate>
      ),
    },
    {
      path: 'uren/lijst',
      element: (
        <PermissionGate action="time.register">
          <TimeListPage />
        </PermissionGate>
      ),
    },
    {
      path: 'budget',
      element: (
        <PermissionGate action="budgets.read">
          <BudgetPage />
        </PermissionGate>
      ),
    },
    {
      path: 'budget/:locationId',
      element: (
        <PermissionGate action="budgets.read">
          <SchoolBudgetPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [
    { to: '/verdeling', label: 'allocation', group: 'hours', action: 'allocations.manage' },
    { to: '/uren', label: 'time', group: 'hours', action: 'time.register' },
    { to: '/budget', label: 'budget', group: 'hours', action: 'budgets.read', sector: 'primary' },
  ],
};
