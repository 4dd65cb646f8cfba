import { z } from 'zod';
import {
  dateSchema,
  emailSchema,
  pageSchema,
  paginationQuerySchema,
  personNameSchema,
  storedDateSchema,
  textSchema,
} from './fields.ts';

// The pupil register of a school location (Y1): a pupil is recorded once per school and reused by its
// support requests and trajectories. No BSN: the register has no field for one, and a name or class
// that holds a number shaped like one is refused (`bsn_not_allowed`).

/**
 * Whether a text holds nine digits in a row (spaces, dots or dashes between them allowed) that pass the
 * eleven test of a BSN: such a number is refused anywhere in the register (Y1: no BSN).
 */
export function containsBsn(text: string): boolean {
  for (const match of text.matchAll(/\d(?:[\s.-]?\d){8,}/g)) {
    const digits = match[0].replace(/\D/g, '');
    for (let start = 0; start + 9 <= digits.length; start += 1) {
      const candidate = digits.slice(start, start + 9);
      const sum = [...candidate].reduce(
        (total, digit, index) => total + Number(digit) * (index === 8 ? -1 : 9 - index),
        0,
      );
      if (sum % 11 === 0 && candidate !== '000000000') return true;
    }
  }
  return false;
}

/** A text field of a pupil's details that refuses a BSN in it (Y1). */
export const withoutBsn = <T extends z.ZodType<string>>(schema: T) =>
  schema.refine((value) => !containsBsn(value), { message: 'bsn_not_allowed' });

/** A pupil's name: never a BSN in it. */
export const pupilNameSchema = withoutBsn(personNameSchema);
/** A class or group, e.g. "groep 6" or "2B". */
export const classNameSchema = withoutBsn(textSchema(40));

export const pupilParentInputSchema = z.strictObject({
  name: withoutBsn(personNameSchema),
  email: emailSchema.nullable().default(null),
  phone: textSchema(30)
    .regex(/^[+\d][\d\s()-]{5,29}$/, { message: 'invalid_phone' })
    .nullable()
    .default(null),
  hasAuthority: z.boolean(),
});
export type PupilParentInput = z.infer<typeof pupilParentInputSchema>;

/** A pupil's register entry as the school edits it; class and mentor are this school year's. */
export const pupilUpdateInputSchema = z.strictObject({
  name: pupilNameSchema,
  birthDate: dateSchema.nullable().default(null),
  className: classNameSchema.nullable().default(null),
  /** The pupil's mentor (secondary): a user holding the mentor role at the location. */
  mentorUserId: z.uuid().nullable().default(null),
  parents: z.array(pupilParentInputSchema).max(4).default([]),
});
export type PupilUpdateInput = z.infer<typeof pupilUpdateInputSchema>;

export const pupilCreateInputSchema = pupilUpdateInputSchema.extend({ locationId: z.uuid() });
export type PupilCreateInput = z.infer<typeof pupilCreateInputSchema>;

/** Merge pupil `sourcePupilId` (a duplicate) into the pupil of the address. */
export const pupilMergeInputSchema = z.strictObject({ sourcePupilId: z.uuid() });
export type PupilMergeInput = z.infer<typeof pupilMergeInputSchema>;

/** The register of one location, searched by name, paged in SQL. */
export const pupilListQuerySchema = paginationQuerySchema.extend({ locationId: z.uuid() });
export type PupilListQuery = z.infer<typeof pupilListQuerySchema>;

const personSchema = z.object({ id: z.uuid(), name: z.string() });

export const pupilSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  birthDate: storedDateSchema.nullable(),
  /** The class and mentor of the pupil's latest school year in the register. */
  schoolYear: z.number().int().nullable(),
  className: z.string().nullable(),
  mentor: personSchema.nullable(),
});
export type PupilSummary = z.infer<typeof pupilSummarySchema>;
export const pupilPageSchema = pageSchema(pupilSummarySchema);
export type PupilPage = z.infer<typeof pupilPageSchema>;

export const pupilParentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hasAuthority: z.boolean(),
});
export type PupilParent = z.infer<typeof pupilParentSchema>;

export const pupilDetailSchema = pupilSummarySchema.extend({
  locationId: z.uuid(),
  locationName: z.string(),
  parents: z.array(pupilParentSchema),
  enrolments: z.array(
    z.object({
      schoolYear: z.number().int(),
      className: z.string().nullable(),
      mentor: personSchema.nullable(),
    }),
  ),
  /** How many support requests and trajectories name this pupil. */
  requestCount: z.number().int(),
  trajectoryCount: z.number().int(),
  /** What the reader may do (the server checks again). */
  may: z.object({ edit: z.boolean(), merge: z.boolean() }),
});
export type PupilDetail = z.infer<typeof pupilDetailSchema>;

export const pupilMergeResultSchema = z.object({
  pupil: pupilDetailSchema,
  moved: z.object({ requests: z.number().int(), trajectories: z.number().int() }),
});
export type PupilMergeResult = z.infer<typeof pupilMergeResultSchema>;

/** The mentors of a location to choose from in the register. */
export const pupilMentorOptionsSchema = z.array(personSchema);
