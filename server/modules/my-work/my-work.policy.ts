import { type ActionsOf, definePolicies, everyoneSelf } from '../../platform/access/policies.ts';

/** The my-work module: the start page's to-dos, counted through each module's own list filter. */
export const myWorkPolicies = definePolicies({
  'my_work.read': {
    description: 'Own start page: counts of what waits for the user, with links (no personal data)',
    grants: everyoneSelf,
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof myWorkPolicies> {}
}
