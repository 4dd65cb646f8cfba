import {
  type ConsentDecision,
  type ConsentStatus,
  isGroupLevel,
  isPupilLevel,
  type PersonConsentState,
  type PupilSearchReach,
  type RequestCommand,
  type RequestForm,
  type RequestStatus,
  type RequestTransition,
  type RequestType,
} from '../../../contracts/requests.ts';
import type { Role } from '../../../contracts/roles.ts';
import { ageOn } from '../../../contracts/school-year.ts';
import type { Action, Scope } from '../../platform/access/policies.ts';

// --- The workflow --------------------------------------------------------------------------------

/** One allowed change of status; `to: 'same'` keeps the status, `'previous'` returns to before a pause. */
export type TransitionRow = {
  transition: RequestTransition;
  from: readonly RequestStatus[];
  to: RequestStatus | 'same' | 'previous';
  /** The policy actions under which this change may happen (directly, or as a consequence of them). */
  by: readonly Action[];
};

// Commands that can complete consent or the parents-informed step, and so move a request on.
const consentActions = ['consent.respond', 'requests.manage_consent'] as const satisfies readonly Action[];
const readyingActions = [
  'requests.submit',
  'requests.record_parents_informed',
  ...consentActions,
] as const satisfies readonly Action[];

/**
 * The allowed transitions of a support request: one table (issue 4, "Workflow"). Anything not in it
 * is refused with 409 and the reason.
 */
export const transitionTable: readonly TransitionRow[] = [
  { transition: 'submit', from: ['draft'], to: 'submitted', by: ['requests.submit'] },
  // R2: a request asking for direct support of a pupil is refused the moment it is submitted.
  { transition: 'refuse', from: ['draft'], to: 'refused', by: ['requests.submit'] },
  { transition: 'refuse', from: ['submitted', 'ready', 'assigned'], to: 'refused', by: ['requests.refuse'] },
  { transition: 'mark_ready', from: ['submitted'], to: 'ready', by: readyingActions },
  // A ready request goes to the school's contact person by default (R1), as part of the same command.
  { transition: 'assign', from: ['ready'], to: 'assigned', by: ['requests.assign', ...readyingActions] },
  { transition: 'reassign', from: ['assigned', 'in_progress'], to: 'same', by: ['requests.assign'] },
  { transition: 'start', from: ['assigned'], to: 'in_progress', by: ['requests.start'] },
  { transition: 'close', from: ['in_progress'], to: 'closed', by: ['requests.close'] },
  {
    transition: 'withdraw',
    from: ['submitted', 'ready', 'assigned', 'in_progress', 'paused'],
    to: 'withdrawn',
    by: ['requests.withdraw'],
  },
  // P3: withdrawn consent stops the work at once; after closing it marks the file as not to be built on.
  {
    transition: 'pause',
    from: ['ready', 'assigned', 'in_progress', 'closed'],
    to: 'paused',
    by: consentActions,
  },
  { transition: 'resume', from: ['paused'], to: 'previous', by: consentActions },
];

/**
 * P3: withdrawn consent stops the work from that moment. A paused request takes only the actions that
 * can restore or end it (consent, and the school withdrawing the request); reading stays possible.
 */
export const actionsWhilePaused: readonly Action[] = [
  ...consentActions,
  'requests.withdraw',
  'requests.read',
];

/** Whether the action may happen on a request in this status (P3: nothing but consent while paused). */
export function isWorkAllowed(status: RequestStatus, action: Action): boolean {
  return status !== 'paused' || actionsWhilePaused.includes(action);
}

/** Why a transition is refused: a stable error code for the 409. */
export type TransitionRefusal = 'transition_not_allowed' | 'consent_incomplete' | 'parents_not_informed';

/** What a request offers the transition check besides its status. */
export type TransitionContext = {
  status: RequestStatus;
  statusBeforePause?: RequestStatus | null;
  type?: RequestType | null;
  consentStatus?: ConsentStatus;
  parentsInformed?: boolean;
};

/**
 * The status a transition leads to from the request's status under an action, or the reason it is
 * refused. A submitted request that someone tries to take further is refused with what is missing.
 */
export function planTransition(
  context: TransitionContext,
  transition: RequestTransition,
  action: Action,
): { ok: true; to: RequestStatus } | { ok: false; reason: TransitionRefusal } {
  const row = transitionTable.find(
    (candidate) =>
      candidate.transition === transition &&
      candidate.from.includes(context.status) &&
      candidate.by.includes(action),
  );
  if (!row) {
    const advancing: RequestTransition[] = ['assign', 'start', 'close'];
    if (context.status === 'submitted' && advancing.includes(transition)) {
      return { ok: false, reason: missingStepOf(context) };
    }
    return { ok: false, reason: 'transition_not_allowed' };
  }
  if (row.to === 'same') return { ok: true, to: context.status };
  if (row.to === 'previous') return { ok: true, to: context.statusBeforePause ?? 'ready' };
  return { ok: true, to: row.to };
}

