import {
  extraHomeworkSessionKinds,
  type HomeworkSessionKind,
  type TrajectoryStatus,
} from '../../../contracts/trajectories.ts';

export type HomeworkProblem = { path: string; code: string };

/**
 * Why homework cannot be planned for this pupil, or null: every expertise point helps a pupil with an
 * active trajectory plan and do homework and assignments and checks it (E4), whatever the location's
 * extras (E8).
 */
export function homeworkRefusal(facts: { status: TrajectoryStatus }): 'homework_not_active' | null {
  return facts.status === 'active' ? null : 'homework_not_active';
}

/** Whether a kind of session is one of the extras only some locations offer (E8). */
export function isExtraSessionKind(kind: HomeworkSessionKind): boolean {
  return extraHomeworkSessionKinds.includes(kind);
}

/**
 * Why a kind of session cannot be planned here, or null: a work session everywhere (E4); help with
 * structuring and planning the homework, and homework support, only where the location offers them (E8).
 */
export function sessionKindRefusal(facts: {
  kind: HomeworkSessionKind;
  offersHomeworkSupport: boolean;
}): 'homework_support_not_offered' | null {
  return isExtraSessionKind(facts.kind) && !facts.offersHomeworkSupport
    ? 'homework_support_not_offered'
    : null;
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
