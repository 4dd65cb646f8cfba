import { describe, expect, it } from 'vitest';
import type { DecisionInput, EndInput, SignalInput } from '../../../contracts/trajectories.ts';
import {
  findDecisionProblems,
  findDiscussionProblems,
  findEndProblems,
  findExplainedProblems,
  findSignalProblems,
  isStepAllowed,
  statusAfterDecision,
} from './trajectories.rules.ts';

const today = '2026-11-23';
const signal: SignalInput = {
  locationId: '00000000-0000-4000-8000-000000000001',
  pupilId: null,
  pupilFirstName: 'Mila',
  pupilLastName: 'Bakker',
  pupilBirthDate: '2011-06-02',
  pupilClass: '3A',
  mentorUserId: 'mentor',
  source: 'teacher',
  observed: 'Komt vaak te laat en is onrustig.',
  since: '',
  tried: '',
  discussWith: 'care_coordinator',
};
const decision: DecisionInput = {
  decidedOn: today,
  eligible: true,
  problemKinds: ['behavioural'],
  reasons: 'Gedrag belemmert het leren.',
  alternativeAdvice: null,
};
const end: EndInput = {
  endedOn: today,
  reason: 'goals_reached',
  diplomaObtained: false,
  diplomaLevel: null,
  nextDestination: 'Volgt weer het reguliere rooster',
};

describe('the signal (E9)', () => {
  it('E9: a teacher may discuss a signal with the mentor, team leader or care coordinator', () => {
    for (const discussWith of ['mentor', 'team_leader', 'care_coordinator'] as const)
      expect(findSignalProblems({ ...signal, discussWith }, { today, actorUserId: 'teacher' })).toEqual([]);
  });

  it("E9: the parents' concern is recorded by the pupil's mentor and goes to the team leader or care coordinator", () => {
    expect(findSignalProblems({ ...signal, source: 'parents' }, { today, actorUserId: 'mentor' })).toEqual(
      [],
    );
    expect(
      findSignalProblems(
        { ...signal, source: 'parents', discussWith: 'mentor' },
        { today, actorUserId: 'teacher' },
      ),
    ).toEqual([
      { path: 'source', code: 'parents_signal_by_mentor' },
      { path: 'discussWith', code: 'parents_signal_discuss_with' },
    ]);
  });

  it('refuses a birth date today or later', () => {
    expect(findSignalProblems({ ...signal, pupilBirthDate: today }, { today, actorUserId: 'x' })).toEqual([
      { path: 'pupilBirthDate', code: 'date_in_future' },
    ]);
  });

  it('E9: a discussion is not in the future nor before the signal', () => {
    const facts = { today, signalledOn: '2026-11-10' };
    expect(findDiscussionProblems({ discussedOn: '2026-11-10', outcome: 'x' }, facts)).toEqual([]);
    expect(findDiscussionProblems({ discussedOn: '2026-11-24', outcome: 'x' }, facts)).toEqual([
      { path: 'discussedOn', code: 'date_in_future' },
    ]);
    expect(findDiscussionProblems({ discussedOn: '2026-11-09', outcome: 'x' }, facts)).toEqual([
      { path: 'discussedOn', code: 'date_before_previous_step' },
    ]);
  });
});

describe('eligibility (E2)', () => {
  const facts = { today, signalledOn: '2026-11-01', parentsContactedOn: '2026-11-05' };

  it('E9: the decision follows the mentor’s contact with the parents', () => {
    expect(findDecisionProblems(decision, { ...facts, parentsContactedOn: null })).toEqual([
      { path: 'decidedOn', code: 'parents_not_contacted' },
    ]);
    expect(findDecisionProblems({ ...decision, decidedOn: '2026-11-04' }, facts)).toEqual([
      { path: 'decidedOn', code: 'date_before_previous_step' },
    ]);
  });

  it('E2: an eligible pupil has at least one kind of problem the expertise point is for', () => {
    expect(findDecisionProblems(decision, facts)).toEqual([]);
    expect(findDecisionProblems({ ...decision, problemKinds: [] }, facts)).toEqual([
      { path: 'problemKinds', code: 'problem_kind_required' },
    ]);
  });

  it('E2: a pupil who does not qualify gets alternative advice', () => {
    const notEligible = { ...decision, eligible: false, problemKinds: [] };
    expect(findDecisionProblems(notEligible, facts)).toEqual([
      { path: 'alternativeAdvice', code: 'alternative_advice_required' },
    ]);
    expect(
      findDecisionProblems({ ...notEligible, alternativeAdvice: 'Begeleiding door de mentor' }, facts),
    ).toEqual([]);
    expect(statusAfterDecision(false)).toBe('not_eligible');
    expect(statusAfterDecision(true)).toBe('eligible');
  });

  it('E9: explaining to the parents comes after the decision', () => {
    expect(
      findExplainedProblems({ explainedOn: '2026-11-19', how: 'phone' }, { today, decidedOn: '2026-11-20' }),
    ).toEqual([{ path: 'explainedOn', code: 'date_before_previous_step' }]);
  });
});

describe('the workflow table', () => {
  it('E2: a decision is taken once, on a signal', () => {
    expect(isStepAllowed('decide', 'signalled')).toBe(true);
    for (const status of ['eligible', 'not_eligible', 'active', 'ended'] as const)
      expect(isStepAllowed('decide', status)).toBe(false);
  });

  it('E11: only an eligible or active trajectory ends; an ended one takes no more steps', () => {
    expect(isStepAllowed('end', 'eligible')).toBe(true);
    expect(isStepAllowed('end', 'active')).toBe(true);
    expect(isStepAllowed('end', 'signalled')).toBe(false);
    for (const step of ['discuss', 'contactParents', 'decide', 'explain', 'end'] as const)
      expect(isStepAllowed(step, 'ended')).toBe(false);
  });
});

describe('the end (E11)', () => {
  const facts = { today, decidedOn: '2026-09-01' };

  it('E11: a diploma comes with its level; no level without a diploma', () => {
    expect(findEndProblems(end, facts)).toEqual([]);
    expect(findEndProblems({ ...end, diplomaObtained: true }, facts)).toEqual([
      { path: 'diplomaLevel', code: 'diploma_level_required' },
    ]);
    expect(findEndProblems({ ...end, diplomaLevel: 'havo' }, facts)).toEqual([
      { path: 'diplomaLevel', code: 'diploma_level_without_diploma' },
    ]);
  });

  it('E11: "diploma" as the reason needs the diploma', () => {
    expect(findEndProblems({ ...end, reason: 'diploma' }, facts)).toEqual([
      { path: 'diplomaObtained', code: 'diploma_reason_needs_diploma' },
    ]);
  });

  it('E11: the end is not in the future nor before the decision', () => {
    expect(findEndProblems({ ...end, endedOn: '2026-11-24' }, facts)).toEqual([
      { path: 'endedOn', code: 'date_in_future' },
    ]);
    expect(findEndProblems({ ...end, endedOn: '2026-08-31' }, facts)).toEqual([
      { path: 'endedOn', code: 'date_before_previous_step' },
    ]);
  });
});
