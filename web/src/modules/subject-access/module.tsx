import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['subjectAccess'] as const;
const NewSubjectRequestPage = lazyPage(
  () => import('./NewSubjectRequestPage.tsx'),
  'NewSubjectRequestPage',
  namespaces,
);
const SubjectRequestPage = lazyPage(
  () => import('./SubjectRequestPage.tsx'),
  'SubjectRequestPage',
  namespaces,
);
const SubjectRequestsPage = lazyPage(
  () => import('./SubjectRequestsPage.tsx'),
  'SubjectRequestsPage',
  namespaces,
);

/**
 * The register of data-subject requests (P5, issue 15): for the privacy officer and the staff office,
 * the list, a new request for a pupil found across the files, and one request with its handling.
 */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'privacy/verzoeken',
      element: (
        <PermissionGate action="subject_requests.read">
          <SubjectRequestsPage />
        </PermissionGate>
      ),
    },
    {
      path: 'privacy/verzoeken/nieuw',
      element: (
        <PermissionGate action="subject_requests.manage">
          <NewSubjectRequestPage />
        </PermissionGate>
      ),
    },
    {
      path: 'privacy/verzoeken/:subjectRequestId',
      element: (
        <PermissionGate action="subject_requests.read">
          <SubjectRequestPage />
        </PermissionGate>
      ),
    },
  ],
  navItems: [
    { to: '/privacy/verzoeken', label: 'subjectRequests', group: 'admin', action: 'subject_requests.read' },
  ],
};
