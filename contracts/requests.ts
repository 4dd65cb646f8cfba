import { z } from 'zod';
import {
  dateSchema,
  emailSchema,
  multilineTextSchema,
  pageSchema,
  paginationQuerySchema,
  personNameSchema,
  schoolYearSchema,
  storedDateSchema,
  textSchema,
  tokenSchema,
} from './fields.ts';
import { fileReaderSchema } from './privacy.ts';
import { pupilNameSchema, withoutBsn } from './pupils.ts';
import { ageOn, todayInAmsterdam } from './school-year.ts';

const longText = multilineTextSchema(4000);
const shortText = textSchema(200);

// --- Types, statuses and what a type implies ----------------------------------------------------

/** The request types of R4; coaching a teacher comes in three kinds (with a pupil, a group, the classroom). */
export const requestTypes = [
  'pupil_advice',
  'process_guidance',
  'teacher_coaching_pupil',
  'teacher_coaching_group',
  'teacher_coaching_classroom',
  'group_guidance',
  'ib_coaching',
  'school_wide_theme',
] as const;
export const requestTypeSchema = z.enum(requestTypes);
export type RequestType = z.infer<typeof requestTypeSchema>;

/** Types about one pupil: these name the pupil and their parents and need consent (R8, R9). */
export const pupilLevelTypes: readonly RequestType[] = ['pupil_advice', 'teacher_coaching_pupil'];
/** Types where the team works with a group: the parents are informed first (R10). */
export const groupLevelTypes: readonly RequestType[] = ['group_guidance', 'teacher_coaching_group'];

/** Whether a request type is about one pupil (R8, R9). */
export function isPupilLevel(type: RequestType | null | undefined): boolean {
  return !!type && pupilLevelTypes.includes(type);
}

/** Whether a request type means work with a group (R10). */
export function isGroupLevel(type: RequestType | null | undefined): boolean {
  return !!type && groupLevelTypes.includes(type);
}

export const requestStatuses = [
  'draft',
  'submitted',
  'ready',
  'assigned',
  'in_progress',
  'closed',
  'refused',
  'withdrawn',
  'paused',
] as const;
export const requestStatusSchema = z.enum(requestStatuses);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

/** Every change of status; the allowed ones are one table in the server's request rules. */
export const requestTransitions = [
  'submit',
  'refuse',
  'mark_ready',
  'assign',
  'reassign',
  'start',
  'close',
  'withdraw',
  'pause',
  'resume',
] as const;
export const requestTransitionSchema = z.enum(requestTransitions);
export type RequestTransition = z.infer<typeof requestTransitionSchema>;

/**
 * What the signed-in user may do with a request right now; the detail lists them so screens show
 * only buttons that work.
 */
export const requestCommands = [
  'edit',
  'delete',
  'submit',
  'refuse',
  'assign',
  'start',
  'close',
  'withdraw',
  'record_parents_informed',
  'manage_consent',
  'change_teacher',
  'post_message',
  'post_note',
  'upload_attachment',
] as const;
export type RequestCommand = (typeof requestCommands)[number];

// --- The form (R4, R6) ---------------------------------------------------------------------------

/** Youngest age a pupil on a request can have (bad input below it). */
export const minimumPupilAge = 3;

function checkBirthDate(birthDate: string | undefined | null, context: z.RefinementCtx, path: PropertyKey[]) {
  if (!birthDate) return;
  const today = todayInAmsterdam();
  if (birthDate > today) context.addIssue({ code: 'custom', path, message: 'date_in_future' });
  else if (ageOn(birthDate, today) < minimumPupilAge)
    context.addIssue({ code: 'custom', path, message: 'pupil_too_young' });
}

export const pupilInputSchema = z
  .strictObject({
    // Never a BSN (Y1): the typed pupil goes into the school's register too.
    name: pupilNameSchema,
    birthDate: dateSchema,
    /** The group (class) the pupil is in, e.g. "groep 6". */
    group: withoutBsn(shortText).nullable().default(null),
    /** Where the pupil's own consent link goes once they are 12 or older (R9); optional. */
    email: emailSchema.nullable().default(null),
  })
  .superRefine((value, context) => checkBirthDate(value.birthDate, context, ['birthDate']));
