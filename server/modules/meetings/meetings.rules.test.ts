import { describe, expect, it } from 'vitest';
import { amsterdamInstant } from '../../../contracts/school-year.ts';
import {
  annualTalkState,
  dateInSchoolYear,
  findDecisionProblems,
  findMeetingProblems,
  type MeetingFacts,
  schoolIsOnTrack,
  schoolYearOfMeeting,
  sotWarning,
} from './meetings.rules.ts';

const facts = (changes: Partial<MeetingFacts> = {}): MeetingFacts => ({
  kind: 'sot',
  status: 'planned',
  startsAt: amsterdamInstant('2026-10-06', '15:00'),
  endsAt: amsterdamInstant('2026-10-06', '16:30'),
  participants: [],
  contactUserId: 'contact',
  otherSotMeetings: 0,
  overrideReason: null,
  ...changes,
});

describe('meetings', () => {
  it('refuses a meeting that ends before or when it starts', () => {
    expect(findMeetingProblems(facts({ endsAt: amsterdamInstant('2026-10-06', '14:59') }))).toEqual([
      { path: 'endTime', code: 'meeting_ends_before_start' },
    ]);
    expect(findMeetingProblems(facts({ endsAt: amsterdamInstant('2026-10-06', '15:00') }))).toHaveLength(1);
    expect(findMeetingProblems(facts())).toEqual([]);
  });

  it('keeps the length of a meeting on the night the clocks go back (daylight saving)', () => {
    // 01:30 to 03:30 on 25 October 2026 is three hours: 02:00–03:00 happens twice.
    const startsAt = amsterdamInstant('2026-10-25', '01:30');
    const endsAt = amsterdamInstant('2026-10-25', '03:30');
    expect((endsAt.getTime() - startsAt.getTime()) / 3_600_000).toBe(3);
    expect(findMeetingProblems(facts({ startsAt, endsAt }))).toEqual([]);
  });

  it('R11: an annual talk needs the school’s contact person and the IB', () => {
    const annual = (participants: MeetingFacts['participants']) =>
      findMeetingProblems(facts({ kind: 'annual_talk', participants }));
    const problem = [{ path: 'participants', code: 'annual_talk_needs_contact_and_ib' }];
    expect(annual([{ userId: 'contact', role: 'contact_person' }])).toEqual(problem);
    expect(annual([{ userId: 'ib', role: 'internal_coordinator' }])).toEqual(problem);
    expect(
      annual([
        { userId: 'someone-else', role: 'contact_person' },
        { userId: 'ib', role: 'internal_coordinator' },
      ]),
    ).toEqual(problem);
    expect(
      annual([
        { userId: 'contact', role: 'contact_person' },
        { userId: null, role: 'internal_coordinator' },
      ]),
    ).toEqual([]);
  });

  it('R12: a fifth SOT in a school year needs a reason; a cancelled one does not count', () => {
    expect(findMeetingProblems(facts({ otherSotMeetings: 3 }))).toEqual([]);
    expect(findMeetingProblems(facts({ otherSotMeetings: 4 }))).toEqual([
      { path: 'overrideReason', code: 'fifth_sot_needs_reason' },
    ]);
    expect(findMeetingProblems(facts({ otherSotMeetings: 4, overrideReason: 'Crisis in groep 7' }))).toEqual(
      [],
    );
    expect(findMeetingProblems(facts({ otherSotMeetings: 4, status: 'cancelled' }))).toEqual([]);
  });

  it('R13: attending an interim meeting needs the reason it matters; declining does not', () => {
    expect(findDecisionProblems('attend', null)).toEqual([
      { path: 'reason', code: 'attend_reason_required' },
    ]);
    expect(findDecisionProblems('attend', '  ')).toEqual([
      { path: 'reason', code: 'attend_reason_required' },
    ]);
    expect(findDecisionProblems('attend', 'Afstemming met jeugdhulp over de aanpak in de klas')).toEqual([]);
    expect(findDecisionProblems('decline', null)).toEqual([]);
  });

  it('puts a meeting in the school year of its day in Amsterdam (31 July / 1 August)', () => {
    expect(schoolYearOfMeeting(amsterdamInstant('2027-07-31', '23:30'))).toBe(2026);
    expect(schoolYearOfMeeting(amsterdamInstant('2027-08-01', '00:30'))).toBe(2027);
    expect(amsterdamInstant('2027-07-31', '23:30').toISOString()).toBe('2027-07-31T21:30:00.000Z');
    // 00:30 on 1 August in Amsterdam is still 31 July in UTC: the day in Amsterdam decides.
    expect(amsterdamInstant('2027-08-01', '00:30').toISOString()).toBe('2027-07-31T22:30:00.000Z');
  });

  it('places the staff office’s dates in the school year', () => {
    expect(dateInSchoolYear(2026, '11-01')).toBe('2026-11-01');
    expect(dateInSchoolYear(2026, '01-31')).toBe('2027-01-31');
    expect(dateInSchoolYear(2026, '08-01')).toBe('2026-08-01');
    expect(dateInSchoolYear(2026, '07-31')).toBe('2027-07-31');
  });

  it('R11: the annual talk is held, planned, not planned yet, or late after the date', () => {
    expect(annualTalkState([{ status: 'planned' }, { status: 'held' }], '2026-11-01', '2026-12-01')).toBe(
      'held',
    );
    expect(annualTalkState([{ status: 'planned' }], '2026-11-01', '2026-12-01')).toBe('planned');
    expect(annualTalkState([{ status: 'cancelled' }], '2026-11-01', '2026-11-01')).toBe('not_planned');
    expect(annualTalkState([{ status: 'cancelled' }], '2026-11-01', '2026-11-02')).toBe('late');
    expect(annualTalkState([], '2026-11-01', '2026-11-02')).toBe('late');
  });

  it('R12: warns about fewer than two SOT meetings after the date, and about a fifth', () => {
    expect(sotWarning(1, '2027-01-31', '2027-01-30')).toBeNull();
    expect(sotWarning(1, '2027-01-31', '2027-01-31')).toBe('too_few');
    expect(sotWarning(2, '2027-01-31', '2027-06-01')).toBeNull();
    expect(sotWarning(4, '2027-01-31', '2027-06-01')).toBeNull();
    expect(sotWarning(5, '2027-01-31', '2026-09-01')).toBe('too_many');
  });

  it('R11, R12: a school is on track with its talk held and two to four SOT meetings', () => {
    expect(schoolIsOnTrack('held', 3)).toBe(true);
    expect(schoolIsOnTrack('planned', 3)).toBe(false);
    expect(schoolIsOnTrack('held', 1)).toBe(false);
    expect(schoolIsOnTrack('held', 5)).toBe(false);
  });
});
