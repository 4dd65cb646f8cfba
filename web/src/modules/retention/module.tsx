import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['retention'] as const;
const RetentionPage = lazyPage(() => import('./RetentionPage.tsx'), 'RetentionPage', namespaces);

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
