import type { RouteObject } from 'react-router';
import type { Action } from '../../../contracts/actions.ts';
import type { SectorGroup, WorkKind } from '../../../contracts/auth.ts';
import type nl from '../i18n/nl.json';

/** The groups of the main menu, in menu order (after "Mijn werk"). */
export const navGroups = ['work', 'organisation', 'hours', 'reports', 'admin'] as const;
export type NavGroup = (typeof navGroups)[number];

/** A menu label: a key under `nav` of the common catalogue (the menu shows before any module loads). */
export type NavLabel = Exclude<keyof typeof nl.nav, 'label'>;

/**
 * A menu entry. Shown only when the user holds its action, and — when it names a sector — only to
 * someone whose reach includes that sector, or who has work of the kind `orHas` names (a secondary
 * school that does have support requests). So the menu leads to no screen that is empty by design.
 */
export type ModuleNavItem = {
  to: string;
  label: NavLabel;
  group: NavGroup;
  action: Action;
  sector?: SectorGroup;
  orHas?: WorkKind;
};

/** What a domain module adds to the web app: signed-in screens, public screens, navigation. */
export type WebModule = {
  signedInRoutes?: RouteObject[];
  publicRoutes?: RouteObject[];
  navItems?: ModuleNavItem[];
};
