import { z } from 'zod';
import {
  dateSchema,
  endNotBeforeStart,
  pageSchema,
  paginationQuerySchema,
  personNameSchema,
  storedDateSchema,
  textSchema,
  uuidPattern,
} from './fields.ts';

/**
 * The audit trail as the privacy officer searches it (P2, P8): who did what to which record when —
 * never the record's content. `q` (from the page query) searches the actor's name or e-mail address.
 */
const filterFields = {
  /** One event of the catalogue (e.g. `requests.viewed`). */
  event: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)+$/)
    .max(100)
    .optional(),
  /** A support request's reference (HV-2026-0042): the events about that request. */
  reference: textSchema(40).min(1).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  /** A school: the events about the support requests and trajectories of that school. */
  locationId: z.string().regex(uuidPattern).optional(),
};

/**
 * A pupil as the files name them (name and birth date, never a BSN): the events about that pupil's
 * support requests and trajectories. Only in the body of a POST search, so a name never travels in an
 * address or a log line.
 */
export const auditTrailPupilSchema = z.strictObject({ name: personNameSchema, birthDate: dateSchema });

export const auditTrailQuerySchema = paginationQuerySchema
  .extend(filterFields)
  .superRefine(endNotBeforeStart);
/** The export takes the search's filters without paging. */
export const auditTrailExportQuerySchema = paginationQuerySchema
  .pick({ q: true })
  .extend(filterFields)
  .superRefine(endNotBeforeStart);
/** The search by pupil: the filters with the pupil, in a POST body. */
export const auditTrailPupilSearchSchema = paginationQuerySchema
  .extend({ ...filterFields, pupil: auditTrailPupilSchema })
  .superRefine(endNotBeforeStart);
export const auditTrailPupilExportSchema = paginationQuerySchema
  .pick({ q: true })
  .extend({ ...filterFields, pupil: auditTrailPupilSchema })
  .superRefine(endNotBeforeStart);
export type AuditTrailQuery = z.infer<typeof auditTrailQuerySchema>;
export type AuditTrailPupil = z.infer<typeof auditTrailPupilSchema>;
export type AuditTrailExportQuery = z.infer<typeof auditTrailExportQuerySchema>;

export const auditTrailEntrySchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  event: z.string(),
  /** Null for what Passend did by itself (a job) or what someone without an account did (a parent's link). */
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  /** The roles the actor acted in; `system` for Passend itself, `parent` for a link's holder. */
  actorRoles: z.array(z.string()),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** A support request's reference, when the event is about one. */
  reference: z.string().nullable(),
});
export type AuditTrailEntry = z.infer<typeof auditTrailEntrySchema>;
export const auditTrailPageSchema = pageSchema(auditTrailEntrySchema).extend({
  /**
   * The trail of a partnership grows by millions of rows: counting stops past `auditTrailCountLimit`,
   * and then `total` is that limit and this is true ("more than 10,000").
   */
  totalIsLowerBound: z.boolean(),
});
export const auditTrailCountLimit = 10_000;
export type AuditTrailPage = z.infer<typeof auditTrailPageSchema>;

/** The events a search can choose from, as the catalogue names them. */
export const auditEventListSchema = z.object({ events: z.array(z.string()) });

/**
 * Who read a file, as its parent (or a pupil from 16) may be told (P8): a kind of role with its
 * organisation — never a name. `expertise_team` is a team member whose expertise is not known.
 */
export const fileReaderKinds = [
  'behavioural_scientist',
  'inclusion_adviser',
  'expertise_team',
  'staff_office',
  'internal_coordinator',
  'director',
  'teacher',
  'care_coordinator',
  'team_leader',
  'mentor',
  'vso_teacher',
  'other',
] as const;
export type FileReaderKind = (typeof fileReaderKinds)[number];
/** One line of "who read the file": a kind of reader on a day (Amsterdam). */
export const fileReaderSchema = z.object({ on: storedDateSchema, kind: z.enum(fileReaderKinds) });
export type FileReader = z.infer<typeof fileReaderSchema>;

/**
 * Signals of unusual access for the privacy officer: one person reading many files within one clock hour,
 * reading files outside working hours, or reading a support request's file when no longer assigned to it
 * (no longer one of its school's fixed pair, nor its assignee). A signal is a reason to look, not a finding.
 */
export const accessSignalKinds = ['many_files', 'outside_hours', 'no_longer_assigned'] as const;
export type AccessSignalKind = (typeof accessSignalKinds)[number];

/** The period to look at (whole days in Amsterdam); by default the last 30 days. */
export const accessSignalQuerySchema = z
  .strictObject({ from: dateSchema.optional(), to: dateSchema.optional() })
  .superRefine(endNotBeforeStart);
export type AccessSignalQuery = z.infer<typeof accessSignalQuerySchema>;

export const accessSignalSchema = z.object({
  kind: z.enum(accessSignalKinds),
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  /** The day (Amsterdam) the reads fell on. */
  on: storedDateSchema,
  /** How many different files were read. */
  files: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type AccessSignal = z.infer<typeof accessSignalSchema>;
export const accessSignalListSchema = z.object({
  from: storedDateSchema,
  to: storedDateSchema,
  items: z.array(accessSignalSchema),
  /** Whether more signals were found than the list shows (it keeps the newest). */
  truncated: z.boolean(),
});
export type AccessSignalList = z.infer<typeof accessSignalListSchema>;
