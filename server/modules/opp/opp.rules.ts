import {
  type OppConsentDecision,
  type OppConsentGiver,
  type OppContent,
  type OppDraftInput,
  type OppEvaluationState,
  oppActionFields,
  oppPupilConsentAge,
  oppPupilLinkAge,
} from '../../../contracts/opp.ts';
import { addDays, ageOn, schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import type { TrajectoryStatus } from '../../../contracts/trajectories.ts';

export type OppProblem = { path: string; code: string };

/** The rule codes an OPP command can be refused with (message keys `errors.<code>` in the opp catalogue). */
export type OppRuleCode =
  | 'opp_trajectory_not_open'
  | 'opp_draft_exists'
  | 'opp_not_draft'
  | 'opp_not_adopted'
  | 'opp_adoption_incomplete'
  | 'opp_consent_required'
  | 'opp_consent_refused'
  | 'opp_consent_not_yours'
  | 'opp_no_consent_asked'
  | 'opp_link_trajectory_ended'
  | 'opp_pupil_link_too_young'
  | 'opp_link_not_pupil'
  | 'opp_nothing_to_share';

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
 * What a draft still lacks to be adopted (E9, E12): the draft rules, an expected exit destination, the
 * parents' discussion of the plan (date, participants, their response to the perspective part) and
 * consent on the action part as it is now — a refusal keeps the plan a draft.
 */
export function findAdoptionProblems(
  content: OppDraftInput,
  facts: DraftFacts & { consent: OppConsentDecision | null },
): OppProblem[] {
  const problems = findDraftProblems(content, facts);
  if (!content.exitDestination.trim())
    problems.push({ path: 'exitDestination', code: 'opp_exit_destination_required' });
  if (!content.parentsDiscussedOn)
    problems.push({ path: 'parentsDiscussedOn', code: 'opp_discussion_date_required' });
  if (!content.parentsDiscussionParticipants?.trim())
    problems.push({ path: 'parentsDiscussionParticipants', code: 'opp_discussion_participants_required' });
  if (!content.parentsAgreement)
    problems.push({ path: 'parentsAgreement', code: 'opp_parents_agreement_required' });
  if (facts.consent === null) problems.push({ path: 'consent', code: 'opp_consent_required' });
  if (facts.consent === 'refused') problems.push({ path: 'consent', code: 'opp_consent_refused' });
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

/**
 * Why a personal link does not open the plan, or null when it does: revoked or expired links are
 * simply invalid; once the trajectory has ended (or the pupil turned out not eligible) the holder is
 * told so (E12: the link asks for consent on a draft while the pupil is eligible, too).
 */
export function linkRefusalOf(
  link: { revokedAt: Date | null; expiresAt: Date },
  trajectoryStatus: TrajectoryStatus,
  now: Date,
): 'invalid_token' | 'opp_link_trajectory_ended' | null {
  if (link.revokedAt !== null || link.expiresAt.getTime() <= now.getTime()) return 'invalid_token';
  if (!isOppOpen(trajectoryStatus)) return 'opp_link_trajectory_ended';
  return null;
}

/** A parent link opens the OPP while it is neither revoked nor expired, and the trajectory runs. */
export function isParentLinkUsable(
  link: { revokedAt: Date | null; expiresAt: Date },
  trajectoryStatus: TrajectoryStatus,
  now: Date,
): boolean {
  return linkRefusalOf(link, trajectoryStatus, now) === null;
}

/**
 * Who consents to the action part on a day (E12): the pupil himself from 18, counted on the day of
 * consent; the parents before that, and when the birth date is not known.
 */
export function consentGiverOn(birthDate: string | null, onDate: string): OppConsentGiver {
  return birthDate && ageOn(birthDate, onDate) >= oppPupilConsentAge ? 'pupil' : 'parents';
}

/** A pupil gets their own link to the plan from 12 (their view is heard); the birth date must be known. */
export function isPupilLinkAllowed(birthDate: string | null, today: string): boolean {
  return birthDate !== null && ageOn(birthDate, today) >= oppPupilLinkAge;
}

/** The action part of a version's content (E12): what consent is given for. */
export function actionPartOf(content: OppDraftInput | OppContent): Record<string, unknown> {
  return Object.fromEntries(
    oppActionFields.map((field) => {
      const value = content[field];
      return [field, field === 'evaluationDates' ? [...(value as string[])].sort() : (value ?? null)];
    }),
  );
}

/** Whether a recorded answer still covers this action part: any change to it needs a new answer (E12). */
export function coversActionPart(
  recorded: Record<string, unknown>,
  current: Record<string, unknown>,
): boolean {
  return canonical(recorded) === canonical(current);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/**
 * The answer that counts for a version's action part as it is now (E12): the latest answer that
 * covers it. Answers are given newest first. A refusal counts until a later answer replaces it.
 */
export function consentDecisionOf(
  answers: Array<{ decision: OppConsentDecision; actionPart: Record<string, unknown> }>,
  currentActionPart: Record<string, unknown>,
): OppConsentDecision | null {
  return answers.find((answer) => coversActionPart(answer.actionPart, currentActionPart))?.decision ?? null;
}

/**
 * Whether the holder of a link answers on the action part (E12): the parents' link while the pupil is
 * under 18 on the day, the pupil's own link from 18.
 */
export function mayHolderAnswer(holder: OppConsentGiver, giver: OppConsentGiver): boolean {
  return holder === giver;
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
  if (facts.hasAdopted && facts.status === 'active') commands.push('evaluate');
  // A link goes out for a draft too: the parents answer on its action part through it (E12).
  if (facts.hasDraft || facts.hasAdopted) commands.push('share');
  return commands;
}
