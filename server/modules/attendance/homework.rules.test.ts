import { describe, expect, it } from 'vitest';
import {
  findCheckProblems,
  findItemProblems,
  findSessionProblems,
  homeworkRefusal,
} from './homework.rules.ts';

describe('homework support (E4, E8)', () => {
  it('E8: refuses homework at a location that does not offer homework support', () => {
    expect(homeworkRefusal({ offersHomeworkSupport: false, status: 'active' })).toBe('homework_not_offered');
  });

  it('E4: plans homework for a pupil with an active trajectory where it is offered', () => {
    expect(homeworkRefusal({ offersHomeworkSupport: true, status: 'active' })).toBeNull();
    expect(homeworkRefusal({ offersHomeworkSupport: true, status: 'ended' })).toBe('homework_not_active');
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
