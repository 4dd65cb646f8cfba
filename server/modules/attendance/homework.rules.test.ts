import { describe, expect, it } from 'vitest';
import {
  findCheckProblems,
  findItemProblems,
  findSessionProblems,
  homeworkRefusal,
  isExtraSessionKind,
  sessionKindRefusal,
} from './homework.rules.ts';

describe('homework support (E4, E8)', () => {
  it('E4: plans homework for a pupil with an active trajectory at every expertise point', () => {
    expect(homeworkRefusal({ status: 'active' })).toBeNull();
    for (const status of ['signalled', 'eligible', 'not_eligible', 'ended'] as const)
      expect(homeworkRefusal({ status })).toBe('homework_not_active');
  });

  it('E4: a work session can be planned where the location offers no homework extras', () => {
    expect(isExtraSessionKind('work')).toBe(false);
    expect(sessionKindRefusal({ kind: 'work', offersHomeworkSupport: false })).toBeNull();
    expect(sessionKindRefusal({ kind: 'work', offersHomeworkSupport: true })).toBeNull();
  });

  it('E8: structuring and homework support sessions only where the location offers them', () => {
    for (const kind of ['structuring', 'homework_support'] as const) {
      expect(isExtraSessionKind(kind)).toBe(true);
      expect(sessionKindRefusal({ kind, offersHomeworkSupport: false })).toBe('homework_support_not_offered');
      expect(sessionKindRefusal({ kind, offersHomeworkSupport: true })).toBeNull();
    }
  });

  it('E4: a new item has its deadline today or later', () => {
    expect(findItemProblems('2026-10-06', '2026-10-06')).toEqual([]);
    expect(findItemProblems('2026-10-05', '2026-10-06')).toEqual([
      { path: 'dueOn', code: 'homework_due_in_past' },
    ]);
  });

  it('E4: a work session is planned on or before the deadline', () => {
    expect(findSessionProblems('2026-10-09', '2026-10-09')).toEqual([]);
    expect(findSessionProblems('2026-10-10', '2026-10-09')).toEqual([
      { path: 'plannedOn', code: 'homework_session_after_deadline' },
    ]);
  });

  it('E4: the VSO teacher checks a session on or after its day', () => {
    expect(findCheckProblems('2026-10-06', '2026-10-06')).toEqual([]);
    expect(findCheckProblems('2026-10-07', '2026-10-06')).toEqual([
      { path: 'result', code: 'homework_check_too_early' },
    ]);
  });
});
