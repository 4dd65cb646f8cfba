import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/**
 * The BRON export of the OPP's dates (E14): pupil data of a whole location at once, so its own row. The
 * location's care coordinators and team leaders: they read these pupils' files already (P1) and decide
 * on the extra support; the registration in BRON is the school's job, which they hand to their
 * administration. Not the mentor (own pupils only), the VSO teacher (does the support, not the
 * registration), the director (does not read the pupil files) or the partnership's staff office (BRON
 * is the school's registration, not the partnership's).
 */
export const bronExportPolicies = definePolicies({
  'opp.bron_export': {
    pupilData: true,
    description: "Download a location's OPP start and end dates to register in BRON (E14)",
    grants: { care_coordinator: 'own_location', team_leader: 'own_location' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof bronExportPolicies> {}
}
