import type { OppContent, OppDraftInput, OppEvaluationState } from '../../../contracts/opp.ts';
import { addDays, schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import type { TrajectoryStatus } from '../../../contracts/trajectories.ts';

export type OppProblem = { path: string; code: string };

/** The rule codes an OPP command can be refused with (message keys `errors.<code>` in the opp catalogue). */
export type OppRuleCode =
  | 'opp_trajectory_not_open'
  | 'opp_draft_exists'
  | 'opp_not_draft'
  | 'opp_not_adopted'
  | 'opp_adoption_incomplete';

/**
 * The evaluation is due this many days before the school year ends at the latest (E9: at least once
 * per school year), when no planned moment has come earlier.
 */
export const evaluationDueWindowDays = 42;

/** An OPP is drawn up for an eligible pupil and kept up while the trajectory is active (E9). */
export function isOppOpen(status: TrajectoryStatus): boolean {
  return status === 'eligible' || status === 'active';
}

type DraftFacts = { today: string; offersHomeworkSupport: boolean };

/**
 * What is wrong with a draft's content: evaluation moments of a new version not in the past; the
 * parents' discussion not in the future; a disagreement with the action part explained. A homework
 * agreement is allowed at every expertise point (E4: every point helps with homework and checks it).
 */
export function findDraftProblems(content: OppDraftInput, facts: DraftFacts): OppProblem[] {
  const problems: OppProblem[] = [];
  content.evaluationDates.forEach((date, index) => {
    if (date < facts.today)
      problems.push({ path: `evaluationDates.${index}`, code: 'opp_evaluation_date_past' });
  });
  if (content.parentsDiscussedOn && content.parentsDiscussedOn > facts.today)
    problems.push({ path: 'parentsDiscussedOn', code: 'opp_discussion_in_future' });
  if (content.parentsAgreement === 'disagree' && !content.parentsAgreementComments?.trim())
    problems.push({ path: 'parentsAgreementComments', code: 'opp_disagreement_needs_comments' });
  return problems;
}

/**
 * What a draft still lacks to be adopted (E9): the draft rules, an expected exit destination, the
 * parents' discussion (date and participants) and their answer on the action part.
 */
export function findAdoptionProblems(content: OppDraftInput, facts: DraftFacts): OppProblem[] {
  const problems = findDraftProblems(content, facts);
  if (!content.exitDestination.trim())
    problems.push({ path: 'exitDestination', code: 'opp_exit_destination_required' });
  if (!content.parentsDiscussedOn)
    problems.push({ path: 'parentsDiscussedOn', code: 'opp_discussion_date_required' });
  if (!content.parentsDiscussionParticipants?.trim())
    problems.push({ path: 'parentsDiscussionParticipants', code: 'opp_discussion_participants_required' });
  if (!content.parentsAgreement)
    problems.push({ path: 'parentsAgreement', code: 'opp_parents_agreement_required' });
  return problems;
}

/**
 * The content a new draft starts from: a copy of the latest version. Past evaluation moments stay
 * with the version they were planned in; a homework agreement is not carried to a location that
 * no longer offers homework support (E8). The parents discuss every new version again.
 */
export function contentForNewDraft(from: OppContent | null, facts: DraftFacts): OppDraftInput {
  return {
    exitDestination: from?.exitDestination ?? '',
    exitReasons: from?.exitReasons ?? '',
    hinderingFactors: from?.hinderingFactors ?? '',
    supportingFactors: from?.supportingFactors ?? '',
    support: from?.support.map((line) => ({ ...line })) ?? [],
    independentWorkAgreement: from?.independentWorkAgreement ?? '',
    homeworkAgreement: from?.homeworkAgreement ?? null,
    curriculumDeviations: from?.curriculumDeviations ?? '',
    evaluationDates: (from?.evaluationDates ?? []).filter((date) => date >= facts.today),
    parentsDiscussedOn: null,
    parentsDiscussionParticipants: null,
    parentsView: null,
    parentsAgreement: null,
    parentsAgreementComments: null,
    pupilView: from?.pupilView ?? null,
  };
}

/** An evaluation happened on or after the adoption and not later than today. */
export function findEvaluationProblems(
  evaluatedOn: string,
  facts: { today: string; adoptedOn: string },
): OppProblem[] {
  if (evaluatedOn > facts.today) return [{ path: 'evaluatedOn', code: 'opp_evaluation_in_future' }];
  if (evaluatedOn < facts.adoptedOn) return [{ path: 'evaluatedOn', code: 'opp_evaluation_before_adoption' }];
  return [];
}

/**
 * Where an adopted OPP stands with its yearly evaluation (E9). It is due when it was not evaluated in
 * the current school year and either a planned moment of this school year has passed or the school
 * year ends within six weeks.
 */
export function evaluationStateOf(facts: {
  hasAdopted: boolean;
  evaluatedOn: string[];
  plannedDates: string[];
  today: string;
}): OppEvaluationState {
  const schoolYear = schoolYearOf(facts.today);
  const { start, end } = schoolYearBounds(schoolYear);
  const evaluatedThisYear = facts.evaluatedOn.some((date) => date >= start && date <= end);
  const lastEvaluatedOn = [...facts.evaluatedOn].sort().at(-1) ?? null;
  const nextPlannedOn = [...facts.plannedDates].sort().find((date) => date >= facts.today) ?? null;
  const plannedPassed = facts.plannedDates.some((date) => date >= start && date < facts.today);
  const yearEnding = facts.today >= addDays(end, -evaluationDueWindowDays);
  return {
    schoolYear,
    evaluatedThisYear,
    lastEvaluatedOn,
    nextPlannedOn,
    due: facts.hasAdopted && !evaluatedThisYear && (plannedPassed || yearEnding),
  };
}

/** A parent link opens the OPP while it is neither revoked nor expired, and the trajectory runs. */
export function isParentLinkUsable(
  link: { revokedAt: Date | null; expiresAt: Date },
  trajectoryStatus: TrajectoryStatus,
  now: Date,
): boolean {
  return link.revokedAt === null && link.expiresAt.getTime() > now.getTime() && trajectoryStatus === 'active';
}

/** What the staff member may do with the OPP now; drives the buttons, the service checks again. */
export function oppCommandsOf(facts: {
  status: TrajectoryStatus;
  hasDraft: boolean;
  hasAdopted: boolean;
}): Array<'draft' | 'edit' | 'adopt' | 'evaluate' | 'share'> {
  if (!isOppOpen(facts.status)) return [];
  const commands: Array<'draft' | 'edit' | 'adopt' | 'evaluate' | 'share'> = [];
  if (!facts.hasDraft) commands.push('draft');
  if (facts.hasDraft) commands.push('edit', 'adopt');
  if (facts.hasAdopted && facts.status === 'active') commands.push('evaluate', 'share');
  return commands;
}
