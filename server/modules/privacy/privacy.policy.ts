import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The privacy module: the audit trail for the privacy officer (P2, issue 15). */
export const privacyPolicies = definePolicies({
  'audit.search': {
    description: 'Search and export the audit trail: who did what to which record when, never its content',
    grants: { privacy_officer: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof privacyPolicies> {}
}
