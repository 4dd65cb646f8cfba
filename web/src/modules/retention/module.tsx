import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { RetentionPage } from './RetentionPage.tsx';

/** Retention (P4, issue 15): the schedule, the preview, legal holds and the deletion log, never a file's content. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'privacy/bewaren',
      element: (
        <PermissionGate action="retention.read">
          <RetentionPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [{ to: '/privacy/bewaren', label: 'retention', group: 'admin', action: 'retention.read' }],
};
