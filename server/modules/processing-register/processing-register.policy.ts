import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The processing-register module: the register of processing activities (AVG art. 30; issue 15, point 5). */
export const processingRegisterPolicies = definePolicies({
  'processing_register.read': {
    description:
      'The processing register: per kind of data its purpose, basis, who sees it and how long it is kept (no personal data)',
    grants: { privacy_officer: 'tenant', coordinator: 'tenant', functional_admin: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof processingRegisterPolicies> {}
}
