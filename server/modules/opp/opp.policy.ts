import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';
import { pupilFileReaders } from '../trajectories/trajectories.policy.ts';

/** The opp module: the development perspective plan (OPP) and its parent link (E9). */
export const oppPolicies = definePolicies({
  'opp.manage': {
    pupilData: true,
    description: 'Draw up, discuss, adopt and evaluate the OPP; share it with the parents (E9)',
    grants: pupilFileReaders,
  },
  'opp.parent_read': {
    description: 'A parent reads the adopted OPP through their secure link',
    public: true,
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof oppPolicies> {}
}
