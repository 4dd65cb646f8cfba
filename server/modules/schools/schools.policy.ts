import { type ActionsOf, definePolicies, managers, schoolRoles } from '../../platform/access/policies.ts';

/** The schools module: locations, their boards and pupil counts, and their import. */
export const schoolsPolicies = definePolicies({
  'locations.read': {
    description: 'School locations, their boards and pupil counts',
    // The privacy officer reads the organisation (no pupil data) to search the audit trail by school.
    grants: { ...managers, team_member: 'assigned_schools', ...schoolRoles, privacy_officer: 'tenant' },
  },
  'locations.manage': { description: 'Create and edit locations, boards, pupil counts', grants: managers },
  'locations.import': { description: 'Import locations and pupil counts from CSV', grants: managers },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof schoolsPolicies> {}
}
