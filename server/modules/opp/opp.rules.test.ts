import { describe, expect, it } from 'vitest';
import { type OppContent, oppDraftInputSchema } from '../../../contracts/opp.ts';
import {
  contentForNewDraft,
  evaluationStateOf,
  findAdoptionProblems,
  findDraftProblems,
  findEvaluationProblems,
  isOppOpen,
  isParentLinkUsable,
  oppCommandsOf,
} from './opp.rules.ts';

const today = '2026-11-10';
const facts = { today, offersHomeworkSupport: true };
const draft = (changes: Record<string, unknown> = {}) => oppDraftInputSchema.parse(changes);
const complete = (changes: Record<string, unknown> = {}) =>
  draft({
    exitDestination: 'mbo niveau 3',
    parentsDiscussedOn: '2026-11-03',
    parentsDiscussionParticipants: 'Moeder, mentor, docent vso',
    parentsAgreement: 'agree',
    ...changes,
  });
const paths = (problems: Array<{ path: string; code: string }>) =>
  problems.map((problem) => [problem.path, problem.code]);

describe('the OPP (E9)', () => {
  it('E9: an OPP is drawn up for an eligible or active pupil only', () => {
    expect(isOppOpen('eligible')).toBe(true);
    expect(isOppOpen('active')).toBe(true);
    for (const status of ['signalled', 'not_eligible', 'ended'] as const)
      expect(isOppOpen(status)).toBe(false);
  });

  it('E9: refuses to adopt without the parents’ discussion (date, participants) and their answer', () => {
    expect(paths(findAdoptionProblems(draft({ exitDestination: 'havo' }), facts))).toEqual([
      ['parentsDiscussedOn', 'opp_discussion_date_required'],
      ['parentsDiscussionParticipants', 'opp_discussion_participants_required'],
      ['parentsAgreement', 'opp_parents_agreement_required'],
    ]);
    expect(paths(findAdoptionProblems(complete({ parentsDiscussionParticipants: '  ' }), facts))).toEqual([
      ['parentsDiscussionParticipants', 'opp_discussion_participants_required'],
    ]);
    expect(findAdoptionProblems(complete(), facts)).toEqual([]);
  });

  it('E9: an adopted OPP names the expected exit destination', () => {
    expect(paths(findAdoptionProblems(complete({ exitDestination: '' }), facts))).toEqual([
      ['exitDestination', 'opp_exit_destination_required'],
    ]);
  });

  it('E9: parents who do not agree with the action part have their comments recorded', () => {
    expect(paths(findDraftProblems(complete({ parentsAgreement: 'disagree' }), facts))).toEqual([
      ['parentsAgreementComments', 'opp_disagreement_needs_comments'],
    ]);
    expect(
      findAdoptionProblems(
        complete({ parentsAgreement: 'disagree', parentsAgreementComments: 'Minder uren apart.' }),
        facts,
      ),
    ).toEqual([]);
  });

  it('E9: a new version refuses an evaluation moment in the past; today and later are fine', () => {
    expect(
      paths(findDraftProblems(draft({ evaluationDates: ['2026-11-09', today, '2027-03-01'] }), facts)),
    ).toEqual([['evaluationDates.0', 'opp_evaluation_date_past']]);
  });

  it('E9: the parents’ discussion cannot be recorded for a later day', () => {
    expect(paths(findDraftProblems(draft({ parentsDiscussedOn: '2026-11-11' }), facts))).toEqual([
      ['parentsDiscussedOn', 'opp_discussion_in_future'],
    ]);
  });

  it('E4: a homework agreement is allowed at every expertise point, with or without the extras', () => {
    const withHomework = draft({ homeworkAgreement: 'Dinsdag en donderdag huiswerk plannen en nakijken.' });
    expect(findDraftProblems(withHomework, facts)).toEqual([]);
    expect(findDraftProblems(withHomework, { today, offersHomeworkSupport: false })).toEqual([]);
  });

  it('E3/E9: a new version copies the plan, not past moments, nor the parents’ answer on the old one', () => {
    const adopted: OppContent = {
      ...complete({
        independentWorkAgreement: 'Mag bij toetsweken zelfstandig werken op het expertisepunt.',
        homeworkAgreement: 'Huiswerkplanning op maandag.',
        support: [
          { goal: 'Rust in de les', approach: 'Time-outkaart', who: 'Mentor', frequency: 'Dagelijks' },
        ],
        pupilView: 'Ik wil graag mijn diploma halen.',
      }),
      evaluationDates: ['2026-10-01', '2027-02-01'],
    };
    const copy = contentForNewDraft(adopted, facts);
    expect(copy).toMatchObject({
      exitDestination: 'mbo niveau 3',
      independentWorkAgreement: 'Mag bij toetsweken zelfstandig werken op het expertisepunt.',
      homeworkAgreement: 'Huiswerkplanning op maandag.',
      support: adopted.support,
      evaluationDates: ['2027-02-01'],
      parentsDiscussedOn: null,
      parentsAgreement: null,
      pupilView: 'Ik wil graag mijn diploma halen.',
    });
    expect(copy.support[0]).not.toBe(adopted.support[0]);
    expect(contentForNewDraft(adopted, { today, offersHomeworkSupport: false }).homeworkAgreement).toBe(
      'Huiswerkplanning op maandag.',
    );
    expect(contentForNewDraft(null, facts)).toEqual(draft());
  });

  it('E9: an evaluation lies between the adoption and today', () => {
    const when = { today, adoptedOn: '2026-10-01' };
    expect(findEvaluationProblems('2026-11-10', when)).toEqual([]);
    expect(findEvaluationProblems('2026-10-01', when)).toEqual([]);
    expect(paths(findEvaluationProblems('2026-11-11', when))).toEqual([
      ['evaluatedOn', 'opp_evaluation_in_future'],
    ]);
    expect(paths(findEvaluationProblems('2026-09-30', when))).toEqual([
      ['evaluatedOn', 'opp_evaluation_before_adoption'],
    ]);
  });

  it('E9: the evaluation is due once a planned moment this school year passed without one', () => {
    const state = evaluationStateOf({
      hasAdopted: true,
      evaluatedOn: [],
      plannedDates: ['2026-11-01', '2027-03-01'],
      today,
    });
    expect(state).toEqual({
      schoolYear: 2026,
      evaluatedThisYear: false,
      lastEvaluatedOn: null,
      nextPlannedOn: '2027-03-01',
      due: true,
    });
    // A moment planned last school year does not make this year's evaluation due yet.
    expect(
      evaluationStateOf({ hasAdopted: true, evaluatedOn: [], plannedDates: ['2026-07-01'], today }).due,
    ).toBe(false);
    // Evaluated this school year: not due, whatever was planned.
    expect(
      evaluationStateOf({
        hasAdopted: true,
        evaluatedOn: ['2026-08-01'],
        plannedDates: ['2026-11-01'],
        today,
      }),
    ).toMatchObject({ evaluatedThisYear: true, lastEvaluatedOn: '2026-08-01', due: false });
    expect(
      evaluationStateOf({ hasAdopted: false, evaluatedOn: [], plannedDates: ['2026-11-01'], today }).due,
    ).toBe(false);
  });

  it('E9: at least once per school year — due six weeks before 31 July, and anew after 1 August', () => {
    const noPlan = (day: string, evaluatedOn: string[] = []) =>
      evaluationStateOf({ hasAdopted: true, evaluatedOn, plannedDates: [], today: day }).due;
    expect(noPlan('2027-06-18')).toBe(false);
    expect(noPlan('2027-06-19')).toBe(true);
    expect(noPlan('2027-07-31')).toBe(true);
    // Evaluated on 31 July: that counted for 2026-2027; from 1 August the new year counts.
    expect(noPlan('2027-07-31', ['2027-07-31'])).toBe(false);
    expect(
      evaluationStateOf({
        hasAdopted: true,
        evaluatedOn: ['2027-07-31'],
        plannedDates: [],
        today: '2027-08-01',
      }),
    ).toMatchObject({ schoolYear: 2027, evaluatedThisYear: false, due: false });
  });

  it('E9: a parent link works until it is revoked or expires, and only while the trajectory is active', () => {
    const now = new Date('2026-11-10T10:00:00Z');
    const link = { revokedAt: null, expiresAt: new Date('2027-02-08T10:00:00Z') };
    expect(isParentLinkUsable(link, 'active', now)).toBe(true);
    expect(isParentLinkUsable({ ...link, revokedAt: now }, 'active', now)).toBe(false);
    expect(isParentLinkUsable({ ...link, expiresAt: now }, 'active', now)).toBe(false);
    expect(isParentLinkUsable(link, 'ended', now)).toBe(false);
  });

  it('E9: one draft at a time; evaluating and sharing need an adopted OPP of an active trajectory', () => {
    expect(oppCommandsOf({ status: 'eligible', hasDraft: false, hasAdopted: false })).toEqual(['draft']);
    expect(oppCommandsOf({ status: 'eligible', hasDraft: true, hasAdopted: false })).toEqual([
      'edit',
      'adopt',
    ]);
    expect(oppCommandsOf({ status: 'active', hasDraft: false, hasAdopted: true })).toEqual([
      'draft',
      'evaluate',
      'share',
    ]);
    expect(oppCommandsOf({ status: 'ended', hasDraft: true, hasAdopted: true })).toEqual([]);
  });
});