export type PupilInput = z.infer<typeof pupilInputSchema>;

export const parentInputSchema = z.strictObject({
  /** Present when the parent was saved before: keeps their consent history attached. */
  id: z.uuid().optional(),
  name: personNameSchema,
  /** Needed for digital consent; without it the school records consent on paper. */
  email: emailSchema.nullable().default(null),
  phone: textSchema(30)
    .regex(/^[+\d][\d\s()-]{5,29}$/, { message: 'invalid_phone' })
    .nullable()
    .default(null),
  hasAuthority: z.boolean(),
});
export type ParentInput = z.infer<typeof parentInputSchema>;

/**
 * The request form as a draft: everything may still be empty. Submitting checks completeness
 * (field errors with code `required`), so a half-filled form is never lost.
 */
export const requestDraftInputSchema = z.strictObject({
  type: requestTypeSchema.nullable().default(null),
  question: longText.nullable().default(null),
  /** What the school already tried within basic support. */
  triedInBasicSupport: longText.nullable().default(null),
  /** What the school hopes to achieve. */
  hopedOutcome: longText.nullable().default(null),
  /**
   * The teacher on the request (Y3): a user with the teacher role at the request's school, picked from
   * `/api/requests/teacher-options`; they read the request and take part in its thread.
   */
  teacherUserId: z.uuid().nullable().default(null),
  groupName: shortText.nullable().default(null),
  /** The out-of-scope question of R2: does the school ask the team to support a pupil directly? */
  asksDirectPupilSupport: z.boolean().nullable().default(null),
  /** The expertise the school thinks fits (from the coordinator's tag list); used to suggest a member. */
  expertiseTagIds: z.array(z.uuid()).max(10).default([]),
  /**
   * The pupil picked from the school's register (Y1). The form still sends the pupil's details: the
   * request keeps them as they were when consent was asked (without them, the register's are copied).
   */
  pupilId: z.uuid().nullable().default(null),
  pupil: pupilInputSchema.nullable().default(null),
  parents: z.array(parentInputSchema).max(4).default([]),
});
export type RequestDraftInput = z.infer<typeof requestDraftInputSchema>;

export const createRequestInputSchema = requestDraftInputSchema.extend({
  locationId: z.uuid(),
  /** Chosen by the browser once per form: sending the same create twice yields one draft. */
  idempotencyKey: z.uuid(),
  /**
   * Submit at once instead of keeping a draft: the request is created and submitted together, so a
   * form that cannot be submitted leaves nothing behind (no empty draft).
   */
  submit: z.boolean().default(false),
});
export type CreateRequestInput = z.infer<typeof createRequestInputSchema>;

/** The answers of the form as saved, for the completeness check at submit (R4, R6). */
export type RequestForm = {
  type: RequestType | null;
  question: string | null;
  triedInBasicSupport: string | null;
  hopedOutcome: string | null;
  teacherUserId: string | null;
  groupName: string | null;
  asksDirectPupilSupport: boolean | null;
  pupil: { name: string; birthDate: string } | null;
  /** A pupil picked from the register (Y1) counts as named. */
  pupilId?: string | null;
  parents: Array<{ name: string; hasAuthority: boolean }>;
};

/** A problem that keeps a request from being submitted: the field's path and a catalogue code. */
export type SubmitProblem = { path: string; code: string };

const teacherCoachingTypes: readonly RequestType[] = [
  'teacher_coaching_pupil',
  'teacher_coaching_group',
  'teacher_coaching_classroom',
];

/** The answers of the form that can be required before submitting. */
export type SubmitField =
  | 'asksDirectPupilSupport'
  | 'type'
  | 'question'
  | 'triedInBasicSupport'
  | 'hopedOutcome'
  | 'teacherUserId'
  | 'groupName';

/**
 * The answers a request needs before it can be submitted, for its type (R4): the form marks them as
 * required and the completeness check below names the empty ones. A request that asks for direct
 * pupil support needs nothing more: it is refused (R2).
 */
