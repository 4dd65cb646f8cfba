import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['privacy'] as const;
const AccessSignalsPage = lazyPage(() => import('./AccessSignalsPage.tsx'), 'AccessSignalsPage', namespaces);
const AuditTrailPage = lazyPage(() => import('./AuditTrailPage.tsx'), 'AuditTrailPage', namespaces);
const ProcessingRegisterPage = lazyPage(
  () => import('./ProcessingRegisterPage.tsx'),
  'ProcessingRegisterPage',
  namespaces,
);

/** The privacy officer's screens (issue 15): the audit trail, searched and exported, never a file's content. */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'privacy/audit-trail',
      element: (
        <PermissionGate action="audit.search">
          <AuditTrailPage />
        </PermissionGate>
      ),
    },
    {
      path: 'privacy/signals',
      element: (
        <PermissionGate action="audit.search">
          <AccessSignalsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'privacy/verwerkingsregister',
      element: (
        <PermissionGate action="processing_register.read">
          <ProcessingRegisterPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [
    { to: '/privacy/audit-trail', label: 'auditTrail', group: 'admin', action: 'audit.search' },
    { to: '/privacy/signals', label: 'accessSignals', group: 'admin', action: 'audit.search' },
    {
      to: '/privacy/verwerkingsregister',
      label: 'processingRegister',
      group: 'admin',
      action: 'processing_register.read',
    },
  ],
};
