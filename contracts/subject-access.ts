import { z } from 'zod';
import {
  dateSchema,
  multilineTextSchema,
  pageSchema,
  paginationQuerySchema,
  personNameSchema,
  uuidPattern,
} from './fields.ts';

/**
 * The register of data-subject requests (verzoeken van betrokkenen, P5, issue 15): a parent, a pupil
 * or someone else asks for access to, correction or deletion of the pupil's data, or objects to its
 * use. Each has a deadline of one calendar month after it was received.
 */
export const subjectRequestKinds = ['access', 'correction', 'deletion', 'objection'] as const;
export type SubjectRequestKind = (typeof subjectRequestKinds)[number];

export const subjectRequestStatuses = ['received', 'in_progress', 'done', 'refused'] as const;
export type SubjectRequestStatus = (typeof subjectRequestStatuses)[number];

/** Who asked: a parent or guardian, the pupil, or someone else (a lawyer, a guardian ad litem). */
export const requesterRelations = ['parent', 'pupil', 'other'] as const;
export type RequesterRelation = (typeof requesterRelations)[number];

/** Why a deletion is refused where the law requires keeping, or another reason the handler writes. */
export const deletionRefusalGrounds = ['legal_hold', 'open_request', 'open_trajectory', 'other'] as const;
export type DeletionRefusalGround = (typeof deletionRefusalGrounds)[number];

const idSchema = z.string().regex(uuidPattern);

/** A pupil as the files name them (no BSN): name, birth date, and the school when several match. */
export const pupilIdentitySchema = z.strictObject({
  pupilName: personNameSchema,
  birthDate: dateSchema,
  locationId: idSchema.optional(),
});
export type PupilIdentityInput = z.infer<typeof pupilIdentitySchema>;

/** What the finder says of a pupil: at which school, and how many files — never their content. */
export const pupilMatchSchema = z.object({
  location: z.object({ id: z.uuid(), name: z.string() }),
  requests: z.number().int(),
  trajectories: z.number().int(),
});
export const pupilSearchResultSchema = z.object({ matches: z.array(pupilMatchSchema) });
export type PupilMatch = z.infer<typeof pupilMatchSchema>;
export type PupilSearchResult = z.infer<typeof pupilSearchResultSchema>;

export const subjectRequestInputSchema = pupilIdentitySchema.extend({
  kind: z.enum(subjectRequestKinds),
  requesterName: personNameSchema,
  requesterRelation: z.enum(requesterRelations),
  /** How to reach the requester (address, e-mail, phone): kept with the request, never logged. */
  requesterContact: multilineTextSchema(500).optional(),
  /** What was asked, and why the request is recorded (the recorded reason of an export). */
  reason: multilineTextSchema(2000).min(1),
  receivedOn: dateSchema,
});
export type SubjectRequestInput = z.infer<typeof subjectRequestInputSchema>;

/** A step on a request: taking it in hand, or deciding it (done or refused, with the decision). */
export const subjectRequestDecisionSchema = z.strictObject({
  status: z.enum(['in_progress', 'done', 'refused']),
  decision: multilineTextSchema(4000).optional(),
  refusalGround: z.enum(deletionRefusalGrounds).optional(),
});
export type SubjectRequestDecision = z.infer<typeof subjectRequestDecisionSchema>;

/** Confirms the deletion of the pupil's files; the handler writes what was done. */
export const subjectDeletionSchema = z.strictObject({
  confirm: z.literal(true),
  decision: multilineTextSchema(4000).optional(),
});
export type SubjectDeletionInput = z.infer<typeof subjectDeletionSchema>;

export const subjectRequestQuerySchema = paginationQuerySchema.pick({ page: true, pageSize: true }).extend({
  status: z.enum(subjectRequestStatuses).optional(),
  kind: z.enum(subjectRequestKinds).optional(),
  /** Only requests past their deadline and not yet decided. */
  overdue: z.enum(['true', 'false']).optional(),
});
export type SubjectRequestQuery = z.infer<typeof subjectRequestQuerySchema>;

const personSchema = z.object({ id: z.uuid(), name: z.string() });

export const subjectRequestSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(subjectRequestKinds),
  status: z.enum(subjectRequestStatuses),
  pupilName: z.string(),
  birthDate: z.string(),
  location: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  requesterName: z.string(),
  requesterRelation: z.enum(requesterRelations),
  receivedOn: z.string(),
  deadlineOn: z.string(),
  /** Past its deadline and not decided. */
  isOverdue: z.boolean(),
});
export type SubjectRequestSummary = z.infer<typeof subjectRequestSummarySchema>;
export const subjectRequestPageSchema = pageSchema(subjectRequestSummarySchema);
export type SubjectRequestPage = z.infer<typeof subjectRequestPageSchema>;

/** What a deletion would remove, and what keeps it where the law requires keeping. */
export const deletionCheckSchema = z.object({
  requests: z.number().int(),
  trajectories: z.number().int(),
  blockers: z.array(z.enum(['legal_hold', 'open_request', 'open_trajectory'])),
});
export type DeletionCheck = z.infer<typeof deletionCheckSchema>;

export const subjectRequestDetailSchema = subjectRequestSummarySchema.extend({
  requesterContact: z.string().nullable(),
  reason: z.string(),
  decision: z.string().nullable(),
  refusalGround: z.enum(deletionRefusalGrounds).nullable(),
  registeredBy: personSchema,
  registeredAt: z.string(),
  handledBy: personSchema.nullable(),
  handledAt: z.string().nullable(),
  /** For a deletion that went through: how many files went. */
  deleted: z.object({ requests: z.number().int(), trajectories: z.number().int() }).nullable(),
  /** For an open deletion request: what it would remove, and what keeps it. */
  deletionCheck: deletionCheckSchema.nullable(),
});
export type SubjectRequestDetail = z.infer<typeof subjectRequestDetailSchema>;

export const subjectRequestParams = z.strictObject({ subjectRequestId: idSchema });

/** The machine-readable part of an export (`gegevens.json`): every record, the files by name. */
export const exportFileSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;
