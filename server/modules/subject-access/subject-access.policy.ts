import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/**
 * The register of data-subject requests (P5, issue 15): the privacy officer and the staff office find
 * a pupil across the files, record a request, decide it, export what is held and delete on request.
 */
export const subjectAccessPolicies = definePolicies({
  'subject_requests.read': {
    description:
      'Read the register of data-subject requests: who asked what about which pupil, and the decision',
    pupilData: true,
    grants: { privacy_officer: 'tenant', coordinator: 'tenant' },
  },
  'subject_requests.manage': {
    description:
      'Find a pupil across the files, record and decide a data-subject request, and delete the files on request',
    pupilData: true,
    grants: { privacy_officer: 'tenant', coordinator: 'tenant' },
  },
  'subject_requests.export': {
    description: 'Export everything held about the pupil of an access request, with who read it when (P5)',
    pupilData: true,
    grants: { privacy_officer: 'tenant', coordinator: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof subjectAccessPolicies> {}
}
