import type { ReactNode } from 'react';
import { Link, NavLink, type To } from 'react-router';

type RouterLinkProps = {
  to: To;
  children: ReactNode;
  className?: string;
  state?: unknown;
  /** Marks the link to the part of the page being shown (tabs as links). */
  current?: boolean;
};

/** An in-app link with the Utrecht link look. */
export function RouterLink({ to, children, className, state, current }: RouterLinkProps) {
  return (
    <Link
      to={to}
      state={state}
      aria-current={current ? 'page' : undefined}
      className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')}
    >
      {children}
    </Link>
  );
}

/** A navigation item: Utrecht nav-list markup, `aria-current="page"` from the router. */
export function NavItem({ to, children, end = false }: { to: string; children: ReactNode; end?: boolean }) {
  return (
    <li className="utrecht-nav-list__item">
      <NavLink to={to} end={end} className="utrecht-link utrecht-link--html-a utrecht-nav-list__link">
        {children}
      </NavLink>
    </li>
  );
}
