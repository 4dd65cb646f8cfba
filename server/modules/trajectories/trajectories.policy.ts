import type { Role } from '../../../contracts/roles.ts';
import { type ActionsOf, definePolicies, type Scope } from '../../platform/access/policies.ts';

// Who reads a pupil's expertise-point file (P1): the location's care coordinators and team leaders, its
// VSO teachers, and the pupil's own mentor ('self' is the trajectory's mentor). The OPP and the
// pupil-records modules grant their pupil file by the same rows.
export const pupilFileReaders = {
  care_coordinator: 'own_location',
  team_leader: 'own_location',
  vso_teacher: 'own_location',
  mentor: 'self',
} as const satisfies Partial<Record<Role, Scope>>;

/** The trajectories module: a pupil's trajectory at the expertise point (E2, E9, E11). */
export const trajectoriesPolicies = definePolicies({
  // Expertise points (issue 7, P1): the pupil file by need to know.
  'trajectories.signal': {
    description: 'Record a concern about a pupil of the own location, or that the parents raised one (E9)',
    grants: {
      teacher: 'own_location',
      mentor: 'own_location',
      team_leader: 'own_location',
      care_coordinator: 'own_location',
      vso_teacher: 'own_location',
    },
  },
  'trajectories.own_signals': {
    pupilData: true,
    description: 'A teacher or mentor reads the signals they recorded themselves (P1)',
    grants: { teacher: 'self', mentor: 'self' },
  },
  'trajectories.read': {
    pupilData: true,
    description:
      "Read a pupil's trajectory: the location's, the expertise point's, or the own mentor pupil's (P1)",
    grants: pupilFileReaders,
  },
  'trajectories.intake': {
    description: "Record the signal's discussion and the mentor's contacts with the parents (E9)",
    grants: { mentor: 'self', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'trajectories.decide': {
    description: 'Decide whether the pupil qualifies for the expertise point, with reasons (E2, E9)',
    grants: { team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'trajectories.end': {
    description: 'End a trajectory with its reason and outcome (E11)',
    grants: { team_leader: 'own_location', care_coordinator: 'own_location' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof trajectoriesPolicies> {}
}
