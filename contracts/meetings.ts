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

/** The meetings of issue 6: the annual planning talk (R11), the SOT (R12), interim meetings (R13). */
export const meetingKinds = ['annual_talk', 'sot', 'interim'] as const;
export const meetingKindSchema = z.enum(meetingKinds);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(meetingStatuses);

/** How a participant takes part; the contact person and the IB are the ones the rules ask for. */
export const participantRoles = [
  'contact_person',
  'internal_coordinator',
  'director',
  'team_member',
  'teacher',
  'outside_party',
  'other',
] as const;
export const participantRoleSchema = z.enum(participantRoles);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid_time' });

export const participantInputSchema = z.strictObject({
  /** A Passend user, or null for someone named only (e.g. a youth-care worker). */
  userId: z.uuid().nullable().default(null),
  name: textSchema(200).min(1),
  role: participantRoleSchema,
  attended: z.boolean().nullable().default(null),
});
export type ParticipantInput = z.infer<typeof participantInputSchema>;

/**
 * Adding someone with a Passend account to a meeting: an action of its own, because a participant
 * reads the minutes from then on.
 */
export const participantAdditionSchema = z.strictObject({
  userId: z.uuid(),
  role: participantRoleSchema,
});
export type ParticipantAddition = z.infer<typeof participantAdditionSchema>;

/** Someone who can be added: the school's staff, the expertise team and the staff office. */
export const participantCandidateSchema = z.object({ userId: z.uuid(), name: z.string() });
export type ParticipantCandidate = z.infer<typeof participantCandidateSchema>;

/**
 * A meeting as planned or recorded. Times are wall-clock times in Amsterdam; the server turns them
 * into instants, right across daylight-saving changes.
 */
