import { describe, expect, it } from 'vitest';
import {
  type RequestStatus,
  type RequestTransition,
  requestStatuses,
  requestTransitions,
} from '../../../contracts/requests.ts';
import { ageOn } from '../../../contracts/school-year.ts';
import { type Action, policies } from '../../platform/access/policies.ts';
import { registerModules } from '../index.ts';
import {
  type ConsentEvent,
  type ConsentPerson,
  commandsFor,
  consentLinkUse,
  currentDecisionOf,
  evaluateConsent,
  findSubmitProblems,
  isPupilConsentRequired,
  mayHolderSeeReaders,
  personConsentStateOf,
  planTransition,
  type RequestForm,
  rankCandidates,
  submitOutcomeOf,
  transitionTable,
} from './requests.rules.ts';

// The modules' policy rows, as the app registers them when it starts.
registerModules();

const mother: ConsentPerson = { id: 'mother', kind: 'parent', hasAuthority: true, birthDate: null };
const father: ConsentPerson = { id: 'father', kind: 'parent', hasAuthority: true, birthDate: null };
const stepfather: ConsentPerson = { id: 'stepfather', kind: 'parent', hasAuthority: false, birthDate: null };
const pupilBornOn = (birthDate: string): ConsentPerson => ({
  id: 'pupil',
  kind: 'pupil',
  hasAuthority: null,
  birthDate,
});
const given = (personId: string): ConsentEvent => ({ personId, decision: 'given' });
const everyParent = (onDate: string) => ({ oneParentSuffices: false, onDate });

describe('ages (dates helper)', () => {
  it('R9: a pupil is 12 on their twelfth birthday, not the day before', () => {
    expect(ageOn('2014-11-23', '2026-11-22')).toBe(11);
    expect(ageOn('2014-11-23', '2026-11-23')).toBe(12);
    expect(ageOn('2014-11-23', '2026-11-24')).toBe(12);
  });

  it('R9: a pupil born on 29 February turns 12 on 1 March in a year without 29 February', () => {
    expect(ageOn('2012-02-29', '2024-02-28')).toBe(11);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
    expect(ageOn('2016-02-29', '2028-02-28')).toBe(11);
    expect(ageOn('2016-02-29', '2028-02-29')).toBe(12);
    // 2027 has no 29 February: born 2015-02-28 is a plain case, born 2012-02-29 turns 15 on 1 March 2027.
    expect(ageOn('2012-02-29', '2027-02-28')).toBe(14);
    expect(ageOn('2012-02-29', '2027-03-01')).toBe(15);
  });

  it('counts across the turn of the year and month ends', () => {
    expect(ageOn('2014-12-31', '2026-12-30')).toBe(11);
    expect(ageOn('2014-12-31', '2026-12-31')).toBe(12);
    expect(ageOn('2014-01-01', '2025-12-31')).toBe(11);
  });
});

