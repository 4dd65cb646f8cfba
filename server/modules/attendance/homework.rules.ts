import type { TrajectoryStatus } from '../../../contracts/trajectories.ts';

export type HomeworkProblem = { path: string; code: string };

/**
 * Why homework cannot be planned for this pupil, or null: only at a location whose expertise point
 * offers homework support (E8), and only for a pupil with an active trajectory there (E4).
 */
export function homeworkRefusal(facts: {
  offersHomeworkSupport: boolean;
  status: TrajectoryStatus;
}): 'homework_not_offered' | 'homework_not_active' | null {
  if (!facts.offersHomeworkSupport) return 'homework_not_offered';
  if (facts.status !== 'active') return 'homework_not_active';
  return null;
}

/** A new assignment or test has a deadline today or later (E4). */
export function findItemProblems(dueOn: string, today: string): HomeworkProblem[] {
  return dueOn < today ? [{ path: 'dueOn', code: 'homework_due_in_past' }] : [];
}

/** A work session is planned on or before the item's deadline (E4). */
export function findSessionProblems(plannedOn: string, dueOn: string): HomeworkProblem[] {
  return plannedOn > dueOn ? [{ path: 'plannedOn', code: 'homework_session_after_deadline' }] : [];
}

/** A session is checked on or after the day it was planned: what was done can only be seen then (E4). */
export function findCheckProblems(plannedOn: string, today: string): HomeworkProblem[] {
  return plannedOn > today ? [{ path: 'result', code: 'homework_check_too_early' }] : [];
}