export const meetingInputSchema = z.strictObject({
  kind: meetingKindSchema,
  locationId: z.uuid(),
  date: dateSchema,
  startTime: clockTime,
  endTime: clockTime,
  place: textSchema(200).nullable().default(null),
  online: z.boolean().default(false),
  status: meetingStatusSchema.default('planned'),
  agenda: multilineTextSchema(10_000).nullable().default(null),
  /** Minutes of an SOT, notes of an annual talk: may mention pupils (need to know, reads audited). */
  minutes: multilineTextSchema(20_000).nullable().default(null),
  participants: z.array(participantInputSchema).max(40).default([]),
  /** Annual talk outcome (R11): requests expected in the coming period, expertise wanted, agreements. */
  expectedRequests: z.number().int().min(0).max(1000).nullable().default(null),
  wantedTagIds: z.array(z.uuid()).max(30).default([]),
  agreements: multilineTextSchema(10_000).nullable().default(null),
  /** Interim meeting (R13): who the outside parties are. */
  outsideParties: multilineTextSchema(500).nullable().default(null),
  /** Why a fifth SOT in a school year is planned anyway (R12). */
  overrideReason: multilineTextSchema(1000).nullable().default(null),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

/** The team's answer to an interim-meeting invitation (R13): attend with the reason, or decline. */
export const interimDecisionInputSchema = z.strictObject({
  decision: z.enum(['attend', 'decline']),
  reason: multilineTextSchema(2000).nullable().default(null),
});
export type InterimDecisionInput = z.infer<typeof interimDecisionInputSchema>;

export const actionItemInputSchema = z.strictObject({
  description: textSchema(1000).min(1),
  ownerUserId: z.uuid().nullable().default(null),
  ownerName: textSchema(200).min(1),
  dueDate: dateSchema,
});
export type ActionItemInput = z.infer<typeof actionItemInputSchema>;

/** Follow-up of an action item, usually at the next meeting. */
export const actionItemUpdateSchema = z.strictObject({
  status: z.enum(['open', 'done']),
  followUp: textSchema(2000).nullable().default(null),
  followedUpInMeetingId: z.uuid().nullable().default(null),
});
export type ActionItemUpdate = z.infer<typeof actionItemUpdateSchema>;

export const actionItemSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  description: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string(),
  dueDate: storedDateSchema,
  status: z.enum(['open', 'done']),
  followUp: z.string().nullable(),
  followedUpInMeetingId: z.uuid().nullable(),
  overdue: z.boolean(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const meetingListItemSchema = z.object({
  id: z.uuid(),
  kind: meetingKindSchema,
  status: meetingStatusSchema,
  location: z.object({ id: z.uuid(), name: z.string() }),
  schoolYear: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  decision: z.enum(['attend', 'decline']).nullable(),
});
export type MeetingListItem = z.infer<typeof meetingListItemSchema>;

/** How the meetings list can be ordered: by start, earliest first or (`-`) latest first. */
export const meetingListSorts = ['startsAt', '-startsAt'] as const;

/**
 * Meetings that wait for the reader: planned meetings that are over but not recorded, or meetings with
 * an open action item of the reader due within a week ("Mijn werk" links here with it).
 */
export const meetingAttentions = ['to_record', 'my_actions_due'] as const;
export type MeetingAttention = (typeof meetingAttentions)[number];

export const meetingListQuerySchema = paginationQuerySchema.extend({
  schoolYear: schoolYearSchema.optional(),
  attention: z.enum(meetingAttentions).optional(),
  kind: meetingKindSchema.optional(),
  locationId: z.uuid().optional(),
  sort: z.enum(meetingListSorts).default('startsAt'),
});
export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>;
export const meetingPageSchema = pageSchema(meetingListItemSchema);
export type MeetingPage = z.infer<typeof meetingPageSchema>;

export const meetingDetailSchema = meetingListItemSchema.extend({
  date: storedDateSchema,
  startTime: z.string(),
  endTime: z.string(),
  agenda: z.string().nullable(),
  /** Null when the reader may not see the minutes (not a participant, not the contact person or the staff office). */
  minutes: z.string().nullable(),
  minutesHidden: z.boolean(),
  participants: z.array(
    participantInputSchema.extend({
      id: z.uuid(),
      userId: z.uuid().nullable(),
      attended: z.boolean().nullable(),
    }),
  ),
  expectedRequests: z.number().int().nullable(),
  wantedTags: z.array(z.object({ id: z.uuid(), name: z.string() })),
  agreements: z.string().nullable(),
  outsideParties: z.string().nullable(),
  decisionReason: z.string().nullable(),
  overrideReason: z.string().nullable(),
  actionItems: z.array(actionItemSchema),
  /** Open action items of the school's earlier meetings of the same kind: to follow up now. */
  openEarlierItems: z.array(actionItemSchema),
  /** For an annual talk: this year's requests of the school and its hours, to prepare the agenda. */
  preparation: z
    .object({
      requests: z.array(z.object({ reference: z.string(), status: z.string(), type: z.string().nullable() })),
      hours: z.object({ allocated: z.number().nullable(), used: z.number() }),
    })
    .nullable(),
  commands: z.array(z.enum(['edit', 'decide', 'add_participant'])),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/**
 * Schools that still have meetings to plan this school year: no annual talk held or planned (R11), or
 * fewer than two SOT meetings planned (R12). The overview filters on it; "Mijn werk" counts it.
 */
export const schoolMeetingAttentions = ['annual_talk_to_plan', 'sot_to_plan'] as const;
export type SchoolMeetingAttention = (typeof schoolMeetingAttentions)[number];

export const meetingOverviewQuerySchema = paginationQuerySchema.extend({
  schoolYear: schoolYearSchema,
  attention: z.enum(schoolMeetingAttentions).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});
export type MeetingOverviewQuery = z.infer<typeof meetingOverviewQuerySchema>;

/** The coordinator's overview per school (R11, R12): green when the year's talk is held and the SOT count is in range. */
export const meetingOverviewSchema = z.object({
  schoolYear: z.number().int(),
  annualTalkDeadline: storedDateSchema,
  sotMinimumBy: storedDateSchema,
  items: z.array(
    z.object({
      locationId: z.uuid(),
      name: z.string(),
      annualTalk: z.enum(['held', 'planned', 'not_planned', 'late']),
      sotPlanned: z.number().int(),
      sotWarning: z.enum(['too_few', 'too_many']).nullable(),
      ok: z.boolean(),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type MeetingOverview = z.infer<typeof meetingOverviewSchema>;

/** When the staff office wants the annual talks planned and two SOTs planned (month and day). */
export const meetingSettingsSchema = z.object({
  annualTalkPlannedBy: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'invalid_value' }),
  sotMinimumBy: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'invalid_value' }),
  reminderDaysBefore: z.number().int().min(0).max(30),
});
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;
export const meetingSettingsInputSchema = meetingSettingsSchema.strict();

/** The user's personal calendar feed; the link itself only in the answer that made it. */
export const calendarFeedStatusSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  url: z.string().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatusSchema>;