describe('R8/R9: whose consent counts', () => {
  it('R9: the pupil must consent from the twelfth birthday on the day of consent', () => {
    expect(isPupilConsentRequired('2014-11-23', '2026-11-22')).toBe(false);
    expect(isPupilConsentRequired('2014-11-23', '2026-11-23')).toBe(true);
    expect(isPupilConsentRequired('2014-11-23', '2026-11-24')).toBe(true);
  });

  it('R9: a leap-day pupil needs to consent from 1 March when the year has no 29 February', () => {
    // Born 29-02-2016: twelfth birthday falls in 2028, a leap year (29 Feb), so check 2027 → 11.
    expect(isPupilConsentRequired('2015-03-01', '2027-02-28')).toBe(false);
    expect(isPupilConsentRequired('2015-03-01', '2027-03-01')).toBe(true);
    expect(isPupilConsentRequired('2016-02-29', '2028-02-28')).toBe(false);
    expect(isPupilConsentRequired('2016-02-29', '2028-02-29')).toBe(true);
  });

  it('R8: every parent with authority must consent; a parent without authority does not count', () => {
    const people = [mother, father, stepfather, pupilBornOn('2018-05-01')];
    const onDate = '2026-11-23';
    expect(evaluateConsent(people, [given('mother')], everyParent(onDate))).toBe('pending');
    expect(evaluateConsent(people, [given('mother'), given('father')], everyParent(onDate))).toBe('complete');
    expect(evaluateConsent(people, [given('stepfather'), given('mother')], everyParent(onDate))).toBe(
      'pending',
    );
  });

  it('R8: with the partnership setting, one parent with authority suffices', () => {
    const people = [mother, father, pupilBornOn('2018-05-01')];
    const options = { oneParentSuffices: true, onDate: '2026-11-23' };
    expect(evaluateConsent(people, [], options)).toBe('pending');
    expect(evaluateConsent(people, [given('father')], options)).toBe('complete');
    // An explicit no of the other parent still blocks: nobody works against a refusal.
    expect(
      evaluateConsent(people, [given('father'), { personId: 'mother', decision: 'refused' }], options),
    ).toBe('refused');
  });

  it('R9: parents alone complete consent for an 11-year-old, not for a 12-year-old', () => {
    const eleven = [mother, pupilBornOn('2014-11-24')];
    const twelve = [mother, pupilBornOn('2014-11-23')];
    const onDate = '2026-11-23';
    expect(evaluateConsent(eleven, [given('mother')], everyParent(onDate))).toBe('complete');
    expect(evaluateConsent(twelve, [given('mother')], everyParent(onDate))).toBe('pending');
    expect(evaluateConsent(twelve, [given('mother'), given('pupil')], everyParent(onDate))).toBe('complete');
  });

  it('R9: a pupil turning 12 while consent is pending must consent as well', () => {
    const people = [mother, father, pupilBornOn('2014-12-01')];
    // The mother consents while the pupil is 11; the father after the twelfth birthday.
    const events = [given('mother'), given('father')];
    expect(evaluateConsent(people, events, everyParent('2026-11-30'))).toBe('complete');
    expect(evaluateConsent(people, events, everyParent('2026-12-01'))).toBe('pending');
    expect(evaluateConsent(people, [...events, given('pupil')], everyParent('2026-12-01'))).toBe('complete');
  });

  it('R8: without a parent with authority consent can never be complete', () => {
    expect(evaluateConsent([stepfather], [given('stepfather')], everyParent('2026-11-23'))).toBe('pending');
  });

  it('P3: a withdrawal by anyone whose consent counts makes the consent withdrawn', () => {
    const people = [mother, pupilBornOn('2013-01-01')];
    const events: ConsentEvent[] = [
      given('mother'),
      given('pupil'),
      { personId: 'pupil', decision: 'withdrawn' },
    ];
    expect(evaluateConsent(people, events, everyParent('2026-11-23'))).toBe('withdrawn');
  });

  it('a refusal is final for that person until the school asks again', () => {
    const events: ConsentEvent[] = [{ personId: 'mother', decision: 'refused' }];
    expect(currentDecisionOf('mother', events)).toBe('refused');
    const askedAgain: ConsentEvent[] = [...events, { personId: 'mother', decision: 'asked_again' }];
    expect(currentDecisionOf('mother', askedAgain)).toBeNull();
    expect(evaluateConsent([mother], askedAgain, everyParent('2026-11-23'))).toBe('pending');
    expect(evaluateConsent([mother], [...askedAgain, given('mother')], everyParent('2026-11-23'))).toBe(
      'complete',
    );
  });
});

