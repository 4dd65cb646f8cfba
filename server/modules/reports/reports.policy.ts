import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The reports module: the year's figures (S1, P9), the annual report (S2) and demand against capacity (S4). */
export const reportsPolicies = definePolicies({
  'reports.read': {
    description:
      "The year's figures of the schools in reach, with last year and a table download (S1; P9 outside the staff office)",
    grants: {
      coordinator: 'tenant',
      internal_coordinator: 'own_location',
      director: 'own_location',
      care_coordinator: 'own_location',
      team_leader: 'own_location',
      board: 'own_board',
    },
  },
  'reports.annual_report': {
    description: "The annual report: the staff office's texts per section, and the PDF and spreadsheet (S2)",
    grants: { coordinator: 'tenant' },
  },
  'reports.capacity': {
    description: "Expected demand from the planning talks against the team's capacity per expertise (S4)",
    grants: { coordinator: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof reportsPolicies> {}
}
