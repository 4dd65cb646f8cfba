import { describe, expect, it } from 'vitest';
import { type OppContent, oppDraftInputSchema } from '../../../contracts/opp.ts';
import {
  actionPartOf,
  consentDecisionOf,
  consentGiverOn,
  contentForNewDraft,
  coversActionPart,
  evaluationStateOf,
  findAdoptionProblems,
  findDraftProblems,
  findEvaluationProblems,
  isOppOpen,
  isParentLinkUsable,
  isPupilLinkAllowed,
  linkRefusalOf,
  mayHolderAnswer,
  oppCommandsOf,
} from './opp.rules.ts';

const today = '2026-11-10';
const facts = { today, offersHomeworkSupport: true };
const consented = { ...facts, consent: 'given' as const };
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
    expect(paths(findAdoptionProblems(draft({ exitDestination: 'havo' }), consented))).toEqual([
      ['parentsDiscussedOn', 'opp_discussion_date_required'],
      ['parentsDiscussionParticipants', 'opp_discussion_participants_required'],
      ['parentsAgreement', 'opp_parents_agreement_required'],
    ]);
    expect(paths(findAdoptionProblems(complete({ parentsDiscussionParticipants: '  ' }), consented))).toEqual(
      [['parentsDiscussionParticipants', 'opp_discussion_participants_required']],
    );
    expect(findAdoptionProblems(complete(), consented)).toEqual([]);
  });

  it('E9: an adopted OPP names the expected exit destination', () => {
    expect(paths(findAdoptionProblems(complete({ exitDestination: '' }), consented))).toEqual([
      ['exitDestination', 'opp_exit_destination_required'],
    ]);
  });

  it('E12: parents who do not agree with the perspective part have their comments recorded; it does not block adoption', () => {
    expect(paths(findDraftProblems(complete({ parentsAgreement: 'disagree' }), facts))).toEqual([
      ['parentsAgreementComments', 'opp_disagreement_needs_comments'],
    ]);
    expect(
      findAdoptionProblems(
        complete({ parentsAgreement: 'disagree', parentsAgreementComments: 'Minder uren apart.' }),
        consented,
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

  it('E12: a link still works while the pupil is eligible; after the trajectory ended it says so', () => {
    const now = new Date('2026-11-10T10:00:00Z');
    const link = { revokedAt: null, expiresAt: new Date('2027-01-01T00:00:00Z') };
    expect(linkRefusalOf(link, 'eligible', now)).toBeNull();
    expect(linkRefusalOf(link, 'active', now)).toBeNull();
    expect(linkRefusalOf(link, 'ended', now)).toBe('opp_link_trajectory_ended');
    expect(linkRefusalOf(link, 'not_eligible', now)).toBe('opp_link_trajectory_ended');
    expect(linkRefusalOf({ ...link, revokedAt: now }, 'ended', now)).toBe('invalid_token');
  });

  it('E9/E12: one draft at a time; evaluating needs an adopted OPP of an active trajectory, sharing a plan', () => {
    expect(oppCommandsOf({ status: 'eligible', hasDraft: false, hasAdopted: false })).toEqual(['draft']);
    expect(oppCommandsOf({ status: 'eligible', hasDraft: true, hasAdopted: false })).toEqual([
      'edit',
      'adopt',
      'share',
    ]);
    expect(oppCommandsOf({ status: 'active', hasDraft: false, hasAdopted: true })).toEqual([
      'draft',
      'evaluate',
      'share',
    ]);
    expect(oppCommandsOf({ status: 'ended', hasDraft: true, hasAdopted: true })).toEqual([]);
  });
});

describe('consent on the action part (E12)', () => {
  it('E12: without consent on the action part the OPP is not adopted', () => {
    expect(paths(findAdoptionProblems(complete(), { ...facts, consent: null }))).toEqual([
      ['consent', 'opp_consent_required'],
    ]);
  });

  it('E12: a refusal keeps the draft: adoption is refused with the reason', () => {
    expect(paths(findAdoptionProblems(complete(), { ...facts, consent: 'refused' }))).toEqual([
      ['consent', 'opp_consent_refused'],
    ]);
  });

  it('E12: the perspective part needs discussion, not consent: a disagreement there does not block', () => {
    const disagreed = complete({ parentsAgreement: 'disagree', parentsAgreementComments: 'Liever havo.' });
    expect(findAdoptionProblems(disagreed, consented)).toEqual([]);
  });

  it('E12: a pupil turning 18 today consents himself; the day before, the parents do', () => {
    expect(consentGiverOn('2008-11-10', '2026-11-10')).toBe('pupil');
    expect(consentGiverOn('2008-11-10', '2026-11-09')).toBe('parents');
    expect(consentGiverOn('2008-11-11', '2026-11-10')).toBe('parents');
    expect(consentGiverOn('2000-01-01', '2026-11-10')).toBe('pupil');
  });

  it('E12: without a known birth date the parents consent', () => {
    expect(consentGiverOn(null, '2026-11-10')).toBe('parents');
  });

  it('E12: a pupil born on 29 February turns 18 on 1 March in a year without one', () => {
    expect(consentGiverOn('2008-02-29', '2026-02-28')).toBe('parents');
    expect(consentGiverOn('2008-02-29', '2026-03-01')).toBe('pupil');
  });

  it('E12: the link holder answers only when they are the one who consents', () => {
    expect(mayHolderAnswer('parents', 'parents')).toBe(true);
    expect(mayHolderAnswer('pupil', 'parents')).toBe(false);
    expect(mayHolderAnswer('parents', 'pupil')).toBe(false);
    expect(mayHolderAnswer('pupil', 'pupil')).toBe(true);
  });

  it('E12: the pupil gets their own link from 12 (turning 12 today counts), with a known birth date', () => {
    expect(isPupilLinkAllowed('2014-11-10', '2026-11-10')).toBe(true);
    expect(isPupilLinkAllowed('2014-11-11', '2026-11-10')).toBe(false);
    expect(isPupilLinkAllowed(null, '2026-11-10')).toBe(false);
  });

  it('E12: the action part is the support, the agreements and the evaluation moments', () => {
    const content = complete({
      support: [{ goal: 'Rust', approach: 'Time-out', who: 'Docent vso', frequency: 'Dagelijks' }],
      evaluationDates: ['2027-03-01', '2027-01-10'],
      exitDestination: 'havo',
    });
    expect(Object.keys(actionPartOf(content))).toEqual([
      'support',
      'independentWorkAgreement',
      'homeworkAgreement',
      'curriculumDeviations',
      'evaluationDates',
    ]);
    expect(actionPartOf(content).evaluationDates).toEqual(['2027-01-10', '2027-03-01']);
  });

  it('E12: a change to the action part needs new consent; a change to the perspective part does not', () => {
    const before = complete({ independentWorkAgreement: 'Twee uur per week.' });
    const answers = [{ decision: 'given' as const, actionPart: actionPartOf(before) }];
    const perspectiveChanged = { ...before, exitDestination: 'vwo' };
    expect(consentDecisionOf(answers, actionPartOf(perspectiveChanged))).toBe('given');
    const actionChanged = { ...before, independentWorkAgreement: 'Vier uur per week.' };
    expect(consentDecisionOf(answers, actionPartOf(actionChanged))).toBeNull();
    expect(coversActionPart(actionPartOf(before), actionPartOf(actionChanged))).toBe(false);
  });

  it('E12: the latest answer on the action part counts: consent after a refusal, or a refusal after consent', () => {
    const part = actionPartOf(complete());
    expect(
      consentDecisionOf(
        [
          { decision: 'given', actionPart: part },
          { decision: 'refused', actionPart: part },
        ],
        part,
      ),
    ).toBe('given');
    expect(consentDecisionOf([{ decision: 'refused', actionPart: part }], part)).toBe('refused');
  });
});