function missingStepOf(context: TransitionContext): TransitionRefusal {
  if (isGroupLevel(context.type) && !context.parentsInformed) return 'parents_not_informed';
  if (isPupilLevel(context.type) && context.consentStatus !== 'complete') return 'consent_incomplete';
  return 'transition_not_allowed';
}

/**
 * Whether a submitted request may move on to ready: consent complete for a pupil-level request
 * (R8, R9), the parents informed for work with a group (R10), nothing for the other types.
 */
export function isReadyToStart(context: TransitionContext): boolean {
  if (isPupilLevel(context.type) && context.consentStatus !== 'complete') return false;
  if (isGroupLevel(context.type) && !context.parentsInformed) return false;
  return true;
}

// --- The form (R2, R4, R6) -----------------------------------------------------------------------

// The completeness check is shared with the form (contracts), so the browser sends nothing it would refuse.
export { findSubmitProblems, type RequestForm } from '../../../contracts/requests.ts';

/** R2: the outcome of submitting: refused for direct pupil support, otherwise submitted. */
export function submitOutcomeOf(form: Pick<RequestForm, 'asksDirectPupilSupport'>): 'refuse' | 'submit' {
  return form.asksDirectPupilSupport === true ? 'refuse' : 'submit';
}

// --- Consent (R8, R9, P3) ------------------------------------------------------------------------

/** The age from which a pupil consents as well (R9). */
export const pupilConsentAge = 12;

export type ConsentPerson = {
  id: string;
  kind: 'parent' | 'pupil';
  hasAuthority: boolean | null;
  birthDate: string | null;
};

export type ConsentEvent = { personId: string; decision: ConsentDecision };

/** R9: whether the pupil must consent too, by their age on the day of consent. */
export function isPupilConsentRequired(birthDate: string, onDate: string): boolean {
  return ageOn(birthDate, onDate) >= pupilConsentAge;
}

/**
 * A person's current decision: the last record counts; "asked again" after a refusal opens the
 * question anew (null: no answer).
 */
export function currentDecisionOf(
  personId: string,
  events: readonly ConsentEvent[],
): 'given' | 'refused' | 'withdrawn' | null {
  const last = events.filter((event) => event.personId === personId).at(-1);
  if (!last || last.decision === 'asked_again') return null;
  return last.decision;
}

/**
 * Whose consent counts on a date (R8, R9): every parent with parental authority (or any one of them
 * when the partnership lets one suffice) and the pupil when 12 or older that day.
 */
export function requiredConsenters(
  people: readonly ConsentPerson[],
  options: { oneParentSuffices: boolean; onDate: string },
): { parents: ConsentPerson[]; pupil: ConsentPerson | null; anyParentSuffices: boolean } {
  const parents = people.filter((person) => person.kind === 'parent' && person.hasAuthority === true);
  const pupil = people.find((person) => person.kind === 'pupil') ?? null;
  const pupilRequired =
    pupil?.birthDate && isPupilConsentRequired(pupil.birthDate, options.onDate) ? pupil : null;
  return { parents, pupil: pupilRequired, anyParentSuffices: options.oneParentSuffices };
}

/**
 * The consent of a pupil-level request on a date. A refusal or withdrawal by anyone whose consent
 * counts blocks it, also when one parent would suffice: nobody works against an explicit no.
 */
export function evaluateConsent(
  people: readonly ConsentPerson[],
  events: readonly ConsentEvent[],
  options: { oneParentSuffices: boolean; onDate: string },
): ConsentStatus {
  const { parents, pupil, anyParentSuffices } = requiredConsenters(people, options);
  if (parents.length === 0) return 'pending';
  const counted = pupil ? [...parents, pupil] : parents;
  const decisions = counted.map((person) => currentDecisionOf(person.id, events));
  if (decisions.includes('withdrawn')) return 'withdrawn';
  if (decisions.includes('refused')) return 'refused';
  const parentsAgree = anyParentSuffices
    ? parents.some((parent) => currentDecisionOf(parent.id, events) === 'given')
    : parents.every((parent) => currentDecisionOf(parent.id, events) === 'given');
  const pupilAgrees = !pupil || currentDecisionOf(pupil.id, events) === 'given';
  return parentsAgree && pupilAgrees ? 'complete' : 'pending';
}

