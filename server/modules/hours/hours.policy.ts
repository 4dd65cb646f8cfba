import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The hours module: the allocation key (R14), time registration and budgets. */
export const hoursPolicies = definePolicies({
  'allocations.manage': {
    description: 'The allocation key of hours over schools and its inputs (R14)',
    grants: { coordinator: 'tenant' },
  },
  'time.register': {
    description: 'Log hours (own; the staff office for anyone) and read them',
    grants: { team_member: 'self', coordinator: 'tenant' },
  },
  'budgets.read': {
    description: "Schools' allocated, used and remaining hours with their trend and explanation",
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'budgets.read_members': {
    description: 'Hours booked by team members against their contracted hours',
    grants: { coordinator: 'tenant', team_member: 'self' },
  },
  'time.close_periods': {
    description: 'Close a month so its time entries no longer change',
    grants: { coordinator: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof hoursPolicies> {}
}