describe('consent links', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const link = (changes: Partial<{ expiresAt: Date; answeredAt: Date | null; revokedAt: Date | null }>) => ({
    expiresAt: new Date('2026-12-07T10:00:00Z'),
    answeredAt: null,
    revokedAt: null,
    ...changes,
  });

  it('an unanswered link within 14 days may be answered', () => {
    expect(consentLinkUse(link({}), null, 'submitted', now)).toEqual({
      canAnswer: true,
      canWithdraw: false,
      refusal: null,
    });
  });

  it('an expired link cannot be answered', () => {
    const expired = link({ expiresAt: new Date('2026-11-23T09:59:59Z') });
    expect(consentLinkUse(expired, null, 'submitted', now).refusal).toBe('consent_link_expired');
  });

  it('P3: a used link cannot answer again but can still withdraw a given consent, also after closing', () => {
    const used = link({ answeredAt: new Date('2026-11-20T10:00:00Z') });
    expect(consentLinkUse(used, 'given', 'in_progress', now)).toEqual({
      canAnswer: false,
      canWithdraw: true,
      refusal: null,
    });
    expect(consentLinkUse(used, 'given', 'closed', now).canWithdraw).toBe(true);
    expect(consentLinkUse(used, 'given', 'withdrawn', now).canWithdraw).toBe(false);
    expect(consentLinkUse(used, 'refused', 'submitted', now).canWithdraw).toBe(false);
  });

  it('a link replaced by a resend is invalid', () => {
    expect(consentLinkUse(link({ revokedAt: now }), null, 'submitted', now).refusal).toBe('invalid_token');
  });

  it('shows the state of a person from decision and newest link', () => {
    expect(personConsentStateOf(null, null, now)).toBe('not_asked');
    expect(personConsentStateOf(null, link({}), now)).toBe('asked');
    expect(personConsentStateOf(null, link({ expiresAt: now }), now)).toBe('expired');
    expect(personConsentStateOf('given', link({}), now)).toBe('given');
  });
});

describe('R2, R4, R10: the form', () => {
  const complete: RequestForm = {
    type: 'pupil_advice',
    question: 'Hoe helpen we Daan bij het plannen?',
    triedInBasicSupport: 'Dagplanning op tafel.',
    hopedOutcome: 'Handelingsadvies voor de leerkracht.',
    teacherUserId: null,
    groupName: 'groep 6',
    asksDirectPupilSupport: false,
    pupil: { name: 'Daan', birthDate: '2016-04-02' },
    parents: [{ name: 'Sanne de Vries', hasAuthority: true }],
  };

  it('a complete pupil-level form has no problems', () => {
    expect(findSubmitProblems(complete)).toEqual([]);
  });

  it('R2: the out-of-scope question must be answered', () => {
    expect(findSubmitProblems({ ...complete, asksDirectPupilSupport: null })).toContainEqual({
      path: 'asksDirectPupilSupport',
      code: 'required',
    });
  });

  it('R2: a request for direct pupil support is refused at submit, whatever else is missing', () => {
    const outOfScope = { ...complete, asksDirectPupilSupport: true, question: null, type: null };
    expect(findSubmitProblems(outOfScope)).toEqual([]);
    expect(submitOutcomeOf(outOfScope)).toBe('refuse');
    expect(submitOutcomeOf(complete)).toBe('submit');
  });

  it('R8: a pupil-level request needs the pupil and a parent with authority', () => {
    const problems = findSubmitProblems({
      ...complete,
      pupil: null,
      parents: [{ name: 'Stiefvader', hasAuthority: false }],
    });
    expect(problems).toContainEqual({ path: 'pupil', code: 'pupil_required' });
    expect(problems).toContainEqual({ path: 'parents', code: 'parent_with_authority_required' });
  });

  it('R4: coaching a teacher names the teacher; R10: group work names the group', () => {
    expect(
      findSubmitProblems({ ...complete, type: 'teacher_coaching_classroom', teacherUserId: null }),
    ).toContainEqual({ path: 'teacherUserId', code: 'required' });
    expect(findSubmitProblems({ ...complete, type: 'group_guidance', groupName: null })).toContainEqual({
      path: 'groupName',
      code: 'required',
    });
  });

  it('a school-wide theme needs neither pupil nor parents', () => {
    expect(findSubmitProblems({ ...complete, type: 'school_wide_theme', pupil: null, parents: [] })).toEqual(
      [],
    );
  });
});

