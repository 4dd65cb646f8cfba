import { and, eq, isNull } from 'drizzle-orm';
import type { CrisisCheckInInput, CrisisSignalInput, CrisisVisit } from '../../../contracts/attendance.ts';
import type { TrajectoryDetail } from '../../../contracts/trajectories.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { canHaveExpertisePoint } from '../expertise-points/expertise-points.rules.ts';
import { locationTarget } from '../schools/locations.service.ts';
import { attendanceVisits } from '../trajectories/trajectories.schema.ts';
import { signal } from '../trajectories/trajectories.service.ts';
import { checkInMoment } from './attendance.rules.ts';
import { visitTarget } from './attendance.service.ts';
import { crisisSignalRefusal, isSamePupil } from './crisis.rules.ts';
import { crisisVisitView } from './crisis-visits.ts';

// Crisis care without a trajectory (E7): any pupil of the school can be taken in at the expertise point
// with name and class only, as a crisis visit of the point; later it can become a signal (E9), which
// starts a trajectory with the pupil's name and class and links the visit to it. The name and class are
// pupil data: every read and write is audited (P2) and the retention job clears them (P4).

/**
 * Takes a pupil without a trajectory in for crisis care at the VSO teacher's expertise point (E7):
 * name and class only, now or at a time earlier today. The same pupil cannot be in twice at once.
 */
export async function crisisCheckIn(
  context: UseCaseContext,
  input: CrisisCheckInInput,
): Promise<CrisisVisit> {
  const { db, actor } = context;
  // Out of reach, the location is refused on its field like an unknown one.
  await context.requireVisible(
    { kind: 'location', action: 'attendance.manage' },
    { locationId: input.locationId },
  );
  const location = await context.load(locationTarget, input.locationId, {
    lock: true,
    action: 'attendance.manage',
  });
  if (!canHaveExpertisePoint(location.sector))
    throw new RuleViolation('not_secondary', 422, [{ path: 'locationId', code: 'not_secondary' }]);
  const now = context.clock.now();
  const moment = checkInMoment(now, input.time);
  if (moment.problem) throw new ValidationFailed([moment.problem]);
  // The location's row lock orders two check-ins of the same pupil at once.
  const open = await db
    .select({
      firstName: attendanceVisits.pupilFirstName,
      lastName: attendanceVisits.pupilLastName,
      className: attendanceVisits.pupilClass,
    })
    .from(attendanceVisits)
    .where(
      and(
        eq(attendanceVisits.locationId, location.id),
        isNull(attendanceVisits.trajectoryId),
        isNull(attendanceVisits.checkedOutAt),
      ),
    );
  if (open.some((visit) => isSamePupil(visit, input)))
    throw new RuleViolation('conflict', 409, [{ path: 'lastName', code: 'attendance_already_present' }]);
  const [visit] = await db
    .insert(attendanceVisits)
    .values({
      tenantId: actor.tenantId,
      trajectoryId: null,
      locationId: location.id,
      reason: 'crisis',
      checkedInAt: moment.at,
      note: input.note || null,
      checkedInByUserId: actor.userId,
      pupilFirstName: input.firstName,
      pupilLastName: input.lastName,
      pupilClass: input.className,
    })
    .returning();
  if (!visit) throw new NotFound();
  await context.audit(
    'attendance.crisis_checked_in',
    { type: 'attendance_visit', id: visit.id },
    { late: input.time !== null },
  );
  return crisisVisitView(visit, now);
}

/**
 * Turns a crisis visit into a signal (E7, E9): a trajectory starts at the visit's location with the
 * pupil's name and class from the visit, and the visit is linked to it (its own copy of the name goes).
 * A visit that became a signal already is refused with 409.
 */
export async function signalFromCrisisVisit(
  context: UseCaseContext,
  visitId: string,
  input: CrisisSignalInput,
): Promise<TrajectoryDetail> {
  const { db } = context;
  // The lock orders two conversions at once: the second sees the first one's trajectory.
  const { visit } = await context.load(visitTarget, visitId, { lock: true });
  const refused = crisisSignalRefusal(visit);
  if (refused) throw new RuleViolation('conflict', 409, [{ path: 'visitId', code: refused }]);
  const trajectory = await signal(context, {
    ...input,
    locationId: visit.locationId,
    pupilFirstName: visit.pupilFirstName ?? '',
    pupilLastName: visit.pupilLastName ?? '',
    pupilClass: visit.pupilClass ?? '',
  });
  await db
    .update(attendanceVisits)
    .set({
      trajectoryId: trajectory.id,
      pupilFirstName: null,
      pupilLastName: null,
      pupilClass: null,
      signalledAt: context.clock.now(),
      signalledByUserId: context.actor.userId,
    })
    .where(eq(attendanceVisits.id, visit.id));
  await context.audit(
    'attendance.crisis_signalled',
    { type: 'attendance_visit', id: visit.id },
    { trajectoryId: trajectory.id },
  );
  return trajectory;
}
