import { type ActionsOf, definePolicies, managers, schoolRoles } from '../../platform/access/policies.ts';

/** The team module: team members, their profiles and the fixed pairs of schools (R5). */
export const teamPolicies = definePolicies({
  'team.read': {
    description: 'Team members with expertise, hours and absences',
    grants: { ...managers, team_member: 'self' },
  },
  'team.manage': { description: 'Team member profiles, expertise tags, hours, absences', grants: managers },
  'team.deactivate': {
    description: 'End or reopen the account of someone who is only a team member (P7)',
    grants: managers,
  },
  'team.public_profile': {
    description: 'Choose what the public team page shows of a member',
    grants: { ...managers, team_member: 'self' },
  },
  'pairs.read': {
    description: 'The two fixed team members of schools (R5) and their history',
    grants: { ...managers, team_member: 'assigned_schools', ...schoolRoles },
  },
  'pairs.manage': { description: 'Assign and change the fixed pair of schools (R5)', grants: managers },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof teamPolicies> {}
}
