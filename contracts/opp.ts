import { z } from 'zod';
import { dateSchema, multilineTextSchema, textSchema, tokenSchema } from './fields.ts';
import { fileReaderSchema } from './privacy.ts';
import { parentAgreements, trajectoryStatuses } from './trajectories.ts';

/**
 * The OPP (ontwikkelingsperspectiefplan, E9): drawn up per version, discussed with the parents,
 * adopted, evaluated at least once per school year, and readable by the parents through a link.
 */
export const oppVersionStatuses = ['draft', 'adopted', 'superseded'] as const;
export const oppVersionStatusSchema = z.enum(oppVersionStatuses);
export type OppVersionStatus = z.infer<typeof oppVersionStatusSchema>;

export const parentAgreementSchema = z.enum(parentAgreements);

/** How long a parent's link to the OPP works (days). */
export const oppParentLinkDays = 90;

/** One line of the support to be given: goal, approach, who, how often (E9). */
export const oppSupportLineSchema = z.strictObject({
  goal: textSchema(1000).min(1),
  approach: textSchema(2000).min(1),
  who: textSchema(200).min(1),
  frequency: textSchema(200).min(1),
});
export type OppSupportLine = z.infer<typeof oppSupportLineSchema>;

/**
 * The content of a draft, all of it at once: the plan, the agreements at the expertise point (E3),
 * homework support only where the location offers it (E4, E8), the evaluation moments, the parents'
 * discussion and answer, and the pupil's own view.
 */
export const oppDraftInputSchema = z.strictObject({
  exitDestination: textSchema(500).default(''),
  exitReasons: multilineTextSchema(5000).default(''),
  hinderingFactors: multilineTextSchema(5000).default(''),
  supportingFactors: multilineTextSchema(5000).default(''),
  support: z.array(oppSupportLineSchema).max(30).default([]),
  independentWorkAgreement: multilineTextSchema(5000).default(''),
  homeworkAgreement: multilineTextSchema(5000).nullable().default(null),
  curriculumDeviations: multilineTextSchema(5000).default(''),
  evaluationDates: z.array(dateSchema).max(12).default([]),
  parentsDiscussedOn: dateSchema.nullable().default(null),
  parentsDiscussionParticipants: textSchema(1000).nullable().default(null),
  parentsView: multilineTextSchema(5000).nullable().default(null),
  parentsAgreement: parentAgreementSchema.nullable().default(null),
  parentsAgreementComments: multilineTextSchema(5000).nullable().default(null),
  pupilView: multilineTextSchema(5000).nullable().default(null),
});
export type OppDraftInput = z.infer<typeof oppDraftInputSchema>;

/** An evaluation of the adopted OPP (E9). */
export const oppEvaluationInputSchema = z.strictObject({
  evaluatedOn: dateSchema,
  summary: multilineTextSchema(10_000).min(1),
});
export type OppEvaluationInput = z.infer<typeof oppEvaluationInputSchema>;

/** The parent's link, as the public page posts it (from the URL fragment, never the query string). */
export const oppParentTokenInputSchema = z.strictObject({ token: tokenSchema });

const person = z.object({ id: z.uuid(), name: z.string() });

/** The content fields of a version, as stored. */
export const oppContentSchema = z.object({
  exitDestination: z.string(),
  exitReasons: z.string(),
  hinderingFactors: z.string(),
  supportingFactors: z.string(),
  support: z.array(
    z.object({ goal: z.string(), approach: z.string(), who: z.string(), frequency: z.string() }),
  ),
  independentWorkAgreement: z.string(),
  homeworkAgreement: z.string().nullable(),
  curriculumDeviations: z.string(),
  evaluationDates: z.array(z.string()),
  parentsDiscussedOn: z.string().nullable(),
  parentsDiscussionParticipants: z.string().nullable(),
  parentsView: z.string().nullable(),
  parentsAgreement: parentAgreementSchema.nullable(),
  parentsAgreementComments: z.string().nullable(),
  pupilView: z.string().nullable(),
});
export type OppContent = z.infer<typeof oppContentSchema>;