export function fieldsRequiredToSubmit(
  form: Pick<RequestForm, 'type' | 'asksDirectPupilSupport'>,
): SubmitField[] {
  if (form.asksDirectPupilSupport === true) return ['asksDirectPupilSupport'];
  return [
    'asksDirectPupilSupport',
    'type',
    'question',
    'triedInBasicSupport',
    'hopedOutcome',
    ...(form.type && teacherCoachingTypes.includes(form.type) ? (['teacherUserId'] as const) : []),
    ...(isGroupLevel(form.type) ? (['groupName'] as const) : []),
  ];
}

/**
 * What is still missing before a request can be submitted, as field problems. The server checks it at
 * submit; the form checks it first, so a form that cannot be submitted sends nothing (R2, R4, R8).
 */
export function findSubmitProblems(form: RequestForm): SubmitProblem[] {
  const problems: SubmitProblem[] = [];
  for (const path of fieldsRequiredToSubmit(form)) {
    const value = form[path];
    if (value === null || value === undefined || value === '') problems.push({ path, code: 'required' });
  }
  if (form.asksDirectPupilSupport !== true && isPupilLevel(form.type)) {
    if (!form.pupil && !form.pupilId) problems.push({ path: 'pupil', code: 'pupil_required' });
    if (!form.parents.some((parent) => parent.hasAuthority)) {
      problems.push({ path: 'parents', code: 'parent_with_authority_required' });
    }
  }
  return problems;
}

// --- Commands ------------------------------------------------------------------------------------

export const refuseRequestInputSchema = z.strictObject({ reason: multilineTextSchema(2000).min(1) });
export const withdrawRequestInputSchema = z.strictObject({ reason: multilineTextSchema(2000).min(1) });
export const closeRequestInputSchema = z.strictObject({
  /** The short outcome: advice given, agreements. */
  outcome: multilineTextSchema(4000).min(1),
});
export const assignRequestInputSchema = z.strictObject({ userId: z.uuid() });
/** Y3: the teacher on a submitted request; the one replaced no longer reads it. */
export const changeTeacherInputSchema = z.strictObject({ teacherUserId: z.uuid() });
export type ChangeTeacherInput = z.infer<typeof changeTeacherInputSchema>;
export const parentsInformedInputSchema = z
  .strictObject({
    informedOn: dateSchema,
    /** How the parents were informed (letter, parents' evening, message in the school app, …). */
    how: textSchema(1000).min(1),
  })
  .superRefine((value, context) => {
    if (value.informedOn > todayInAmsterdam())
      context.addIssue({ code: 'custom', path: ['informedOn'], message: 'date_in_future' });
  });
export type ParentsInformedInput = z.infer<typeof parentsInformedInputSchema>;

/** Fields of the multipart upload of a signed paper consent form (the file is the `file` part). */
export const paperConsentFieldsSchema = z
  .strictObject({
    personId: z.uuid(),
    decision: z.enum(['given', 'refused']),
    signedOn: dateSchema,
    /** Who signed, as written on the form. */
    signedBy: personNameSchema,
  })
  .superRefine((value, context) => {
    if (value.signedOn > todayInAmsterdam())
      context.addIssue({ code: 'custom', path: ['signedOn'], message: 'date_in_future' });
  });
export type PaperConsentFields = z.infer<typeof paperConsentFieldsSchema>;

export const messageKinds = ['message', 'note'] as const;
/** A message is for school and team; a note is for the team only. */
export const messageKindSchema = z.enum(messageKinds);
/** Fields of the multipart message post (an optional file is the `file` part). */
export const messageFieldsSchema = z.strictObject({
  kind: messageKindSchema.default('message'),
  body: multilineTextSchema(8000).min(1),
});
export type MessageFields = z.infer<typeof messageFieldsSchema>;

// --- Attachments ---------------------------------------------------------------------------------

