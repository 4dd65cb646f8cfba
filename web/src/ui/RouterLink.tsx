import type { MouseEventHandler, ReactNode } from 'react';
import { Link, type To } from 'react-router';

type RouterLinkProps = {
  to: To;
  children: ReactNode;
  className?: string;
  state?: unknown;
  /** Marks the link to the part of the page being shown (tabs as links). */
  current?: boolean;
  onClick?: MouseEventHandler<HTMLAnchorElement>;
};

/** An in-app link with the Utrecht link look. */
export function RouterLink({ to, children, className, state, current, onClick }: RouterLinkProps) {
  return (
    <Link
      to={to}
      state={state}
      onClick={onClick}
      aria-current={current ? 'page' : undefined}
      className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')}
    >
      {children}
    </Link>
  );
}
