import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Action } from '../../../contracts/actions.ts';
import type { SectorGroup, SessionState } from '../../../contracts/auth.ts';
import { usePendingRecoveryCodes } from '../modules/auth/pendingRecoveryCodes.ts';
import { ForbiddenPage } from './StatusPages.tsx';
import { hasPermission, useSession } from './session.ts';

type SessionStateName = SessionState['state'];

/** What auth screens pass along while the user goes through the steps. */
export type FlowState = { from?: string; signedOut?: boolean } | null;

/** The screen each state belongs on. */
export function pathForState(state: SessionStateName): string {
  switch (state) {
    case 'anonymous':
      return '/inloggen';
    case 'mfa_enrol':
      return '/mfa-instellen';
    case 'mfa_challenge':
      return '/inloggen/code';
    case 'signed_in':
      return '/';
  }
}

/** Only local paths are followed after sign-in (never another origin). */
function safeLocalPath(path: string | undefined): string | undefined {
  return path?.startsWith('/') && !path.startsWith('//') ? path : undefined;
}

/** The loaded session; the shell renders routes only once it has one. */
export function useLoadedSession(): SessionState {
  const { data } = useSession();
  if (!data) throw new Error('session not loaded');
  return data;
}

function Redirect({ session }: { session: SessionState }) {
  const location = useLocation();
  const flow = location.state as FlowState;
  if (session.state === 'signed_in') return <Navigate to={safeLocalPath(flow?.from) ?? '/'} replace />;
  // Remember where a signed-out user wanted to go, and keep it through the sign-in steps.
  const from =
    session.state === 'anonymous' && !flow?.from && !location.pathname.startsWith('/inloggen')
      ? `${location.pathname}${location.search}`
      : flow?.from;
  return <Navigate to={pathForState(session.state)} replace state={from && from !== '/' ? { from } : null} />;
}

/** Renders the child routes only in the given session states; elsewhere sends the user to their step. */
export function StateGate({ allow }: { allow: SessionStateName[] }) {
  const session = useLoadedSession();
  return allow.includes(session.state) ? <Outlet /> : <Redirect session={session} />;
}

/** The enrol screen stays while it shows the new recovery codes, though the session is complete then. */
export function EnrolGate({ children }: { children: ReactNode }) {
  const session = useLoadedSession();
  const pending = usePendingRecoveryCodes();
  return session.state === 'mfa_enrol' || pending ? children : <Redirect session={session} />;
}

/**
 * Shows a "no access" page when the user lacks the action (the server checks again), or, with a
 * sector, when none of the user's work lies in that sector (a primary teacher and the signal form).
 */
export function PermissionGate({
  action,
  sector,
  children,
}: {
  action: Action;
  sector?: SectorGroup;
  children: ReactNode;
}) {
  const session = useLoadedSession();
  const inSector = !sector || (session.state === 'signed_in' && session.reach.sectors.includes(sector));
  return hasPermission(session, action) && inSector ? children : <ForbiddenPage />;
}