describe('the workflow: every allowed and refused transition', () => {
  const actions = Object.keys(policies) as Action[];
  const allowed = new Set(
    transitionTable.flatMap((row) =>
      row.from.flatMap((from) => row.by.map((action) => `${row.transition}|${from}|${action}`)),
    ),
  );

  it('every transition in the table is an action in the policy table', () => {
    for (const row of transitionTable) for (const action of row.by) expect(actions).toContain(action);
  });

  it('allows exactly the rows of the table and refuses every other status × transition × action', () => {
    let allowedCount = 0;
    for (const status of requestStatuses)
      for (const transition of requestTransitions)
        for (const action of actions) {
          const plan = planTransition({ status, statusBeforePause: 'in_progress' }, transition, action);
          expect(plan.ok, `${transition} from ${status} by ${action}`).toBe(
            allowed.has(`${transition}|${status}|${action}`),
          );
          if (plan.ok) allowedCount++;
        }
    expect(allowedCount).toBe(allowed.size);
  });

  const expectations: Array<[RequestStatus, RequestTransition, Action, RequestStatus | string]> = [
    ['draft', 'submit', 'requests.submit', 'submitted'],
    ['draft', 'refuse', 'requests.submit', 'refused'],
    ['submitted', 'mark_ready', 'consent.respond', 'ready'],
    ['submitted', 'mark_ready', 'requests.record_parents_informed', 'ready'],
    ['ready', 'assign', 'requests.assign', 'assigned'],
    ['assigned', 'reassign', 'requests.assign', 'assigned'],
    ['in_progress', 'reassign', 'requests.assign', 'in_progress'],
    ['assigned', 'start', 'requests.start', 'in_progress'],
    ['in_progress', 'close', 'requests.close', 'closed'],
    ['in_progress', 'pause', 'consent.respond', 'paused'],
    ['closed', 'pause', 'consent.respond', 'paused'],
    ['paused', 'resume', 'requests.manage_consent', 'in_progress'],
    ['paused', 'withdraw', 'requests.withdraw', 'withdrawn'],
    ['submitted', 'refuse', 'requests.refuse', 'refused'],
  ];
  it.each(expectations)('%s → %s by %s leads to %s', (status, transition, action, to) => {
    expect(planTransition({ status, statusBeforePause: 'in_progress' }, transition, action)).toEqual({
      ok: true,
      to,
    });
  });

  it('a paused request without a remembered status resumes as ready', () => {
    expect(planTransition({ status: 'paused' }, 'resume', 'consent.respond')).toEqual({
      ok: true,
      to: 'ready',
    });
  });

  it('refuses closing twice, starting a closed request, and submitting a submitted one', () => {
    expect(planTransition({ status: 'closed' }, 'close', 'requests.close')).toEqual({
      ok: false,
      reason: 'transition_not_allowed',
    });
    expect(planTransition({ status: 'closed' }, 'start', 'requests.start').ok).toBe(false);
    expect(planTransition({ status: 'submitted' }, 'submit', 'requests.submit').ok).toBe(false);
  });

  it('R10: a group request cannot start before the parents are informed, and says so', () => {
    expect(
      planTransition(
        { status: 'submitted', type: 'group_guidance', parentsInformed: false },
        'assign',
        'requests.assign',
      ),
    ).toEqual({ ok: false, reason: 'parents_not_informed' });
  });

  it('R8: a pupil-level request cannot start before consent is complete, and says so', () => {
    expect(
      planTransition(
        { status: 'submitted', type: 'pupil_advice', consentStatus: 'pending' },
        'start',
        'requests.start',
      ),
    ).toEqual({ ok: false, reason: 'consent_incomplete' });
  });
});

describe('R1: suggestions for assignment', () => {
  const base = {
    tagIds: [] as string[],
    tagNames: [] as string[],
    isFixedMember: false,
    isContact: false,
    contractedHours: 800,
    openRequests: 0,
    isAbsentToday: false,
  };

  it('ranks matching expertise first, then the fixed members, then the least busy; absence last', () => {
    const ranked = rankCandidates(
      [
        { ...base, userId: 'a', name: 'Anouk', isFixedMember: true, isContact: true, openRequests: 2 },
        { ...base, userId: 'b', name: 'Bram', tagIds: ['autism'], tagNames: ['Autisme'] },
        { ...base, userId: 'c', name: 'Cor', tagIds: ['autism'], tagNames: ['Autisme'], isAbsentToday: true },
        { ...base, userId: 'd', name: 'Dewi', openRequests: 1 },
      ],
      ['autism'],
    );
    expect(ranked.map((candidate) => candidate.userId)).toEqual(['b', 'a', 'd', 'c']);
    expect(ranked[0]).toMatchObject({ matchingTags: ['Autisme'], score: 10 });
    expect(ranked[1]?.score).toBe(5);
  });
});

