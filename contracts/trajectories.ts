import { z } from 'zod';
import {
  dateSchema,
  multilineTextSchema,
  pageSchema,
  paginationQuerySchema,
  storedDateSchema,
  textSchema,
} from './fields.ts';
import { withoutBsn } from './pupils.ts';

/**
 * The vocabulary of expertise-point trajectories (issue 7, rules E2–E11): shared by the server's
 * tables and rules and the web screens. The intake's input schemas are here too; the other parts
 * (OPP, attendance, records) have their own contract files.
 */

/** Where a trajectory stands: from the signal (E9) through eligibility (E2) to the end (E11). */
export const trajectoryStatuses = ['signalled', 'not_eligible', 'eligible', 'active', 'ended'] as const;
export type TrajectoryStatus = (typeof trajectoryStatuses)[number];

/** Who raised the concern (E9): a teacher, or the parents through the mentor. */
export const signalSources = ['teacher', 'parents'] as const;
export type SignalSource = (typeof signalSources)[number];

/** With whom the teacher discusses the signal first (E9). */
export const signalDiscussWith = ['mentor', 'team_leader', 'care_coordinator'] as const;
export type SignalDiscussWith = (typeof signalDiscussWith)[number];

/** The kinds of problem the expertise point is for (E2). */
export const problemKinds = ['behavioural', 'psychological', 'medical', 'autism_contact'] as const;
export type ProblemKind = (typeof problemKinds)[number];

