import { type ActionsOf, definePolicies, managers, schoolRoles } from '../../platform/access/policies.ts';

/** The expertise-points module: the expertise points of secondary locations (E1, E8). */
export const expertisePointsPolicies = definePolicies({
  'expertise_points.read': {
    description: 'Expertise points of secondary locations (E1)',
    grants: { ...managers, ...schoolRoles },
  },
  'expertise_points.manage': {
    description: 'Room, opening hours and offer of expertise points (E8)',
    grants: managers,
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof expertisePointsPolicies> {}
}