export const oppEvaluationSchema = z.object({
  id: z.uuid(),
  oppVersionId: z.uuid(),
  version: z.number().int(),
  evaluatedOn: z.string(),
  summary: z.string(),
  evaluatedBy: person,
  createdAt: z.string(),
});
export type OppEvaluation = z.infer<typeof oppEvaluationSchema>;

export const oppVersionSchema = oppContentSchema.extend({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  version: z.number().int(),
  status: oppVersionStatusSchema,
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  adoptedAt: z.string().nullable(),
  adoptedBy: person.nullable(),
});
export type OppVersion = z.infer<typeof oppVersionSchema>;

export const oppVersionSummarySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: oppVersionStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  adoptedAt: z.string().nullable(),
  createdByName: z.string(),
});
export type OppVersionSummary = z.infer<typeof oppVersionSummarySchema>;

/** Where the pupil stands with the yearly evaluation (E9). */
export const oppEvaluationStateSchema = z.object({
  schoolYear: z.number().int(),
  evaluatedThisYear: z.boolean(),
  lastEvaluatedOn: z.string().nullable(),
  nextPlannedOn: z.string().nullable(),
  due: z.boolean(),
});
export type OppEvaluationState = z.infer<typeof oppEvaluationStateSchema>;

export const oppParentLinkSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  createdByName: z.string(),
  active: z.boolean(),
});
export type OppParentLink = z.infer<typeof oppParentLinkSchema>;

export const oppCommands = ['draft', 'edit', 'adopt', 'evaluate', 'share'] as const;

/** The pupil the OPP is about, for the page heading. */
const oppPupilSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  className: z.string(),
  locationName: z.string(),
});

/** A trajectory's OPP: its versions, the adopted and draft version, evaluations and parent links. */
export const oppOverviewSchema = z.object({
  trajectoryId: z.uuid(),
  trajectoryStatus: z.enum(trajectoryStatuses),
  offersHomeworkSupport: z.boolean(),
  pupil: oppPupilSchema,
  versions: z.array(oppVersionSummarySchema),
  adopted: oppVersionSchema.nullable(),
  draft: oppVersionSchema.nullable(),
  evaluations: z.array(oppEvaluationSchema),
  evaluation: oppEvaluationStateSchema,
  parentLinks: z.array(oppParentLinkSchema),
  commands: z.array(z.enum(oppCommands)),
});
export type OppOverview = z.infer<typeof oppOverviewSchema>;

/** One version with the pupil it is about and the evaluations made on it. */
export const oppVersionDetailSchema = oppVersionSchema.extend({
  pupil: oppPupilSchema,
  offersHomeworkSupport: z.boolean(),
  evaluations: z.array(oppEvaluationSchema),
  commands: z.array(z.enum(oppCommands)),
});
export type OppVersionDetail = z.infer<typeof oppVersionDetailSchema>;

/** A new parent link: the address is shown this once, only its hash is kept. */
export const oppParentLinkCreatedSchema = z.object({ link: oppParentLinkSchema, url: z.string() });
export type OppParentLinkCreated = z.infer<typeof oppParentLinkCreatedSchema>;

/** What the parent sees: the latest adopted version, read-only, and nothing else of the file. */
export const oppParentViewSchema = oppContentSchema.extend({
  partnershipName: z.string(),
  /** The partnership's public address (/p/:slug/…): where its privacy statement is. */
  partnershipSlug: z.string(),
  schoolName: z.string(),
  pupilFirstName: z.string(),
  version: z.number().int(),
  adoptedOn: z.string(),
  linkExpiresAt: z.string(),
  /** Who looked at the pupil's file at the expertise point, newest first (P8). */
  readers: z.array(fileReaderSchema),
});
export type OppParentView = z.infer<typeof oppParentViewSchema>;
