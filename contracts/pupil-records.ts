import { z } from 'zod';
import {
  dateSchema,
  multilineTextSchema,
  pageSchema,
  paginationQuerySchema,
  schoolYearSchema,
  storedDateSchema,
  textSchema,
} from './fields.ts';
import {
  agencyKinds,
  contactChannels,
  contactParties,
  referralConsents,
  teacherSupportKinds,
} from './trajectories.ts';

/**
 * The expertise point's records around a pupil and its school (issue 7): contacts (E5), referrals to
 * outside help with the ZAT (E7, P3), support for teachers (E6) and the overview per location.
 */

/** An optional free text: empty becomes null, so "nothing written" has one form. */
const optionalText = (max: number) =>
  multilineTextSchema(max)
    .nullable()
    .default(null)
    .transform((value) => (value ? value : null));
const person = z.object({ id: z.uuid(), name: z.string() });

// ——— Contacts (E5) ———

export const contactInputSchema = z.strictObject({
  contactOn: dateSchema,
  party: z.enum(contactParties),
  /** The person's name or role, e.g. "moeder" or "docent wiskunde". */
  partyName: textSchema(200).default(''),
  channel: z.enum(contactChannels),
  summary: multilineTextSchema(5000).min(1),
  followUp: optionalText(2000),
  followUpOwnerUserId: z.uuid().nullable().default(null),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export const contactSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  contactOn: storedDateSchema,
  party: z.enum(contactParties),
  partyName: z.string(),
  channel: z.enum(contactChannels),
  summary: z.string(),
  followUp: z.string().nullable(),
  followUpOwner: person.nullable(),
  followUpDoneAt: z.string().nullable(),
  createdBy: person,
  createdAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactListQuerySchema = paginationQuerySchema;
export const contactPageSchema = pageSchema(contactSchema).extend({
  /** Who may own a follow-up: users of the pupil's location who may read the trajectory. */
  followUpOwners: z.array(person),
});
export type ContactPage = z.infer<typeof contactPageSchema>;

// ——— Referrals to outside help with the ZAT (E7, P3) ———

/** Where a referral stands; derived from consent and outcome. */
export const referralStates = ['awaiting_consent', 'consent_refused', 'in_progress', 'completed'] as const;
export type ReferralState = (typeof referralStates)[number];

const referralFields = {
  referredOn: dateSchema,
  agencyKind: z.enum(agencyKinds),
  reason: multilineTextSchema(5000).min(1),
  parentalConsent: z.enum(referralConsents),
  consentRecordedOn: dateSchema.nullable(),
  zatDiscussedOn: dateSchema.nullable(),
  zatDiscussion: optionalText(5000),
  outcome: optionalText(5000),
  outcomeOn: dateSchema.nullable(),
};

export const referralInputSchema = z.strictObject({
  ...referralFields,
  parentalConsent: referralFields.parentalConsent.default('pending'),
  consentRecordedOn: referralFields.consentRecordedOn.default(null),
  zatDiscussedOn: referralFields.zatDiscussedOn.default(null),
  outcomeOn: referralFields.outcomeOn.default(null),
});
export type ReferralInput = z.infer<typeof referralInputSchema>;

/** A step on an existing referral: only the fields sent change (consent, the ZAT talk, the outcome). */
export const referralUpdateSchema = z.strictObject({
  referredOn: referralFields.referredOn.optional(),
  agencyKind: referralFields.agencyKind.optional(),
  reason: referralFields.reason.optional(),
  parentalConsent: referralFields.parentalConsent.optional(),
  consentRecordedOn: referralFields.consentRecordedOn.optional(),
  zatDiscussedOn: referralFields.zatDiscussedOn.optional(),
  zatDiscussion: multilineTextSchema(5000)
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null)),
  outcome: multilineTextSchema(5000)
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null)),
  outcomeOn: referralFields.outcomeOn.optional(),
});
export type ReferralUpdate = z.infer<typeof referralUpdateSchema>;

export const referralSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  referredOn: storedDateSchema,
  agencyKind: z.enum(agencyKinds),
  reason: z.string(),
  parentalConsent: z.enum(referralConsents),
  consentRecordedOn: storedDateSchema.nullable(),
  zatDiscussedOn: storedDateSchema.nullable(),
  zatDiscussion: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeOn: storedDateSchema.nullable(),
  state: z.enum(referralStates),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Referral = z.infer<typeof referralSchema>;

export const referralListQuerySchema = paginationQuerySchema;
export const referralPageSchema = pageSchema(referralSchema);
export type ReferralPage = z.infer<typeof referralPageSchema>;

