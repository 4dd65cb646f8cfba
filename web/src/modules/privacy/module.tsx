import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { AccessSignalsPage } from './AccessSignalsPage.tsx';
import { AuditTrailPage } from './AuditTrailPage.tsx';
import { ProcessingRegisterPage } from './ProcessingRegisterPage.tsx';

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
