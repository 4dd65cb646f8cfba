import { z } from 'zod';
import { dateSchema, multilineTextSchema, pageSchema, personNameSchema, uuidPattern } from './fields.ts';

/**
 * The retention schedule (P4): how long each kind of data is kept after the moment it is no longer
 * needed, then deleted; figures that reports need stay, without names. A partnership may change a
 * period within its bounds; the defaults follow Dutch guidance for pupil files in education.
 *
 * - `request_file`: a support request's file (form, pupil and parents, thread, files, consent records),
 *   counted from the day it was closed, refused or withdrawn.
 * - `trajectory`: a trajectory at an expertise point (OPP versions, attendance, homework, contacts,
 *   referrals), counted from the day it ended.
 * - `draft`: a request never submitted, counted from its last change.
 * - `audit_event`: a line of the audit trail (who, what, when — no content), counted from the event.
 * - `mail_and_link`: a sent mail in the outbox and a personal link that expired or was revoked.
 * - `crisis_visit`: the pupil's name, class and note on a crisis visit without a trajectory (E7),
 *   counted from the day of the visit; then they are cleared and the anonymous visit stays for the
 *   figures. A visit that became a signal is part of its trajectory and goes with it.
 */
export const retentionKinds = [
  'request_file',
  'trajectory',
  'draft',
  'audit_event',
  'mail_and_link',
  'crisis_visit',
] as const;
export type RetentionKind = (typeof retentionKinds)[number];
export const retentionKindSchema = z.enum(retentionKinds);

export const retentionUnits = ['months', 'days'] as const;
export type RetentionUnit = (typeof retentionUnits)[number];

export type RetentionRule = {
  unit: RetentionUnit;
  /** What applies when the partnership has not chosen. */
  standard: number;
  min: number;
  max: number;
};

/**
 * Audit events are kept at least five years whatever a partnership chooses: the database refuses an
 * earlier deletion (migration 0022), so this minimum is not only a setting.
 */
export const auditEventMinimumMonths = 60;

export const retentionRules: Record<RetentionKind, RetentionRule> = {
  request_file: { unit: 'months', standard: 24, min: 12, max: 60 },
  trajectory: { unit: 'months', standard: 24, min: 12, max: 60 },
  draft: { unit: 'months', standard: 6, min: 1, max: 12 },
  audit_event: { unit: 'months', standard: auditEventMinimumMonths, min: auditEventMinimumMonths, max: 120 },
  mail_and_link: { unit: 'days', standard: 30, min: 7, max: 90 },
  // Long enough to see in the school year whether a pupil keeps coming and a signal is due; no longer
  // than a trajectory's file is kept after it ends.
  crisis_visit: { unit: 'months', standard: 12, min: 1, max: 24 },
};

/** A partnership's schedule: each kind with its period, the standard and the bounds. */
export const retentionPeriodSchema = z.object({
  kind: retentionKindSchema,
  unit: z.enum(retentionUnits),
  amount: z.number().int(),
  standard: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
});
export type RetentionPeriod = z.infer<typeof retentionPeriodSchema>;
export const retentionScheduleSchema = z.object({ periods: z.array(retentionPeriodSchema) });
export type RetentionSchedule = z.infer<typeof retentionScheduleSchema>;

/** A change of the schedule: the kinds to change, each within its bounds (checked by the rules). */
export const retentionScheduleInputSchema = z.strictObject({
  periods: z
    .array(z.strictObject({ kind: retentionKindSchema, amount: z.number().int().min(1).max(3650) }))
    .min(1)
    .max(retentionKinds.length),
});
export type RetentionScheduleInput = z.infer<typeof retentionScheduleInputSchema>;

/** The schedule of the standard periods, as a partnership that chose nothing has it. */
export function standardSchedule(): RetentionSchedule {
  return {
    periods: retentionKinds.map((kind) => {
      const rule = retentionRules[kind];
      return { kind, amount: rule.standard, ...rule };
    }),
  };
}

/** The preview (P4): per kind, what the next run deletes, what follows within the horizon, what is held. */
export const retentionPreviewSchema = z.object({
  /** The last day the preview looks ahead to (today + 30 days). */
  horizon: z.string(),
  kinds: z.array(
    z.object({
      kind: retentionKindSchema,
      /** Past its date: the next run deletes it. */
      due: z.number().int(),
      /** Reaches its date within the horizon. */
      upcoming: z.number().int(),
      /** Past its date or reaching it within the horizon, but kept by a legal hold. */
      held: z.number().int(),
    }),
  ),
  /** The support requests and trajectories that go within the horizon, by reference and date, no content. */
  files: z.array(
    z.object({
      kind: z.enum(['request_file', 'trajectory', 'draft']),
      /** A request's reference (HV-2026-0042); a trajectory has none and is shown by its school. */
      reference: z.string().nullable(),
      location: z.string(),
      /** The day it is deleted (the first run on or after it). */
      deleteOn: z.string(),
      held: z.boolean(),
    }),
  ),
  /** Only the first `retentionPreviewFileLimit` files are listed. */
  filesTruncated: z.boolean(),
});
export type RetentionPreview = z.infer<typeof retentionPreviewSchema>;
export const retentionPreviewFileLimit = 500;

/** What a run deleted (P4): which kind, how many, when — never what. */
export const deletionLogEntrySchema = z.object({
  day: z.string(),
  kind: retentionKindSchema,
  count: z.number().int(),
  /** The number of batches (transactions) it took. */
  batches: z.number().int(),
});
export const deletionLogPageSchema = pageSchema(deletionLogEntrySchema);
export type DeletionLogEntry = z.infer<typeof deletionLogEntrySchema>;

/**
 * A legal hold: one pupil's data is kept past its date, for a reason (an objection procedure, a
 * complaint, a court case), until it is released. The pupil is named as the files name them: name and
 * birth date, and optionally the school.
 */
export const legalHoldInputSchema = z.strictObject({
  pupilName: personNameSchema,
  birthDate: dateSchema,
  locationId: z.string().regex(uuidPattern).optional(),
  reason: multilineTextSchema(2000).min(1),
});
export type LegalHoldInput = z.infer<typeof legalHoldInputSchema>;
export const legalHoldReleaseSchema = z.strictObject({ reason: multilineTextSchema(2000).min(1) });

export const legalHoldSchema = z.object({
  id: z.uuid(),
  pupilName: z.string(),
  birthDate: z.string(),
  location: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  /** The support requests and trajectories it keeps today. */
  files: z.number().int(),
});
export type LegalHold = z.infer<typeof legalHoldSchema>;
export const legalHoldListSchema = z.object({ holds: z.array(legalHoldSchema) });
export type LegalHoldList = z.infer<typeof legalHoldListSchema>;