// ——— Support for teachers (E6) ———

const supportCommon = { locationId: z.uuid(), occurredOn: dateSchema };

/** A training on behavioural problems, support in a class, or a tip; each with its own fields. */
export const teacherSupportInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('training'),
    ...supportCommon,
    topic: textSchema(200).min(1),
    participantCount: z.number().int().min(1).max(10_000),
    description: multilineTextSchema(5000).default(''),
  }),
  z.strictObject({
    kind: z.literal('class_support'),
    ...supportCommon,
    teacherName: textSchema(200).min(1),
    className: textSchema(50).min(1),
    topic: textSchema(200).default(''),
    /** What was done in the class. */
    description: multilineTextSchema(5000).min(1),
  }),
  z.strictObject({
    kind: z.literal('tip'),
    ...supportCommon,
    topic: textSchema(200).min(1),
    /** To whom: a teacher, a section, the whole team. */
    teacherName: textSchema(200).min(1),
    description: multilineTextSchema(5000).min(1),
  }),
]);
export type TeacherSupportInput = z.infer<typeof teacherSupportInputSchema>;

export const teacherSupportSchema = z.object({
  id: z.uuid(),
  locationId: z.uuid(),
  kind: z.enum(teacherSupportKinds),
  occurredOn: storedDateSchema,
  topic: z.string(),
  participantCount: z.number().int().nullable(),
  teacherName: z.string().nullable(),
  className: z.string().nullable(),
  description: z.string(),
  createdBy: person,
  createdAt: z.string(),
});
export type TeacherSupport = z.infer<typeof teacherSupportSchema>;

/** A location the user may choose on the expertise point's screens. */
export const locationChoiceSchema = z.object({ id: z.uuid(), name: z.string() });
export type LocationChoice = z.infer<typeof locationChoiceSchema>;

export const teacherSupportQuerySchema = paginationQuerySchema.extend({
  /** Without it: the first location the user may see. */
  locationId: z.uuid().optional(),
  kind: z.enum(teacherSupportKinds).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export type TeacherSupportQuery = z.infer<typeof teacherSupportQuerySchema>;

export const teacherSupportPageSchema = pageSchema(teacherSupportSchema).extend({
  locationId: z.uuid().nullable(),
  locations: z.array(locationChoiceSchema),
});
export type TeacherSupportPage = z.infer<typeof teacherSupportPageSchema>;

/** Signals per month at a location in a school year: counts only, no names (E6, the signalling role). */
export const signalsPerMonthQuerySchema = z.strictObject({
  locationId: z.uuid().optional(),
  schoolYear: schoolYearSchema.optional(),
});
export const signalsPerMonthSchema = z.object({
  locationId: z.uuid().nullable(),
  locations: z.array(locationChoiceSchema),
  schoolYear: z.number().int(),
  /** August to July, each "YYYY-MM", zero where nothing was signalled. */
  months: z.array(z.object({ month: z.string(), signals: z.number().int() })),
  total: z.number().int(),
});
export type SignalsPerMonth = z.infer<typeof signalsPerMonthSchema>;

// ——— Overview per location (issue 7, point 11) ———

export const expertisePointOverviewQuerySchema = z.strictObject({
  locationId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});
export type ExpertisePointOverviewQuery = z.infer<typeof expertisePointOverviewQuerySchema>;

export const overviewPupilSchema = z.object({
  trajectoryId: z.uuid(),
  name: z.string(),
  pupilClass: z.string(),
  visitsThisWeek: z.number().int(),
  contactsLast30Days: z.number().int(),
  pendingReferrals: z.number().int(),
  /** An adopted OPP without an evaluation this school year (E9). */
  evaluationDue: z.boolean(),
});
export type OverviewPupil = z.infer<typeof overviewPupilSchema>;

export const expertisePointOverviewSchema = z.object({
  locationId: z.uuid().nullable(),
  locations: z.array(locationChoiceSchema),
  schoolYear: z.number().int(),
  /** Monday and Sunday of this ISO week (Amsterdam). */
  weekStart: storedDateSchema,
  weekEnd: storedDateSchema,
  totals: z.object({
    activePupils: z.number().int(),
    visitsThisWeek: z.number().int(),
    pupilsVisitedThisWeek: z.number().int(),
    evaluationsDue: z.number().int(),
    contactsLast30Days: z.number().int(),
    referralsPending: z.number().int(),
  }),
  pupils: z.array(overviewPupilSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ExpertisePointOverview = z.infer<typeof expertisePointOverviewSchema>;
