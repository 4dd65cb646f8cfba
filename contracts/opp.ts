import { z } from 'zod';
import {
  dateSchema,
  emailSchema,
  multilineTextSchema,
  personNameSchema,
  textSchema,
  tokenSchema,
} from './fields.ts';
import { fileReaderSchema } from './privacy.ts';
import { todayInAmsterdam } from './school-year.ts';
import { parentAgreements, trajectoryStatuses } from './trajectories.ts';

/**
 * The OPP (ontwikkelingsperspectiefplan, E9): drawn up per version, discussed with the parents,
 * adopted, evaluated at least once per school year, and readable by the parents through a link.
 */
export const oppVersionStatuses = ['draft', 'adopted', 'superseded'] as const;
export const oppVersionStatusSchema = z.enum(oppVersionStatuses);
export type OppVersionStatus = z.infer<typeof oppVersionStatusSchema>;

export const parentAgreementSchema = z.enum(parentAgreements);

/**
 * The OPP's two parts (E12): the perspective part (expected exit destination and its grounds) needs a
 * discussion with the parents aimed at agreement; the action part (the support, the agreements and the
 * evaluation moments) is adopted only with consent — the parents', or the pupil's own from 18.
 */
export const oppPerspectiveFields = [
  'exitDestination',
  'exitReasons',
  'hinderingFactors',
  'supportingFactors',
] as const;
export const oppActionFields = [
  'support',
  'independentWorkAgreement',
  'homeworkAgreement',
  'curriculumDeviations',
  'evaluationDates',
] as const;

/** Who consents to the action part (E12): the parents, or the pupil himself from 18. */
export const oppConsentGivers = ['parents', 'pupil'] as const;
export type OppConsentGiver = (typeof oppConsentGivers)[number];
export const oppConsentDecisions = ['given', 'refused'] as const;
export type OppConsentDecision = (typeof oppConsentDecisions)[number];
/** How an answer came in: through the personal link, or on paper (with a scan) recorded by staff. */
export const oppConsentMethods = ['link', 'paper'] as const;
/** Who holds a personal link: the parents (plan and consent) or the pupil (their own view, from 12). */
export const oppLinkHolders = ['parents', 'pupil'] as const;
export type OppLinkHolder = (typeof oppLinkHolders)[number];
/** The age from which a pupil gets their own link to the plan, and from which they consent themselves. */
export const oppPupilLinkAge = 12;
export const oppPupilConsentAge = 18;

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

/** A new personal link: for whom, and the address Passend mails it to (not kept). */
export const oppLinkInputSchema = z
  .strictObject({
    holder: z.enum(oppLinkHolders).default('parents'),
    email: emailSchema.nullable().default(null),
  })
  .default({ holder: 'parents', email: null });
export type OppLinkInput = z.infer<typeof oppLinkInputSchema>;

/** The answer on the action part through the personal link (E12); a refusal comes with comments. */
export const oppConsentAnswerInputSchema = z
  .strictObject({
    token: tokenSchema,
    decision: z.enum(oppConsentDecisions),
    comments: multilineTextSchema(5000).default(''),
  })
  .superRefine((value, context) => {
    if (value.decision === 'refused' && !value.comments.trim())
      context.addIssue({ code: 'custom', path: ['comments'], message: 'opp_refusal_needs_comments' });
  });
export type OppConsentAnswerInput = z.infer<typeof oppConsentAnswerInputSchema>;

/** Fields of the multipart upload of a paper answer on the action part (the scan is the `file` part). */
export const oppPaperConsentFieldsSchema = z
  .strictObject({
    decision: z.enum(oppConsentDecisions),
    signedOn: dateSchema,
    /** Who signed, as written on the form. */
    signedBy: personNameSchema,
    comments: multilineTextSchema(5000).default(''),
  })
  .superRefine((value, context) => {
    if (value.signedOn > todayInAmsterdam())
      context.addIssue({ code: 'custom', path: ['signedOn'], message: 'date_in_future' });
    if (value.decision === 'refused' && !value.comments.trim())
      context.addIssue({ code: 'custom', path: ['comments'], message: 'opp_refusal_needs_comments' });
  });
