import { PermissionGate } from '../../app/gates.tsx';
import type { WebModule } from '../../app/modules.ts';
import { NewSubjectRequestPage } from './NewSubjectRequestPage.tsx';
import { SubjectRequestPage } from './SubjectRequestPage.tsx';
import { SubjectRequestsPage } from './SubjectRequestsPage.tsx';

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
