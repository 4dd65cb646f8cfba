import { Button } from '@utrecht/component-library-react';
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import type { NavGroup } from './modules.ts';
import { isCurrent, type NavEntry, type NavLink, navigationFor } from './navigation.ts';
import { webModules } from './registry.ts';
import type { SignedInSession } from './session.ts';

/** Below this width the header shows a "Menu" button instead of the navigation row. */
export const narrowScreen = '(max-width: 39.99em)';

function subscribeToNarrow(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(narrowScreen);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the screen is phone-sized (`narrowScreen`); false where media queries are unknown. */
export function useIsNarrow(): boolean {
  return useSyncExternalStore(
    subscribeToNarrow,
    () => typeof window.matchMedia === 'function' && window.matchMedia(narrowScreen).matches,
    () => false,
  );
}

/** The menu entries of the signed-in user (see `navigationFor`). */
export function useNavigation(session: SignedInSession): NavEntry[] {
  return navigationFor(
    session,
    webModules.flatMap((module) => module.navItems ?? []),
  );
}

function MenuLink({ link, end = false }: { link: NavLink; end?: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="passend-nav__item">
      <RouterNavLink to={link.to} end={end} className="utrecht-link utrecht-link--html-a passend-nav__link">
        {t(`nav.${link.label}`)}
      </RouterNavLink>
    </li>
  );
}

const homeLink: NavLink = { to: '/', label: 'home' };

/** Runs `onOutside` when the pointer goes down or focus moves outside the element. */
function useOutside(ref: RefObject<HTMLElement | null>, active: boolean, onOutside: () => void): void {
  const latest = useRef(onOutside);
  latest.current = onOutside;
  useEffect(() => {
    if (!active) return;
    const handle = (event: Event) => {
      const target = event.target as Node | null;
      if (target && !ref.current?.contains(target)) latest.current();
    };
    document.addEventListener('pointerdown', handle);
    document.addEventListener('focusin', handle);
    return () => {
      document.removeEventListener('pointerdown', handle);
      document.removeEventListener('focusin', handle);
    };
  }, [ref, active]);
}

function GroupDisclosure({
  group,
  links,
  open,
  onToggle,
}: {
  group: NavGroup;
  links: NavLink[];
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const panelId = useId();
  const current = links.some((link) => isCurrent(link.to, pathname));
  return (
    <li className="passend-nav__item passend-nav__group">
      <button
        type="button"
        className="passend-nav__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        // The group holds the page shown now: "true", as the page itself is the link inside.
        aria-current={current ? 'true' : undefined}
        data-group={group}
        onClick={onToggle}
      >
        {t(`navMenu.groups.${group}`)}
      </button>
      <ul id={panelId} className="passend-nav__panel" hidden={!open}>
        {links.map((link) => (
          <MenuLink key={link.to} link={link} />
        ))}
      </ul>
    </li>
  );
}

/**
 * The navigation row of a wide screen: "Mijn werk", then each group as a disclosure (a button with
 * `aria-expanded` that shows its links; Escape closes it and returns focus, as does a click or focus
 * outside), a group of one as its link.
 */
export function WideNavigation({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  const entries = useNavigation(session);
  const { pathname } = useLocation();
  const [openGroup, setOpenGroup] = useState<NavGroup | null>(null);
  const navRef = useRef<HTMLElement>(null);
  useOutside(navRef, openGroup !== null, () => setOpenGroup(null));
  // Following a link closes the group it was in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page.
  useEffect(() => setOpenGroup(null), [pathname]);

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || openGroup === null) return;
    event.preventDefault();
    navRef.current?.querySelector<HTMLButtonElement>(`button[data-group="${openGroup}"]`)?.focus();
    setOpenGroup(null);
  };

  return (
    <nav ref={navRef} className="passend-nav" aria-label={t('nav.label')} onKeyDown={closeOnEscape}>
      <div className="passend-container">
        <ul className="passend-nav__list">
          <MenuLink link={homeLink} end />
          {entries.map((entry) =>
            entry.kind === 'link' ? (
              <MenuLink key={entry.to} link={entry} />
            ) : (
              <GroupDisclosure
                key={entry.group}
                group={entry.group}
                links={entry.links}
                open={openGroup === entry.group}
                onToggle={() => setOpenGroup(openGroup === entry.group ? null : entry.group)}
              />
            ),
          )}
        </ul>
      </div>
    </nav>
  );
}

/** The whole navigation as one list, groups as labelled sub-lists: the phone menu's content. */
function NavigationList({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  const entries = useNavigation(session);
  const idPrefix = useId();
  return (
    <nav className="passend-menu__nav" aria-label={t('nav.label')}>
      <ul className="passend-menu__list">
        <MenuLink link={homeLink} end />
        {entries.map((entry) =>
          entry.kind === 'link' ? (
            <MenuLink key={entry.to} link={entry} />
          ) : (
            <li key={entry.group} className="passend-menu__group">
              <span className="passend-menu__group-label" id={`${idPrefix}-${entry.group}`}>
                {t(`navMenu.groups.${entry.group}`)}
              </span>
              <ul aria-labelledby={`${idPrefix}-${entry.group}`}>
                {entry.links.map((link) => (
                  <MenuLink key={link.to} link={link} />
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/**
 * The phone header's "Menu" button and the panel it opens: the whole navigation, then the account
 * tools. The button keeps focus when it opens the panel (the disclosure pattern: the panel follows it
 * in reading order); Escape closes it and returns focus to the button; following a link closes it.
 */
export function PhoneMenu({ session, accountTools }: { session: SignedInSession; accountTools: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page.
  useEffect(() => setOpen(false), [pathname]);

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the menu closes it.
    <div className="passend-menu" onKeyDown={closeOnEscape}>
      <Button
        ref={buttonRef}
        type="button"
        appearance="secondary-action-button"
        className="passend-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {t('navMenu.menu')}
      </Button>
      <div id={panelId} className="passend-menu__panel" hidden={!open}>
        <NavigationList session={session} />
        <div className="passend-menu__account">{accountTools}</div>
      </div>
    </div>
  );
}
