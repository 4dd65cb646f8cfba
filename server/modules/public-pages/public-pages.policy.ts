import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The public-pages module: the public team and expertise-point pages (R15, E10). */
export const publicPagesPolicies = definePolicies({
  'public.read': { description: 'Public team page and expertise-point pages (R15, E10)', public: true },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof publicPagesPolicies> {}
}