describe('commands on screen', () => {
  const may = (granted: Action[]) => (action: Action) => granted.includes(action);

  it('the IB may edit, delete and submit a draft', () => {
    expect(
      commandsFor({
        status: 'draft',
        type: 'pupil_advice',
        may: may(['requests.create', 'requests.submit', 'requests.contribute', 'requests.read_case_file']),
        isAssignee: false,
      }),
    ).toEqual(['edit', 'delete', 'submit', 'upload_attachment']);
  });

  it('Y3: the teacher on a request writes in the thread, but adds no files to the case file and changes nothing else', () => {
    const teacher = {
      type: 'teacher_coaching_pupil' as const,
      may: may(['requests.read', 'requests.read_pupil', 'requests.contribute']),
      isAssignee: false,
    };
    expect(commandsFor({ ...teacher, status: 'in_progress' })).toEqual(['post_message']);
    // Paused (consent withdrawn, P3): the work stops for the teacher as well.
    expect(commandsFor({ ...teacher, status: 'paused' })).toEqual([]);
  });

  it('Y3: the school names another teacher on an open, submitted request only', () => {
    const school = {
      type: 'teacher_coaching_classroom' as const,
      may: may(['requests.change_teacher']),
      isAssignee: false,
    };
    for (const status of ['submitted', 'ready', 'assigned', 'in_progress'] as const)
      expect(commandsFor({ ...school, status })).toContain('change_teacher');
    for (const status of ['draft', 'closed', 'refused', 'withdrawn', 'paused'] as const)
      expect(commandsFor({ ...school, status })).not.toContain('change_teacher');
  });

  it('only the assignee may start; only the contact person or coordinator may assign', () => {
    // The policy grants `requests.assign` to the staff office and the school's contact person only.
    const team = [
      'requests.start',
      'requests.contribute',
      'requests.refuse',
      'requests.read_team_notes',
    ] as const;
    const context = { status: 'assigned' as const, type: 'pupil_advice' as const };
    const member = { ...context, may: may([...team]) };
    const contactPerson = { ...context, may: may([...team, 'requests.assign']) };
    expect(commandsFor({ ...member, isAssignee: true })).toContain('start');
    expect(commandsFor({ ...member, isAssignee: false })).not.toContain('start');
    expect(commandsFor({ ...member, isAssignee: false })).not.toContain('assign');
    expect(commandsFor({ ...contactPerson, isAssignee: false })).toContain('assign');
    expect(commandsFor({ ...member, isAssignee: false })).toContain('post_note');
  });

  it('P1: only who reads the team notes may post one', () => {
    const school = {
      status: 'in_progress' as const,
      type: 'pupil_advice' as const,
      may: may(['requests.contribute']),
      isAssignee: false,
    };
    expect(commandsFor(school)).toContain('post_message');
    expect(commandsFor(school)).not.toContain('post_note');
  });

  it('R10: the school records the parents-informed step only for a submitted group request', () => {
    const context = {
      may: may(['requests.record_parents_informed']),
      isAssignee: false,
    };
    expect(commandsFor({ ...context, status: 'submitted', type: 'group_guidance' })).toEqual([
      'record_parents_informed',
    ]);
    expect(commandsFor({ ...context, status: 'submitted', type: 'pupil_advice' })).toEqual([]);
  });
});

describe('P8: who read the file, as the family is told', () => {
  it('P8: shows a parent always, a pupil from their 16th birthday', () => {
    expect(mayHolderSeeReaders({ kind: 'parent', birthDate: null }, '2026-12-07')).toBe(true);
    expect(mayHolderSeeReaders({ kind: 'pupil', birthDate: '2010-12-07' }, '2026-12-07')).toBe(true);
    expect(mayHolderSeeReaders({ kind: 'pupil', birthDate: '2010-12-08' }, '2026-12-07')).toBe(false);
    expect(mayHolderSeeReaders({ kind: 'pupil', birthDate: null }, '2026-12-07')).toBe(false);
  });
});
