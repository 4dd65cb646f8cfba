import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The my-work module: the start page's to-dos, counted through each module's own list filter. */
export const myWorkPolicies = definePolicies({
  'my_work.read': {
    description: 'Own start page: counts of what waits for the user, with links (no personal data)',
    grants: {
      coordinator: 'self',
      team_member: 'self',
      internal_coordinator: 'self',
      director: 'self',
      teacher: 'self',
      care_coordinator: 'self',
      team_leader: 'self',
      mentor: 'self',
      vso_teacher: 'self',
      functional_admin: 'self',
      privacy_officer: 'self',
    },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof myWorkPolicies> {}
}
