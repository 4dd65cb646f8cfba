import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The users module: the partnership's accounts, their roles and their end (P7). */
export const usersPolicies = definePolicies({
  'users.read': { description: 'List the users of the partnership', grants: { functional_admin: 'tenant' } },
  'users.invite': { description: 'Invite a user with roles', grants: { functional_admin: 'tenant' } },
  'users.manage': {
    description: "Change a user's roles and locations",
    grants: { functional_admin: 'tenant' },
  },
  'users.deactivate': {
    description: 'End an account at once, or reopen it (P7)',
    grants: { functional_admin: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof usersPolicies> {}
}
