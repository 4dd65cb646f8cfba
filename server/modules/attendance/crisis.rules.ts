/**
 * Crisis care without a trajectory (E7: daily care during school hours, a safe quiet place): any pupil
 * of the school can be taken in at the expertise point with name and class only; the visit can later
 * become a signal (E9) and is then linked to the new trajectory.
 */

/** A name or class as the VSO teacher typed it, compared without case and surrounding spaces. */
function normalised(value: string | null): string {
  return (value ?? '').trim().toLocaleLowerCase('nl');
}

/** Whether an open crisis visit is of the same pupil: the same first name, last name and class (E7). */
export function isSamePupil(
  visit: { firstName: string | null; lastName: string | null; className: string | null },
  pupil: { firstName: string; lastName: string; className: string },
): boolean {
  return (
    normalised(visit.firstName) === normalised(pupil.firstName) &&
    normalised(visit.lastName) === normalised(pupil.lastName) &&
    normalised(visit.className) === normalised(pupil.className)
  );
}

/**
 * Why a crisis visit cannot become a signal, or null (E7, E9): it became one already (linked to a
 * trajectory), or its retention period cleared the pupil's name (P4). Only a crisis visit without a
 * trajectory can.
 */
export function crisisSignalRefusal(visit: {
  trajectoryId: string | null;
  pupilLastName: string | null;
}): 'crisis_already_signalled' | 'crisis_visit_anonymised' | null {
  if (visit.trajectoryId) return 'crisis_already_signalled';
  if (visit.pupilLastName === null) return 'crisis_visit_anonymised';
  return null;
}
