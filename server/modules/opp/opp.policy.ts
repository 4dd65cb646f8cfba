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
  'opp.link_respond': {
    description:
      "Through their secure link, the parents (or the pupil from 18) answer on the OPP's action part (E12), or the pupil adds their own view",
    public: true,
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof oppPolicies> {}
}