export type OppPaperConsentFields = z.infer<typeof oppPaperConsentFieldsSchema>;

/** The pupil's own view on their plan, through their link (hoorrecht). */
export const oppPupilViewInputSchema = z.strictObject({
  token: tokenSchema,
  view: multilineTextSchema(5000).min(1),
});
export type OppPupilViewInput = z.infer<typeof oppPupilViewInputSchema>;

/** One recorded answer on a version's action part: who, when, how and for which version (E12, P3). */
export const oppConsentSchema = z.object({
  id: z.uuid(),
  oppVersionId: z.uuid(),
  version: z.number().int(),
  decision: z.enum(oppConsentDecisions),
  givenBy: z.enum(oppConsentGivers),
  method: z.enum(oppConsentMethods),
  decidedOn: z.string(),
  comments: z.string(),
  signedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  hasScan: z.boolean(),
  /** Whether it still covers the version's action part as it is now (a changed action part needs new consent). */
  current: z.boolean(),
  createdAt: z.string(),
});
export type OppConsent = z.infer<typeof oppConsentSchema>;

/** Where a version's action part stands with consent (E12). */
export const oppConsentStateSchema = z.object({
  giver: z.enum(oppConsentGivers),
  decision: z.enum(oppConsentDecisions).nullable(),
});
export type OppConsentState = z.infer<typeof oppConsentStateSchema>;

/** The pupil's own view, as they wrote it through their link. */
export const oppPupilOwnViewSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  view: z.string(),
  createdAt: z.string(),
});
export type OppPupilOwnView = z.infer<typeof oppPupilOwnViewSchema>;

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
  holder: z.enum(oppLinkHolders),
  mailedAt: z.string().nullable(),
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
  /** Who consents to the action part today (E12). */
  consentGiver: z.enum(oppConsentGivers),
  /** Whether the pupil is old enough for their own link (from 12). */
  pupilLinkAllowed: z.boolean(),
  /** The draft's consent state, null without a draft (E12). */
  draftConsent: oppConsentStateSchema.nullable(),
  consents: z.array(oppConsentSchema),
  pupilViews: z.array(oppPupilOwnViewSchema),
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

const oppPlanSchema = oppContentSchema.extend({ version: z.number().int() });

/**
 * What the holder of a personal link sees: the latest adopted version, read-only; the draft whose action
 * part waits for their consent (E12); and nothing else of the file.
 */
export const oppParentViewSchema = z.object({
  holder: z.enum(oppLinkHolders),
  partnershipName: z.string(),
  /** The partnership's public address (/p/:slug/…): where its privacy statement is. */
  partnershipSlug: z.string(),
  schoolName: z.string(),
  pupilFirstName: z.string(),
  adopted: oppPlanSchema.extend({ adoptedOn: z.string() }).nullable(),
  /** The draft whose action part asks for consent, with the answer so far; null without one. */
  consent: z
    .object({
      plan: oppPlanSchema,
      giver: z.enum(oppConsentGivers),
      /** Whether this link's holder is the one who answers (the parents, or the pupil from 18). */
      canAnswer: z.boolean(),
      answer: z
        .object({
          decision: z.enum(oppConsentDecisions),
          method: z.enum(oppConsentMethods),
          decidedOn: z.string(),
          comments: z.string(),
        })
        .nullable(),
    })
    .nullable(),
  /** The pupil's own latest view (on the pupil's page). */
  pupilOwnView: z.string().nullable(),
  linkExpiresAt: z.string(),
  /** Who looked at the pupil's file at the expertise point, newest first (P8). */
  readers: z.array(fileReaderSchema),
});
export type OppParentView = z.infer<typeof oppParentViewSchema>;
