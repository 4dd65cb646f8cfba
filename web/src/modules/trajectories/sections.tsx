import type { ComponentType } from 'react';
import type { Action } from '../../../../contracts/actions.ts';
import type { TrajectoryStatus } from '../../../../contracts/trajectories.ts';
import { AttendanceSection } from '../attendance/AttendanceSection.tsx';
import { HomeworkSection } from '../attendance/HomeworkSection.tsx';
import { OppSection } from '../opp/OppSection.tsx';
import { ContactsSection } from '../pupil-records/ContactsSection.tsx';
import { ReferralsSection } from '../pupil-records/ReferralsSection.tsx';

/** What the trajectory page tells each section about the pupil's trajectory. */
export type TrajectorySectionProps = {
  trajectoryId: string;
  locationId: string;
  status: TrajectoryStatus;
  /** Whether the location offers homework support (E8). */
  offersHomeworkSupport: boolean;
};

/** A part of the trajectory page that another module contributes (OPP, attendance, homework, contacts…). */
export type TrajectorySection = {
  /** Also the part's name in the address (`?deel=`), in Dutch like the other paths. */
  id: string;
  /** Shown only to users who hold this permission somewhere. */
  action: Action;
  Component: ComponentType<TrajectorySectionProps>;
};

/** The sections of the trajectory page below its intake, in page order. */
export const trajectorySections: TrajectorySection[] = [
  { id: 'opp', action: 'opp.manage', Component: OppSection },
  { id: 'aanwezigheid', action: 'trajectories.read', Component: AttendanceSection },
  { id: 'huiswerk', action: 'trajectories.read', Component: HomeworkSection },
  { id: 'contacten', action: 'trajectory_contacts.manage', Component: ContactsSection },
  { id: 'zat', action: 'referrals.manage', Component: ReferralsSection },
];
