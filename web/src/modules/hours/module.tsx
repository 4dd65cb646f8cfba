import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { AllocationPage } from './AllocationPage.tsx';
import { BudgetPage } from './BudgetPage.tsx';
import { SchoolBudgetPage } from './SchoolBudgetPage.tsx';
import { TimeListPage } from './TimeListPage.tsx';
import { TimeWeekPage } from './TimeWeekPage.tsx';

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