/** Attachments: PDF, Word and images, sniffed by content, at most 10 MB each. */
export const maxAttachmentBytes = 10 * 1024 * 1024;
export const attachmentMediaTypes = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/jpeg',
  'image/png',
] as const;
export const attachmentExtensions = ['pdf', 'doc', 'docx', 'jpg', 'jpeg', 'png'] as const;

export const attachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  kind: z.enum(['attachment', 'consent_form']),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

// --- Consent (R8, R9, P3) ------------------------------------------------------------------------

export const consentDecisions = ['given', 'refused', 'withdrawn', 'asked_again'] as const;
export const consentDecisionSchema = z.enum(consentDecisions);
export type ConsentDecision = z.infer<typeof consentDecisionSchema>;
export const consentMethods = ['digital', 'paper', 'school'] as const;
export const consentMethodSchema = z.enum(consentMethods);
export type ConsentMethod = z.infer<typeof consentMethodSchema>;

/**
 * The version of the consent text a person was shown (the texts live in the web catalogue under
 * `consentPage`); recorded with every digital decision. Change it whenever those texts change.
 */
// Bumped when the text changes: a consent record names the version it was given on (P3).
export const consentTextVersions = { parent: 'ouder-2026-12-b1', pupil: 'leerling-2026-12' } as const;

/** Where one person stands: not asked yet, link sent, or their last decision. */
export const personConsentStateSchema = z.enum([
  'not_asked',
  'asked',
  'expired',
  'given',
  'refused',
  'withdrawn',
]);
export type PersonConsentState = z.infer<typeof personConsentStateSchema>;

/** The consent of the request as a whole. */
export const consentStatuses = ['not_needed', 'pending', 'complete', 'refused', 'withdrawn'] as const;
export const consentStatusSchema = z.enum(consentStatuses);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

export const consentPersonSchema = z.object({
  personId: z.uuid(),
  kind: z.enum(['parent', 'pupil']),
  name: z.string(),
  hasEmail: z.boolean(),
  /** Whether this person's consent counts towards completeness today. */
  required: z.boolean(),
  state: personConsentStateSchema,
  /** When the current link expires (asked) or null. */
  linkExpiresAt: z.string().nullable(),
});

/** One append-only consent record: who, role, when, how, for which request, which text. */
export const consentRecordSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  kind: z.enum(['parent', 'pupil']),
  decision: consentDecisionSchema,
  method: consentMethodSchema,
  decidedOn: storedDateSchema,
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  textVersion: z.string().nullable(),
  signedBy: z.string().nullable(),
  attachmentId: z.uuid().nullable(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

export const requestConsentSchema = z.object({
  status: consentStatusSchema,
  /** The partnership's setting: one parent with authority suffices. */
  oneParentSuffices: z.boolean(),
  people: z.array(consentPersonSchema),
  records: z.array(consentRecordSchema),
});
export type RequestConsent = z.infer<typeof requestConsentSchema>;

// --- Views ---------------------------------------------------------------------------------------

const personRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const timelineEntrySchema = z.object({
  at: z.string(),
  transition: requestTransitionSchema,
  fromStatus: requestStatusSchema.nullable(),
  toStatus: requestStatusSchema,
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const requestMessageSchema = z.object({
  id: z.uuid(),
  kind: messageKindSchema,
  body: z.string(),
  authorName: z.string(),
  authorSide: z.enum(['school', 'team', 'office']),
  createdAt: z.string(),
  attachments: z.array(attachmentSchema),
});
export type RequestMessage = z.infer<typeof requestMessageSchema>;

export const requestPupilSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  birthDate: storedDateSchema,
  group: z.string().nullable(),
  email: z.string().nullable(),
});
export const requestParentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hasAuthority: z.boolean(),
});

