import { describe, expect, it } from 'vitest';
import {
  deadlineOf,
  decisionRefusal,
  deletionBlockers,
  isOverdue,
  isReceivedInFuture,
  pupilMatchProblem,
} from './subject-access.rules.ts';

describe('the deadline of a data-subject request (P5)', () => {
  it('P5: is one calendar month after receipt', () => {
    expect(deadlineOf('2026-03-15')).toBe('2026-04-15');
    expect(deadlineOf('2026-12-07')).toBe('2027-01-07');
  });

  it('P5: clamps to the end of a shorter month', () => {
    expect(deadlineOf('2026-01-31')).toBe('2026-02-28');
    expect(deadlineOf('2028-01-31')).toBe('2028-02-29');
    expect(deadlineOf('2026-03-31')).toBe('2026-04-30');
    expect(deadlineOf('2026-08-31')).toBe('2026-09-30');
  });

  it('P5: an open request is overdue from the day after its deadline, a decided one never', () => {
    expect(isOverdue('received', '2026-04-15', '2026-04-15')).toBe(false);
    expect(isOverdue('received', '2026-04-15', '2026-04-16')).toBe(true);
    expect(isOverdue('in_progress', '2026-04-15', '2026-05-01')).toBe(true);
    expect(isOverdue('done', '2026-04-15', '2026-05-01')).toBe(false);
    expect(isOverdue('refused', '2026-04-15', '2026-05-01')).toBe(false);
  });

  it('a request cannot be received after today', () => {
    expect(isReceivedInFuture('2026-04-16', '2026-04-15')).toBe(true);
    expect(isReceivedInFuture('2026-04-15', '2026-04-15')).toBe(false);
  });
});

describe('deciding a data-subject request (P5)', () => {
  it('takes it in hand, then decides it with a text', () => {
    expect(decisionRefusal('access', 'received', 'in_progress', undefined)).toBeNull();
    expect(decisionRefusal('access', 'in_progress', 'done', 'Export verstuurd')).toBeNull();
    expect(decisionRefusal('objection', 'received', 'refused', 'Gerechtvaardigd belang')).toBeNull();
    expect(decisionRefusal('correction', 'in_progress', 'done', '  ')).toEqual({
      code: 'subject_decision_required',
      field: 'decision',
    });
  });

  it('never reopens a decided request', () => {
    expect(decisionRefusal('access', 'done', 'in_progress', undefined)?.code).toBe(
      'subject_request_not_open',
    );
    expect(decisionRefusal('access', 'refused', 'done', 'x')?.code).toBe('subject_request_not_open');
    expect(decisionRefusal('access', 'in_progress', 'in_progress', undefined)?.code).toBe(
      'subject_request_not_open',
    );
  });

  it('P4: a deletion is done only by deleting, but may be refused', () => {
    expect(decisionRefusal('deletion', 'in_progress', 'done', 'Verwijderd')?.code).toBe(
      'subject_deletion_by_erase',
    );
    expect(decisionRefusal('deletion', 'in_progress', 'refused', 'Wettelijke bewaarplicht')).toBeNull();
  });

  it('P4: a legal hold, an open request and a trajectory not ended keep the files', () => {
    expect(deletionBlockers({ isHeld: false, openRequests: 0, openTrajectories: 0 })).toEqual([]);
    expect(deletionBlockers({ isHeld: true, openRequests: 2, openTrajectories: 1 })).toEqual([
      'legal_hold',
      'open_request',
      'open_trajectory',
    ]);
    expect(deletionBlockers({ isHeld: false, openRequests: 0, openTrajectories: 1 })).toEqual([
      'open_trajectory',
    ]);
  });

  it('P5: a pupil is identified at exactly one school', () => {
    expect(pupilMatchProblem(0)).toBe('pupil_not_found');
    expect(pupilMatchProblem(1)).toBeNull();
    expect(pupilMatchProblem(2)).toBe('pupil_ambiguous');
  });
});
