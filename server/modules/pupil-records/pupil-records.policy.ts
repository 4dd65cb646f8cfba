import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';
import { pupilFileReaders } from '../trajectories/trajectories.policy.ts';

/** The pupil-records module: contacts, referrals, teacher support and the overview (E5–E7). */
export const pupilRecordsPolicies = definePolicies({
  'trajectory_contacts.manage': {
    pupilData: true,
    description: 'Log contacts about the pupil with parents and school staff, with follow-up (E5)',
    grants: pupilFileReaders,
  },
  'referrals.manage': {
    pupilData: true,
    description: 'Record a referral to outside help with the ZAT, consent and outcome (E7)',
    grants: { vso_teacher: 'own_location', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'teacher_support.read': {
    description: "The expertise point's support of teachers and the signals per month (E6)",
    grants: { vso_teacher: 'own_location', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'teacher_support.manage': {
    description: 'Record training, support in class and tips for teachers (E6)',
    grants: { vso_teacher: 'own_location' },
  },
  'expertise_point.overview': {
    description: 'Per location: active pupils, attendance, OPP evaluations due, contacts, referrals',
    grants: { vso_teacher: 'own_location', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof pupilRecordsPolicies> {}
}
