import type {
  DeletionCheck,
  SubjectRequestKind,
  SubjectRequestStatus,
} from '../../../contracts/subject-access.ts';
import { addMonths } from '../retention/retention.rules.ts';

/**
 * P5: a data-subject request is answered within one calendar month of its receipt (AVG art. 12(3)). A
 * day the next month lacks becomes its last day: a request of 31 January is due on 28 (or 29) February.
 */
export function deadlineOf(receivedOn: string): string {
  return addMonths(receivedOn, 1);
}

/** Whether a request is still to be decided. */
export function isOpen(status: SubjectRequestStatus): boolean {
  return status === 'received' || status === 'in_progress';
}

/** P5: a request not decided by its deadline is overdue from the day after it. */
export function isOverdue(status: SubjectRequestStatus, deadlineOn: string, today: string): boolean {
  return isOpen(status) && today > deadlineOn;
}

/** The steps a handler may take: take it in hand, then decide; a decided request stays decided. */
const transitions: Record<SubjectRequestStatus, readonly SubjectRequestStatus[]> = {
  received: ['in_progress', 'done', 'refused'],
  in_progress: ['done', 'refused'],
  done: [],
  refused: [],
};

/**
 * Why a step on a request is refused, as a message code, or null when it may be taken. A decision
 * (done or refused) needs its text; a deletion is done only by deleting (`eraseRefusal`), never by a
 * decision alone.
 */
export function decisionRefusal(
  kind: SubjectRequestKind,
  from: SubjectRequestStatus,
  to: SubjectRequestStatus,
  decision: string | undefined,
): { code: string; field?: string } | null {
  if (!transitions[from].includes(to)) return { code: 'subject_request_not_open' };
  if (kind === 'deletion' && to === 'done') return { code: 'subject_deletion_by_erase', field: 'status' };
  if ((to === 'done' || to === 'refused') && !decision?.trim())
    return { code: 'subject_decision_required', field: 'decision' };
  return null;
}

/**
 * P4/P5: what keeps a pupil's files although a deletion was asked — the law requires keeping while a
 * legal hold is in force, a support request is still open (not closed or refused), or a trajectory has
 * not ended. Empty when the files may go.
 */
export function deletionBlockers(found: {
  isHeld: boolean;
  openRequests: number;
  openTrajectories: number;
}): DeletionCheck['blockers'] {
  const blockers: DeletionCheck['blockers'] = [];
  if (found.isHeld) blockers.push('legal_hold');
  if (found.openRequests > 0) blockers.push('open_request');
  if (found.openTrajectories > 0) blockers.push('open_trajectory');
  return blockers;
}

/** A request cannot be received later than today. */
export function isReceivedInFuture(receivedOn: string, today: string): boolean {
  return receivedOn > today;
}

/** The school of a pupil is clear when the files name it at exactly one; else the handler chooses. */
export function pupilMatchProblem(schools: number): 'pupil_not_found' | 'pupil_ambiguous' | null {
  if (schools === 0) return 'pupil_not_found';
  if (schools > 1) return 'pupil_ambiguous';
  return null;
}
