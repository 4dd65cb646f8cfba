import { PermissionGate } from '../../app/gates.tsx';
import { lazyPage } from '../../app/lazy.tsx';
import type { WebModule } from '../../app/modules.ts';

// Each screen loads when first shown, with the catalogues it speaks from (see app/lazy.tsx).
const namespaces = ['trajectories', 'attendance', 'opp', 'pupilRecords'] as const;
const SignalFormPage = lazyPage(() => import('./SignalFormPage.tsx'), 'SignalFormPage', namespaces);
const TrajectoriesPage = lazyPage(() => import('./TrajectoriesPage.tsx'), 'TrajectoriesPage', namespaces);
const TrajectoryPage = lazyPage(() => import('./TrajectoryPage.tsx'), 'TrajectoryPage', namespaces);

/** Expertise points (issue 7): signals, the intake and eligibility (E2, E9), the pupil's file, the end (E11). */
export const webModule: WebModule = {
  signedInRoutes: [
    {
      path: 'trajecten',
      element: (
        <PermissionGate action="trajectories.read">
          <TrajectoriesPage />
        </PermissionGate>
      ),
    },
    {
      path: 'trajecten/:trajectoryId',
      element: (
        <PermissionGate action="trajectories.read">
          <TrajectoryPage />
        </PermissionGate>
      ),
    },
    {
      path: 'signalen',
      element: (
        <PermissionGate action="trajectories.own_signals">
          <TrajectoriesPage ownSignals />
        </PermissionGate>
      ),
    },
    {
      path: 'signalen/nieuw',
      element: (
        // The signal form serves the expertise points of secondary schools (E9, Y3): a primary
        // teacher is not offered it, and the server refuses a primary location (422).
        <PermissionGate action="trajectories.signal" sector="secondary">
          <SignalFormPage />
        </PermissionGate>
      ),
    },
    {
      path: 'signalen/:trajectoryId',
      element: (
        <PermissionGate action="trajectories.own_signals">
          <TrajectoryPage ownSignal />
        </PermissionGate>
      ),
    },
  ],
  // Trajectories and signals belong to the expertise points of secondary schools (E9).
  navItems: [
    {
      to: '/trajecten',
      label: 'trajectories',
      group: 'work',
      action: 'trajectories.read',
      sector: 'secondary',
    },
    {
      to: '/signalen',
      label: 'ownSignals',
      group: 'work',
      action: 'trajectories.own_signals',
      sector: 'secondary',
    },
  ],
};