export const requestDetailSchema = z.object({
  id: z.uuid(),
  /** Short reference for conversation and the dossier, e.g. "HV-2026-0042". */
  reference: z.string(),
  status: requestStatusSchema,
  location: z.object({ id: z.uuid(), name: z.string(), place: z.string() }),
  schoolYear: z.number().int(),
  type: requestTypeSchema.nullable(),
  question: z.string().nullable(),
  triedInBasicSupport: z.string().nullable(),
  hopedOutcome: z.string().nullable(),
  /** The teacher on the request (Y3), a user of the school. */
  teacher: personRefSchema.nullable(),
  /** The teacher as typed on requests from before Y3: shown read-only, never written any more. */
  teacherName: z.string().nullable(),
  groupName: z.string().nullable(),
  asksDirectPupilSupport: z.boolean().nullable(),
  expertiseTags: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Hidden (null) from the coordinator unless the request is assigned to them. */
  pupil: requestPupilSchema.nullable(),
  /** The pupil's entry in the school's register (Y1); null where the pupil is hidden or there is none. */
  pupilId: z.uuid().nullable(),
  parents: z.array(requestParentSchema),
  pupilHidden: z.boolean(),
  consent: requestConsentSchema,
  parentsInformed: z.object({ informedOn: storedDateSchema, how: z.string() }).nullable(),
  assignedTo: personRefSchema.nullable(),
  createdBy: personRefSchema,
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  refusalReason: z.string().nullable(),
  timeline: z.array(timelineEntrySchema),
  attachments: z.array(attachmentSchema),
  messages: z.array(requestMessageSchema),
  commands: z.array(z.enum(requestCommands)),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

/**
 * The orders the request list can be sorted in: a column, descending with a leading `-`. Without one,
 * the list shows the most recently changed first.
 */
export const requestSortKeys = ['reference', 'updated', 'status', 'school'] as const;
export type RequestSortKey = (typeof requestSortKeys)[number];
export const requestSortSchema = z.enum([
  'reference',
  '-reference',
  'updated',
  '-updated',
  'status',
  '-status',
  'school',
  '-school',
] satisfies Array<RequestSortKey | `-${RequestSortKey}`>);
export type RequestSort = z.infer<typeof requestSortSchema>;

/**
 * What a school still has to do on an open request: consent asked more than 14 days ago and not yet
 * complete, a consent link that expired unanswered, consent refused, or the parents of a group not yet
 * informed (R8–R10).
 */
export const requestAttentions = [
  'consent_waiting',
  'consent_expired',
  'consent_refused',
  'parents_not_informed',
] as const;
export type RequestAttention = (typeof requestAttentions)[number];

export const requestListQuerySchema = paginationQuerySchema.extend({
  status: requestStatusSchema.optional(),
  type: requestTypeSchema.optional(),
  locationId: z.uuid().optional(),
  assignedUserId: z.uuid().optional(),
  schoolYear: schoolYearSchema.optional(),
  /** Only requests assigned to the signed-in user. */
  mine: z.enum(['true', 'false']).optional(),
  /** Only requests that wait for the school in this way ("Mijn werk" links here with it). */
  attention: z.enum(requestAttentions).optional(),
  sort: requestSortSchema.optional(),
});
export type RequestListQuery = z.infer<typeof requestListQuerySchema>;

export const requestListItemSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: requestStatusSchema,
  type: requestTypeSchema.nullable(),
  location: z.object({ id: z.uuid(), name: z.string() }),
  schoolYear: z.number().int(),
  /** Null when there is no pupil or it is hidden from this user. */
  pupilName: z.string().nullable(),
  pupilHidden: z.boolean(),
  consentStatus: consentStatusSchema,
  assignedTo: personRefSchema.nullable(),
  updatedAt: z.string(),
});
export type RequestListItem = z.infer<typeof requestListItemSchema>;
export const requestPageSchema = pageSchema(requestListItemSchema);
export type RequestPage = z.infer<typeof requestPageSchema>;

/** A team member the screen suggests for assignment, ranked, with the reasons shown. */
export const assignmentSuggestionSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  teamRole: z.enum(['behavioural_scientist', 'inclusion_adviser']),
  isFixedMember: z.boolean(),
  isContact: z.boolean(),
  matchingTags: z.array(z.string()),
  /** Contracted hours this school year; null without a contract (booked hours arrive with time registration). */
  contractedHours: z.number().nullable(),
  openRequests: z.number().int(),
  isAbsentToday: z.boolean(),
  score: z.number(),
});
export type AssignmentSuggestion = z.infer<typeof assignmentSuggestionSchema>;
export const assignmentSuggestionListSchema = z.object({
  /** The expertise the request asks for, matched against the members' tags. */
  wantedTags: z.array(z.string()),
  items: z.array(assignmentSuggestionSchema),
});
export type AssignmentSuggestionList = z.infer<typeof assignmentSuggestionListSchema>;