/**
 * R9: the consent of a request and the day its requirement is fixed on. While consent is still open,
 * whose consent counts is judged today (a pupil who turns 12 meanwhile is asked too); once it is
 * complete, it is judged on the day it became complete, from then on. Only when consent is open again
 * (asked again after a withdrawal or refusal) does the judgement return to today.
 */
export function settleConsent(
  people: readonly ConsentPerson[],
  events: readonly ConsentEvent[],
  options: { oneParentSuffices: boolean; today: string; fixedOn: string | null },
): { status: ConsentStatus; fixedOn: string | null } {
  const { oneParentSuffices, today } = options;
  if (options.fixedOn) {
    const status = evaluateConsent(people, events, { oneParentSuffices, onDate: options.fixedOn });
    if (status !== 'pending') return { status, fixedOn: options.fixedOn };
  }
  const status = evaluateConsent(people, events, { oneParentSuffices, onDate: today });
  return { status, fixedOn: status === 'complete' ? today : null };
}

/** The day on which whose consent counts is judged (R9): the fixed day once complete, else today. */
export function consentJudgementDate(request: { consentFixedOn: string | null }, today: string): string {
  return request.consentFixedOn ?? today;
}

/** Whether a person's consent counts towards completeness on the date. */
export function isConsentRequiredOf(person: ConsentPerson, options: { onDate: string }): boolean {
  if (person.kind === 'parent') return person.hasAuthority === true;
  return !!person.birthDate && isPupilConsentRequired(person.birthDate, options.onDate);
}

/** Where one person stands, from their decisions and their newest link. */
export function personConsentStateOf(
  decision: 'given' | 'refused' | 'withdrawn' | null,
  newestLink: { expiresAt: Date; answeredAt: Date | null; revokedAt: Date | null } | null,
  now: Date,
): PersonConsentState {
  if (decision) return decision;
  if (!newestLink || newestLink.revokedAt || newestLink.answeredAt) return 'not_asked';
  return newestLink.expiresAt <= now ? 'expired' : 'asked';
}

/** What a consent link may still be used for, or why not. */
export function consentLinkUse(
  link: { expiresAt: Date; answeredAt: Date | null; revokedAt: Date | null },
  decision: 'given' | 'refused' | 'withdrawn' | null,
  requestStatus: RequestStatus,
  now: Date,
): { canAnswer: boolean; canWithdraw: boolean; refusal: 'invalid_token' | 'consent_link_expired' | null } {
  const isOpen = !['closed', 'refused', 'withdrawn'].includes(requestStatus);
  if (link.revokedAt) return { canAnswer: false, canWithdraw: false, refusal: 'invalid_token' };
  // Consent can be withdrawn as long as the request's file exists, also after it was closed (P3).
  const canWithdraw = !['refused', 'withdrawn'].includes(requestStatus) && decision === 'given';
  if (link.answeredAt) return { canAnswer: false, canWithdraw, refusal: null };
  if (link.expiresAt <= now) return { canAnswer: false, canWithdraw, refusal: 'consent_link_expired' };
  return { canAnswer: isOpen && decision === null, canWithdraw, refusal: null };
}

/** How long a consent link stays valid for an answer (issue 4: 14 days). */
export const consentLinkDays = 14;

// --- Assignment (R1) -----------------------------------------------------------------------------

export type AssignmentCandidate = {
  userId: string;
  name: string;
  tagIds: readonly string[];
  tagNames: readonly string[];
  isFixedMember: boolean;
  isContact: boolean;
  contractedHours: number | null;
  openRequests: number;
  isAbsentToday: boolean;
};

/**
 * Ranks team members for a request (R1: by expertise and availability). Score: 10 per matching
 * expertise tag, 5 for a fixed member of the school and 2 more for its contact person, minus 1 per
 * open request, minus 50 when absent today; ties by name. The screen shows each part.
 */
export function rankCandidates<Candidate extends AssignmentCandidate>(
  candidates: readonly Candidate[],
  wantedTagIds: readonly string[],
): Array<Candidate & { matchingTags: string[]; score: number }> {
  return candidates
    .map((candidate) => {
      const matchingTags = candidate.tagIds.flatMap((tagId, index) =>
        wantedTagIds.includes(tagId) ? [candidate.tagNames[index] ?? ''] : [],
      );
      const score =
        matchingTags.length * 10 +
        (candidate.isFixedMember ? 5 : 0) +
        (candidate.isContact ? 2 : 0) -
        candidate.openRequests -
        (candidate.isAbsentToday ? 50 : 0);
      return { ...candidate, matchingTags, score };
    })
    .sort((left, right) => right.score - left.score || left.name.localeCompare(right.name, 'nl'));
}

