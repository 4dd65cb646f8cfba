import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The attendance module: attendance at the expertise point and homework (E3, E4, E7, E8). */
export const attendancePolicies = definePolicies({
  'attendance.manage': {
    pupilData: true,
    description: 'Check pupils in and out of the expertise point and plan their expected times (E3, E7)',
    grants: { vso_teacher: 'own_location', care_coordinator: 'own_location' },
  },
  'homework.manage': {
    pupilData: true,
    description: 'Plan homework and work sessions and check them, where the location offers it (E4, E8)',
    grants: { vso_teacher: 'own_location' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof attendancePolicies> {}
}