// --- The consent page without an account -------------------------------------------------------

export const consentTokenInputSchema = z.strictObject({ token: tokenSchema });
export const consentAnswerInputSchema = z.strictObject({
  token: tokenSchema,
  decision: z.enum(['given', 'refused']),
});

/** What the consent page shows: nothing beyond what the person needs to decide (B1 text on the web). */
export const consentPageSchema = z.object({
  audience: z.enum(['parent', 'pupil']),
  partnershipName: z.string(),
  /** The partnership's public address (/p/:slug/…): where its privacy statement is. */
  partnershipSlug: z.string(),
  schoolName: z.string(),
  requestType: requestTypeSchema,
  /** First name of the pupil, so the parent knows which child this is about. */
  pupilFirstName: z.string(),
  personName: z.string(),
  /** The team members who will be involved (the school's fixed pair, R5). */
  teamMembers: z.array(
    z.object({ name: z.string(), teamRole: z.enum(['behavioural_scientist', 'inclusion_adviser']) }),
  ),
  /** How long the file is kept after the request finished: the partnership's schedule (P4). */
  retentionMonths: z.number().int(),
  textVersion: z.string(),
  expiresAt: z.string(),
  /** The person's current decision; null while they have not answered. */
  decision: z.enum(['given', 'refused', 'withdrawn']).nullable(),
  canAnswer: z.boolean(),
  canWithdraw: z.boolean(),
  /**
   * Who looked at the file, newest first, one line per person and day (P8); null where the holder may
   * not see it (a pupil under 16).
   */
  readers: z.array(fileReaderSchema).nullable(),
});
export type ConsentPage = z.infer<typeof consentPageSchema>;

// --- Partnership settings ------------------------------------------------------------------------

export const consentSettingsSchema = z.object({
  /** One parent with parental authority suffices instead of every one (R8, partnership setting). */
  oneParentSuffices: z.boolean(),
});
export type ConsentSettings = z.infer<typeof consentSettingsSchema>;
export const consentSettingsInputSchema = z.strictObject({ oneParentSuffices: z.boolean() });

/** What the request form needs: the schools the user may file for and the expertise tags. */
export const requestFormOptionsSchema = z.object({
  locations: z.array(z.object({ id: z.uuid(), name: z.string(), place: z.string() })),
  expertiseTags: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type RequestFormOptions = z.infer<typeof requestFormOptionsSchema>;

/** The picker of the teacher on a request (Y3): the school's teachers, filtered by name and paged. */
export const teacherOptionsQuerySchema = paginationQuerySchema.extend({ locationId: z.uuid() });
export type TeacherOptionsQuery = z.infer<typeof teacherOptionsQuerySchema>;
export const teacherOptionSchema = z.object({ id: z.uuid(), name: z.string() });
export type TeacherOption = z.infer<typeof teacherOptionSchema>;
export const teacherOptionPageSchema = pageSchema(teacherOptionSchema);
export type TeacherOptionPage = z.infer<typeof teacherOptionPageSchema>;

/** The schools and members that occur in the requests the user may see: the list's filter choices. */
/** How far the list's search by pupil name reaches for the reader: every request, some, or none. */
export const pupilSearchReachSchema = z.enum(['all', 'some', 'none']);
export type PupilSearchReach = z.infer<typeof pupilSearchReachSchema>;

export const requestFilterOptionsSchema = z.object({
  locations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  members: z.array(z.object({ id: z.uuid(), name: z.string() })),
  pupilSearch: pupilSearchReachSchema,
});
export type RequestFilterOptions = z.infer<typeof requestFilterOptionsSchema>;
