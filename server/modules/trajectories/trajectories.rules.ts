import { mentorRole } from '../../../contracts/roles.ts';
import type {
  DecisionInput,
  DiscussionInput,
  EndInput,
  ExplainedInput,
  ParentsContactInput,
  SignalInput,
  TrajectoryStatus,
} from '../../../contracts/trajectories.ts';

/** A field that breaks a rule, with the message key of `validation.<code>`. */
export type TrajectoryProblem = { path: string; code: string };

/**
 * The intake's steps and the statuses each may start from (E9): the table is the workflow. Adopting the
 * first OPP makes an eligible trajectory active (the OPP part does that).
 */
export const intakeSteps = {
  discuss: ['signalled', 'eligible', 'not_eligible', 'active'],
  contactParents: ['signalled', 'eligible', 'not_eligible', 'active'],
  decide: ['signalled'],
  explain: ['eligible', 'active'],
  end: ['eligible', 'active'],
} as const satisfies Record<string, readonly TrajectoryStatus[]>;
export type IntakeStep = keyof typeof intakeSteps;

/** Whether a step may be taken from this status. */
export function isStepAllowed(step: IntakeStep, status: TrajectoryStatus): boolean {
  return (intakeSteps[step] as readonly TrajectoryStatus[]).includes(status);
}

/** The status a decision leads to (E2). */
export function statusAfterDecision(eligible: boolean): TrajectoryStatus {
  return eligible ? 'eligible' : 'not_eligible';
}

// Something recorded about the past may not be dated after today, nor before what it follows.
function checkDate(
  problems: TrajectoryProblem[],
  path: string,
  date: string,
  today: string,
  notBefore: string | null,
) {
  if (date > today) problems.push({ path, code: 'date_in_future' });
  else if (notBefore && date < notBefore) problems.push({ path, code: 'date_before_previous_step' });
}

/**
 * A signal (E9): the pupil's birth date is in the past; when the parents raised the concern it is the
 * pupil's own mentor who records it, and it goes to the team leader or care coordinator, who are
 * involved on that route.
 */
export function findSignalProblems(
  input: SignalInput,
  facts: { today: string; actorUserId: string },
): TrajectoryProblem[] {
  const problems: TrajectoryProblem[] = [];
  if (input.pupilBirthDate && input.pupilBirthDate >= facts.today)
    problems.push({ path: 'pupilBirthDate', code: 'date_in_future' });
  if (input.source === 'parents') {
    if (input.mentorUserId !== facts.actorUserId)
      problems.push({ path: 'source', code: 'parents_signal_by_mentor' });
    if (input.discussWith === mentorRole)
      problems.push({ path: 'discussWith', code: 'parents_signal_discuss_with' });
  }
  return problems;
}

/** The signal's discussion (E9): not in the future, not before the signal. */
export function findDiscussionProblems(
  input: DiscussionInput,
  facts: { today: string; signalledOn: string },
): TrajectoryProblem[] {
  const problems: TrajectoryProblem[] = [];
  checkDate(problems, 'discussedOn', input.discussedOn, facts.today, facts.signalledOn);
  return problems;
}

/** The mentor's contact with the parents (E9): not in the future, not before the signal. */
export function findParentsContactProblems(
  input: ParentsContactInput,
  facts: { today: string; signalledOn: string },
): TrajectoryProblem[] {
  const problems: TrajectoryProblem[] = [];
  checkDate(problems, 'contactedOn', input.contactedOn, facts.today, facts.signalledOn);
  return problems;
}

/**
 * The eligibility decision (E2, E9). It follows the mentor's contact with the parents; an eligible pupil
 * has at least one kind of problem the expertise point is for; a pupil who does not qualify gets
 * alternative advice.
 */
export function findDecisionProblems(
  input: DecisionInput,
  facts: { today: string; signalledOn: string; parentsContactedOn: string | null },
): TrajectoryProblem[] {
  const problems: TrajectoryProblem[] = [];
  if (!facts.parentsContactedOn) problems.push({ path: 'decidedOn', code: 'parents_not_contacted' });
  checkDate(
    problems,
    'decidedOn',
    input.decidedOn,
    facts.today,
    facts.parentsContactedOn ?? facts.signalledOn,
  );
  if (input.eligible && input.problemKinds.length === 0)
    problems.push({ path: 'problemKinds', code: 'problem_kind_required' });
  if (!input.eligible && !input.alternativeAdvice)
    problems.push({ path: 'alternativeAdvice', code: 'alternative_advice_required' });
  return problems;
}

/** The mentor explained the decision to the parents (E9): after the decision, not in the future. */
export function findExplainedProblems(
  input: ExplainedInput,
  facts: { today: string; decidedOn: string },
): TrajectoryProblem[] {
  const problems: TrajectoryProblem[] = [];
  checkDate(problems, 'explainedOn', input.explainedOn, facts.today, facts.decidedOn);
  return problems;
}

/**
 * The end and its outcome (E11): a diploma comes with its level, a level without a diploma makes no
 * sense, and "diploma" as the reason needs the diploma.
 */
export function findEndProblems(
  input: EndInput,
  facts: { today: string; decidedOn: string },
): TrajectoryProblem[] {
  const problems: TrajectoryProblem[] = [];
  checkDate(problems, 'endedOn', input.endedOn, facts.today, facts.decidedOn);
  if (input.diplomaObtained && !input.diplomaLevel)
    problems.push({ path: 'diplomaLevel', code: 'diploma_level_required' });
  if (!input.diplomaObtained && input.diplomaLevel)
    problems.push({ path: 'diplomaLevel', code: 'diploma_level_without_diploma' });
  if (input.reason === 'diploma' && !input.diplomaObtained)
    problems.push({ path: 'diplomaObtained', code: 'diploma_reason_needs_diploma' });
  return problems;
}
