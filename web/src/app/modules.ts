import type { RouteObject } from 'react-router';

/** A navigation entry a domain module contributes; shown only with the permission it names. */
export type ModuleNavItem = {
  to: string;
  /** Message key in the module's own namespace. */
  labelKey: string;
  namespace:
    | 'schools'
    | 'team'
    | 'expertisePoints'
    | 'publicPages'
    | 'requests'
    | 'hours'
    | 'meetings'
    | 'trajectories'
    | 'opp'
    | 'attendance'
    | 'pupilRecords'
    | 'privacy'
    | 'retention'
    | 'subjectAccess';
  action: string;
};

/** What a domain module adds to the web app: signed-in screens, public screens, navigation. */
export type WebModule = {
  signedInRoutes?: RouteObject[];
  publicRoutes?: RouteObject[];
  navItems?: ModuleNavItem[];
};