/** How a conversation took place. */
export const contactChannels = ['in_person', 'phone', 'email', 'video', 'letter'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** Whom the expertise point was in contact with (E5). */
export const contactParties = [
  'parents',
  'teacher',
  'mentor',
  'team_leader',
  'care_coordinator',
  'other',
] as const;
export type ContactParty = (typeof contactParties)[number];

/** Why a pupil is at the expertise point (E3, E7). */
export const visitReasons = ['planned', 'independent_work', 'time_out', 'crisis'] as const;
export type VisitReason = (typeof visitReasons)[number];

/** A homework item (E4). */
export const homeworkKinds = ['assignment', 'test'] as const;
export type HomeworkKind = (typeof homeworkKinds)[number];

/**
 * What a planned homework session is. Every expertise point helps a pupil plan and do homework and
 * assignments and checks it (E4): a `work` session. Only where the location offers it (E8) does the
 * VSO teacher also help the pupil structure and plan their homework as a whole (`structuring`) or
 * give homework support, guiding the pupil through the homework itself (`homework_support`).
 */
export const homeworkSessionKinds = ['work', 'structuring', 'homework_support'] as const;
export type HomeworkSessionKind = (typeof homeworkSessionKinds)[number];
/** The session kinds only a location with the homework extras offers (E8). */
export const extraHomeworkSessionKinds: readonly HomeworkSessionKind[] = ['structuring', 'homework_support'];

/** The VSO teacher's check of a work session (E4). */
export const homeworkChecks = ['done', 'partly', 'not_done'] as const;
export type HomeworkCheck = (typeof homeworkChecks)[number];

/** The kind of outside help a pupil is referred to with the ZAT (E7). */
export const agencyKinds = [
  'youth_care',
  'mental_health',
  'social_work',
  'school_doctor',
  'attendance_officer',
  'other',
] as const;
export type AgencyKind = (typeof agencyKinds)[number];

/** The parents' consent to a referral (P3). */
export const referralConsents = ['pending', 'given', 'refused'] as const;
export type ReferralConsent = (typeof referralConsents)[number];

/** Support for the school's teachers (E6). */
export const teacherSupportKinds = ['training', 'class_support', 'tip'] as const;
export type TeacherSupportKind = (typeof teacherSupportKinds)[number];

/** The parents' answer to the action part of the OPP (E9). */
export const parentAgreements = ['agree', 'disagree'] as const;
export type ParentAgreement = (typeof parentAgreements)[number];

/** Why a trajectory ended (E11). */
export const endReasons = [
  'goals_reached',
  'diploma',
  'moved_school',
  'special_education',
  'parents_request',
  'other',
] as const;
export type EndReason = (typeof endReasons)[number];

/** Dutch secondary diploma levels (E11). */
export const diplomaLevels = [
  'vmbo_bb',
  'vmbo_kb',
  'vmbo_gl_tl',
  'havo',
  'vwo',
  'praktijkonderwijs',
  'entree',
] as const;
export type DiplomaLevel = (typeof diplomaLevels)[number];

const requiredText = (max: number) => textSchema(max).min(1);
const requiredMultilineText = (max: number) => multilineTextSchema(max).min(1);

/**
 * A signal (E9): a teacher's concern about a pupil, or the mentor's note that the parents raised one.
 * A teacher picks with whom to discuss it first; for the parents' route that is the care coordinator
 * or team leader.
 */
export const signalInputSchema = z.strictObject({
  locationId: z.uuid(),
  /**
   * The pupil picked from the school's register (Y1); the form still sends the name, birth date and
   * class, which the trajectory keeps as signalled. Without it the typed pupil is added to the register.
   */
  pupilId: z.uuid().nullable().default(null),
  // Never a BSN (Y1): the typed pupil goes into the school's register too.
  pupilFirstName: withoutBsn(requiredText(100)),
  pupilLastName: withoutBsn(requiredText(100)),
  pupilBirthDate: dateSchema.nullable().default(null),
  pupilClass: withoutBsn(requiredText(20)),
  mentorUserId: z.uuid(),
  source: z.enum(signalSources),
  observed: requiredMultilineText(4000),
  since: textSchema(200).default(''),
  tried: multilineTextSchema(4000).default(''),
  discussWith: z.enum(signalDiscussWith),
});
export type SignalInput = z.infer<typeof signalInputSchema>;

/** The discussion of the signal with the mentor, team leader or care coordinator (E9). */
export const discussionInputSchema = z.strictObject({
  discussedOn: dateSchema,
  outcome: requiredMultilineText(4000),
});
export type DiscussionInput = z.infer<typeof discussionInputSchema>;

/** The mentor's contact with the parents about the concern (E9). */
export const parentsContactInputSchema = z.strictObject({
  contactedOn: dateSchema,
  how: z.enum(contactChannels),
  outcome: requiredMultilineText(4000),
});
export type ParentsContactInput = z.infer<typeof parentsContactInputSchema>;

/** The eligibility decision (E2): the kinds of problem and reasons, or the alternative advice. */
export const decisionInputSchema = z.strictObject({
  decidedOn: dateSchema,
  eligible: z.boolean(),
  problemKinds: z.array(z.enum(problemKinds)).max(problemKinds.length).default([]),
  reasons: requiredMultilineText(4000),
  alternativeAdvice: multilineTextSchema(4000).nullable().default(null),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

/**
 * E13: the date extra support started, which the OPP's six weeks run from; null puts it back on the
 * eligibility decision's date.
 */
export const supportStartInputSchema = z.strictObject({ supportStartedOn: dateSchema.nullable() });
export type SupportStartInput = z.infer<typeof supportStartInputSchema>;

/** Where the OPP stands against its six weeks (E13) on a day. */
export const oppDeadlineStates = [
  'none',
  'open',
  'near',
  'overdue',
  'adopted_in_time',
  'adopted_late',
] as const;
export type OppDeadlineState = (typeof oppDeadlineStates)[number];

/** The mentor explained the decision to the parents (E9). */
export const explainedInputSchema = z.strictObject({
  explainedOn: dateSchema,
  how: z.enum(contactChannels),
});
export type ExplainedInput = z.infer<typeof explainedInputSchema>;

/** The end of a trajectory and its outcome (E11). */
export const endInputSchema = z.strictObject({
  endedOn: dateSchema,
  reason: z.enum(endReasons),
  diplomaObtained: z.boolean(),
  diplomaLevel: z.enum(diplomaLevels).nullable().default(null),
  nextDestination: requiredText(500),
});
export type EndInput = z.infer<typeof endInputSchema>;

/**
 * The columns a trajectory list sorts on, ascending or with `-` descending; without one the most
 * recently changed come first. Only these: each maps to plain columns the server orders by.
 */
export const trajectorySortKeys = ['pupil', 'pupilClass', 'signalledOn'] as const;
export type TrajectorySortKey = (typeof trajectorySortKeys)[number];
export const trajectorySorts = [
  ...trajectorySortKeys,
  ...trajectorySortKeys.map((key) => `-${key}` as const),
] as const;

/**
 * What a pupil's file waits for: an OPP to adopt, one past its six weeks (E13: after extra support
 * started) or its yearly evaluation ("Mijn werk" links here with it).
 */
export const trajectoryAttentions = ['opp_to_adopt', 'opp_adoption_overdue', 'opp_evaluation_due'] as const;
export type TrajectoryAttention = (typeof trajectoryAttentions)[number];

export const trajectoryListQuerySchema = paginationQuerySchema.extend({
  status: z.enum(trajectoryStatuses).optional(),
  attention: z.enum(trajectoryAttentions).optional(),
  locationId: z.uuid().optional(),
  sort: z.enum(trajectorySorts).optional(),
});
export type TrajectoryListQuery = z.infer<typeof trajectoryListQuerySchema>;

const personSchema = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const trajectorySummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(trajectoryStatuses),
  pupilName: z.string(),
  pupilClass: z.string(),
  locationId: z.uuid(),
  locationName: z.string(),
  mentorName: z.string(),
  signalledOn: storedDateSchema,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TrajectorySummary = z.infer<typeof trajectorySummarySchema>;
export const trajectoryPageSchema = pageSchema(trajectorySummarySchema);

/**
 * One trajectory. `view` says how much the reader may see (P1): a teacher who signalled sees the signal
 * and where it stands, not the decision's reasons or the rest of the file.
 */
export const trajectoryDetailSchema = z.object({
  id: z.uuid(),
  view: z.enum(['file', 'signal']),
  status: z.enum(trajectoryStatuses),
  locationId: z.uuid(),
  locationName: z.string(),
  offersHomeworkSupport: z.boolean(),
  pupilFirstName: z.string(),
  pupilLastName: z.string(),
  pupilBirthDate: storedDateSchema.nullable(),
  pupilClass: z.string(),
  /** The pupil's entry in the school's register (Y1), for the file's readers. */
  pupilId: z.uuid().nullable(),
  mentor: personSchema,
  signal: z.object({
    source: z.enum(signalSources),
    observed: z.string(),
    since: z.string(),
    tried: z.string(),
    discussWith: z.enum(signalDiscussWith).nullable(),
    signalledBy: personSchema,
    signalledOn: storedDateSchema,
  }),
  discussion: z
    .object({ discussedOn: storedDateSchema, outcome: z.string(), discussedBy: personSchema })
    .nullable(),
  parentsContact: z
    .object({
      contactedOn: storedDateSchema,
      how: z.enum(contactChannels),
      outcome: z.string(),
      contactedBy: personSchema,
    })
    .nullable(),
  decision: z
    .object({
      decidedOn: storedDateSchema,
      eligible: z.boolean(),
      problemKinds: z.array(z.enum(problemKinds)),
      reasons: z.string(),
      alternativeAdvice: z.string().nullable(),
      decidedBy: personSchema,
    })
    .nullable(),
  explained: z
    .object({ explainedOn: storedDateSchema, how: z.enum(contactChannels), explainedBy: personSchema })
    .nullable(),
  end: z
    .object({
      endedOn: storedDateSchema,
      reason: z.enum(endReasons),
      diplomaObtained: z.boolean(),
      diplomaLevel: z.enum(diplomaLevels).nullable(),
      nextDestination: z.string(),
      endedBy: personSchema,
    })
    .nullable(),
  /**
   * The OPP's six weeks (E13), for the file's readers of an eligible pupil: when extra support started
   * (`startIsSet`: set on the trajectory, else the decision's date), the last day to adopt it, and where
   * it stands today.
   */
  oppDeadline: z
    .object({
      supportStartedOn: storedDateSchema,
      startIsSet: z.boolean(),
      deadline: storedDateSchema,
      state: z.enum(oppDeadlineStates),
      firstAdoptedOn: storedDateSchema.nullable(),
    })
    .nullable(),
  /** What the reader may do next on this trajectory (the server checks again). */
  may: z.object({ intake: z.boolean(), decide: z.boolean(), end: z.boolean() }),
});
export type TrajectoryDetail = z.infer<typeof trajectoryDetailSchema>;

/** The mentors of a location, to pick from when signalling. */
export const mentorOptionsSchema = z.array(z.object({ id: z.uuid(), name: z.string() }));
