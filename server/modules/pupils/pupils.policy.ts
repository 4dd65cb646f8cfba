import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

// Need to know (P1, Y1): the register serves the school staff who file support requests (IB, director)
// and who handle the expertise point's intake (care coordinator, team leader), each at their own
// location; a mentor sees the pupils they mentor this year. Teachers and VSO teachers reach a pupil
// through their own signal or trajectory, not the whole register; the staff office, the team, the
// board and other schools never see it (the team sees the pupil on the request it works on).

/** The pupils module: the pupil register per school location (Y1). */
export const pupilsPolicies = definePolicies({
  'pupils.read': {
    pupilData: true,
    description: "Read the school's pupil register: list, search, a pupil's entry (Y1)",
    grants: {
      internal_coordinator: 'own_location',
      director: 'own_location',
      care_coordinator: 'own_location',
      team_leader: 'own_location',
      mentor: 'self',
    },
  },
  'pupils.manage': {
    description: "Add a pupil to the school's register and keep their entry up to date (Y1)",
    grants: {
      internal_coordinator: 'own_location',
      director: 'own_location',
      care_coordinator: 'own_location',
      team_leader: 'own_location',
    },
  },
  // The register's keeper merges duplicates: the IB (primary) and the care coordinator (secondary), who
  // coordinate pupil care and know the pupils; a director or team leader asks them.
  'pupils.merge': {
    description:
      'Merge a duplicate pupil into another of the same school, with everything that names them (Y1)',
    grants: { internal_coordinator: 'own_location', care_coordinator: 'own_location' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof pupilsPolicies> {}
}
