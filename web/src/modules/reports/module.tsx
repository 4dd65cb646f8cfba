import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['reports'] as const;
// The figures reuse the hours module's school-year choice, and speak its label.
const FiguresPage = lazyPage(() => import('./FiguresPage.tsx'), 'FiguresPage', [...namespaces, 'hours']);
const AnnualReportPage = lazyPage(() => import('./AnnualReportPage.tsx'), 'AnnualReportPage', namespaces);
const CapacityPage = lazyPage(() => import('./CapacityPage.tsx'), 'CapacityPage', namespaces);

/** Reports (issue 17): the year's figures, the annual report, and demand against capacity. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'cijfers',
      element: (
        <PermissionGate action="reports.read">
          <FiguresPage />
        </PermissionGate>
      ),
    },
    {
      path: 'jaarverslag',
      element: (
        <PermissionGate action="reports.annual_report">
          <AnnualReportPage />
        </PermissionGate>
      ),
    },
    {
      path: 'vraag-en-capaciteit',
      element: (
        <PermissionGate action="reports.capacity">
          <CapacityPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [
    { to: '/cijfers', label: 'figures', group: 'reports', action: 'reports.read' },
    { to: '/jaarverslag', label: 'annualReport', group: 'reports', action: 'reports.annual_report' },
    { to: '/vraag-en-capaciteit', label: 'capacity', group: 'reports', action: 'reports.capacity' },
  ],
};