// --- Commands on screen --------------------------------------------------------------------------

/** What the user is to the request, as the service works it out with the access check. */
export type CommandContext = {
  status: RequestStatus;
  type: RequestType | null;
  /**
   * Actions the actor may perform on this request's location/assignment (the policy per action):
   * assigning is the staff office's and the school's contact person's (R1), team notes the team's.
   */
  may: (action: Action) => boolean;
  isAssignee: boolean;
};

/** The commands to offer for a request right now; the server still checks every one. */
export function commandsFor(context: CommandContext): RequestCommand[] {
  const { status, may } = context;
  const commands: RequestCommand[] = [];
  const isOpen = !['closed', 'refused', 'withdrawn'].includes(status);
  if (status === 'draft' && may('requests.create')) commands.push('edit', 'delete');
  if (status === 'draft' && may('requests.submit')) commands.push('submit');
  if (['submitted', 'ready', 'assigned'].includes(status) && may('requests.refuse')) commands.push('refuse');
  if (['ready', 'assigned', 'in_progress'].includes(status) && may('requests.assign'))
    commands.push('assign');
  if (status === 'assigned' && may('requests.start') && context.isAssignee) commands.push('start');
  if (status === 'in_progress' && may('requests.close') && context.isAssignee) commands.push('close');
  if (status !== 'draft' && isOpen && may('requests.withdraw')) commands.push('withdraw');
  if (isGroupLevel(context.type) && status === 'submitted' && may('requests.record_parents_informed'))
    commands.push('record_parents_informed');
  if (
    isPupilLevel(context.type) &&
    !['draft', 'refused', 'withdrawn'].includes(status) &&
    may('requests.manage_consent')
  )
    commands.push('manage_consent');
  if (
    status !== 'draft' &&
    isOpen &&
    may('requests.change_teacher') &&
    isWorkAllowed(status, 'requests.change_teacher')
  )
    commands.push('change_teacher');
  // Files can be added while drafting; the thread opens once the request is submitted.
  const mayContribute = may('requests.contribute') && isWorkAllowed(status, 'requests.contribute');
  // The request's own files are the case file: who does not read them (the teacher on it, Y3) adds none.
  if (mayContribute && may('requests.read_case_file')) commands.push('upload_attachment');
  if (status !== 'draft' && mayContribute) {
    commands.push('post_message');
    if (may('requests.read_team_notes')) commands.push('post_note');
  }
  return commands;
}

/** From this age a pupil sees on their own link who read their file, as a parent does (P8). */
export const pupilSeesReadersAge = 16;

/** P8: whether the holder of a consent link is shown who read the file. */
export function mayHolderSeeReaders(
  holder: { kind: 'parent' | 'pupil'; birthDate: string | null },
  today: string,
) {
  if (holder.kind === 'parent') return true;
  return holder.birthDate !== null && ageOn(holder.birthDate, today) >= pupilSeesReadersAge;
}

/**
 * For an (re)assignment, its assignee as an audit detail (an id, no name): the request's record keeps only
 * the current assignee, so this is the history of who it was assigned to when (issue 15, third signal).
 */
export function assigneeOf(
  transition: RequestTransition,
  assignedUserId: string | null,
): Record<string, string | null> {
  return transition === 'assign' || transition === 'reassign' ? { assignee: assignedUserId } : {};
}

// --- The list's search -------------------------------------------------------------------------

/**
 * How far a search by pupil name reaches in the requests an actor lists (P1): `all` when every role
 * that lists requests is shown their pupils too, `some` when a role lists more than it is shown the
 * pupils of (the staff office: only requests assigned to it), `none` when no role is shown pupils. The
 * list screen words its search field by it, so it never promises a search that finds nothing.
 */
export function pupilSearchReachOf(
  roles: readonly Role[],
  scopesOf: (action: Action, role: Role) => readonly Scope[],
): PupilSearchReach {
  const listing = roles.filter((role) => scopesOf('requests.read', role).length > 0);
  const shown = listing.map((role) => ({
    read: scopesOf('requests.read', role),
    pupil: scopesOf('requests.read_pupil', role),
  }));
  if (shown.every(({ pupil }) => pupil.length === 0)) return 'none';
  const covers = ({ read, pupil }: { read: readonly Scope[]; pupil: readonly Scope[] }) =>
    pupil.includes('tenant') ||
    read.every(
      (scope) => pupil.includes(scope) || (scope === 'assigned_schools' && pupil.includes('assigned')),
    );
  return shown.every(covers) ? 'all' : 'some';
}
