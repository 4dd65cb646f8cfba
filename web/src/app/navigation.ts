import type { SessionState } from '../../../contracts/auth.ts';
import { type ModuleNavItem, type NavGroup, type NavLabel, navGroups } from './modules.ts';
import { hasPermission } from './session.ts';

type SignedIn = Extract<SessionState, { state: 'signed_in' }>;

/** A link of the menu as the shell draws it. */
export type NavLink = { to: string; label: NavLabel };

/** A top-level menu entry: a link, or a group of two or more links. */
export type NavEntry = ({ kind: 'link' } & NavLink) | { kind: 'group'; group: NavGroup; links: NavLink[] };

/** The platform's own entries (accounts and mail), before the modules' in their group. */
export function platformNavItems(session: SignedIn): ModuleNavItem[] {
  return [
    { to: '/beheer/gebruikers', label: 'users', group: 'admin', action: 'users.read' },
    {
      to: '/beheer/postvak',
      label: session.outboxEnabled ? 'outbox' : 'outgoingMail',
      group: 'admin',
      action: 'outbox.read',
    },
  ];
}

/** Whether the menu offers the item to this user (see `ModuleNavItem`). */
export function isOffered(session: SignedIn, item: ModuleNavItem): boolean {
  if (!hasPermission(session, item.action)) return false;
  if (!item.sector || session.reach.sectors.includes(item.sector)) return true;
  return item.orHas !== undefined && session.reach.has.includes(item.orHas);
}

/**
 * The main menu of a user, between "Mijn werk" and "Mijn account": the offered items by group, in
 * group order; a group with one item for this user shows as that item.
 */
export function navigationFor(session: SignedIn, moduleItems: readonly ModuleNavItem[]): NavEntry[] {
  const offered = [...platformNavItems(session), ...moduleItems].filter((item) => isOffered(session, item));
  return navGroups.flatMap((group): NavEntry[] => {
    const links = offered.filter((item) => item.group === group).map(({ to, label }) => ({ to, label }));
    if (links.length === 0) return [];
    const [only] = links;
    if (links.length === 1 && only) return [{ kind: 'link', ...only }];
    return [{ kind: 'group', group, links }];
  });
}

/** Whether a menu link leads to the page shown now or one beneath it (as the router's NavLink judges). */
export function isCurrent(to: string, pathname: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}
