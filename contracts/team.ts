import { z } from 'zod';
import { dateSchema, pageSchema, paginationQuerySchema, storedDateSchema, textSchema } from './fields.ts';
import { schoolYearSchema, sectorSchema } from './locations.ts';
import { teamRoleSchema } from './roles.ts';
import { userStatusSchema } from './users.ts';

// --- Expertise team (R1) ---------------------------------------------------------------------

export const teamMemberStatusSchema = z.enum(['active', 'left']);
export type TeamMemberStatus = z.infer<typeof teamMemberStatusSchema>;

export const expertiseTagSchema = z.object({ id: z.uuid(), name: z.string() });
export type ExpertiseTag = z.infer<typeof expertiseTagSchema>;
export const expertiseTagListSchema = z.object({ items: z.array(expertiseTagSchema) });
export const expertiseTagInputSchema = z.strictObject({ name: textSchema(60).min(1) });
export type ExpertiseTagInput = z.infer<typeof expertiseTagInputSchema>;

/** A school a member serves as one of its fixed pair (R5). */
export const servedSchoolSchema = z.object({
  locationId: z.uuid(),
  name: z.string(),
  isContact: z.boolean(),
});
export type ServedSchool = z.infer<typeof servedSchoolSchema>;

/**
 * The orders the team list can be sorted in: a column, descending with a leading `-`; by name when
 * absent. The server settles equal values on the member's id, so paging never repeats a member.
 */
export const teamSortKeys = ['name', 'teamRole', 'hours', 'status'] as const;
export type TeamSortKey = (typeof teamSortKeys)[number];
export const teamSortSchema = z.enum([
  'name',
  '-name',
  'teamRole',
  '-teamRole',
  'hours',
  '-hours',
  'status',
  '-status',
] satisfies Array<TeamSortKey | `-${TeamSortKey}`>);
export type TeamSort = z.infer<typeof teamSortSchema>;

export const teamListQuerySchema = paginationQuerySchema.extend({
  /** Whose contracted hours the list shows; the current school year when absent. */
  schoolYear: schoolYearSchema.optional(),
  status: teamMemberStatusSchema.optional(),
  teamRole: teamRoleSchema.optional(),
  tagId: z.uuid().optional(),
  sort: teamSortSchema.default('name'),
});
export type TeamListQuery = z.infer<typeof teamListQuerySchema>;

/** A member in the team list: team role, status, tags, hours of one school year, schools served today. */
export const teamMemberSummarySchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  teamRole: teamRoleSchema,
  status: teamMemberStatusSchema,
  leftOn: storedDateSchema.nullable(),
  tags: z.array(expertiseTagSchema),
  contractedHours: z.number().nullable(),
  schools: z.array(servedSchoolSchema),
  schoolCount: z.number().int(),
  /** The account behind the profile: `disabled` once it was ended (P7). */
  accountStatus: userStatusSchema,
});
export type TeamMemberSummary = z.infer<typeof teamMemberSummarySchema>;
export const teamPageSchema = pageSchema(teamMemberSummarySchema).extend({ schoolYear: z.number().int() });
export type TeamPage = z.infer<typeof teamPageSchema>;

export const contractedHoursSchema = z.object({ schoolYear: z.number().int(), contractedHours: z.number() });
export type ContractedHours = z.infer<typeof contractedHoursSchema>;
export const absenceSchema = z.object({ id: z.uuid(), startsOn: storedDateSchema, endsOn: storedDateSchema });
export type Absence = z.infer<typeof absenceSchema>;
export const publicProfileSchema = z.object({
  showExpertise: z.boolean(),
  showSchools: z.boolean(),
  showPhoto: z.boolean(),
});
export type PublicProfile = z.infer<typeof publicProfileSchema>;

/** One member's profile: the summary plus hours of every year, absences and public-page choices. */
export const teamMemberDetailSchema = teamMemberSummarySchema.extend({
  hours: z.array(contractedHoursSchema),
  absences: z.array(absenceSchema),
  publicProfile: publicProfileSchema,
  hasPhoto: z.boolean(),
  /** The member's photo as a `data:image/…;base64,` URL; null without a photo. */
  photoDataUrl: z.string().nullable(),
  /** Whether every role of the account is team member, so the staff office may end or reopen it (P7). */
  onlyTeamRoles: z.boolean(),
});
export type TeamMemberDetail = z.infer<typeof teamMemberDetailSchema>;

export const updateTeamMemberInputSchema = z
  .strictObject({
    status: teamMemberStatusSchema,
    /** The day the member left; today when a member is marked as left without a date. */
    leftOn: dateSchema.nullable(),
    tagIds: z.array(z.uuid()).max(50),
  })
  .partial();
export type UpdateTeamMemberInput = z.infer<typeof updateTeamMemberInputSchema>;

export const contractedHoursInputSchema = z.strictObject({
  contractedHours: z
    .number()
    .min(0)
    .max(2000)
    .refine((value) => Number.isInteger(value * 4), { message: 'quarter_hours' }),
});
export type ContractedHoursInput = z.infer<typeof contractedHoursInputSchema>;

export const absenceInputSchema = z
  .strictObject({ startsOn: dateSchema, endsOn: dateSchema })
  .superRefine((value, context) => {
    if (value.endsOn < value.startsOn) {
      context.addIssue({ code: 'custom', path: ['endsOn'], message: 'end_before_start' });
    }
  });
export type AbsenceInput = z.infer<typeof absenceInputSchema>;

export const publicProfileInputSchema = z
  .strictObject({ showExpertise: z.boolean(), showSchools: z.boolean(), showPhoto: z.boolean() })
  .partial();
export type PublicProfileInput = z.infer<typeof publicProfileInputSchema>;

/** A member's photo: at most this many bytes once decoded (R15: the photo is optional). */
export const maxPhotoBytes = 200 * 1024;
export const photoMimeTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** `data:image/jpeg|png|webp;base64,…`; the server checks type and size (codes photo_type, photo_too_large). */
export const photoInputSchema = z.strictObject({ dataUrl: z.string().max(300 * 1024) });
export type PhotoInput = z.infer<typeof photoInputSchema>;

// --- Two fixed members per primary school (R5) ------------------------------------------------

export const pairStatusSchema = z.enum(['missing', 'incomplete', 'complete']);
export type PairStatusValue = z.infer<typeof pairStatusSchema>;

/** One member's period at a school (valid_to exclusive; null while it runs). */
export const pairPeriodSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  teamRole: teamRoleSchema,
  isContact: z.boolean(),
  validFrom: storedDateSchema,
  validTo: storedDateSchema.nullable(),
});
export type PairPeriodView = z.infer<typeof pairPeriodSchema>;

/** A primary location with its pair on one date. */
export const locationPairSchema = z.object({
  locationId: z.uuid(),
  name: z.string(),
  brin: z.string(),
  locationCode: z.string(),
  sector: sectorSchema,
  place: z.string(),
  date: storedDateSchema,
  status: pairStatusSchema,
  behaviouralScientist: pairPeriodSchema.nullable(),
  inclusionAdviser: pairPeriodSchema.nullable(),
});
export type LocationPair = z.infer<typeof locationPairSchema>;

export const pairListQuerySchema = paginationQuerySchema.extend({
  date: dateSchema.optional(),
  status: pairStatusSchema.optional(),
  /** `status`: schools lacking a complete pair first. */
  sort: z.enum(['status', 'name']).default('status'),
});
export type PairListQuery = z.infer<typeof pairListQuerySchema>;
export const pairPageSchema = pageSchema(locationPairSchema).extend({ date: storedDateSchema });
export type PairPage = z.infer<typeof pairPageSchema>;

export const pairDateQuerySchema = z.strictObject({ date: dateSchema.optional() });

export const pairHistorySchema = z.object({
  locationId: z.uuid(),
  name: z.string(),
  /** Newest first. */
  periods: z.array(pairPeriodSchema),
});
export type PairHistory = z.infer<typeof pairHistorySchema>;

const pairFields = {
  behaviouralScientistUserId: z.uuid(),
  inclusionAdviserUserId: z.uuid(),
  /** Which of the two is the contact person. */
  contact: teamRoleSchema,
};

export const setPairInputSchema = z.strictObject({ ...pairFields, effectiveFrom: dateSchema });
export type SetPairInput = z.infer<typeof setPairInputSchema>;

export const maxBulkAssignments = 200;
export const bulkPairInputSchema = z.strictObject({
  effectiveFrom: dateSchema,
  assignments: z
    .array(z.strictObject({ locationId: z.uuid(), ...pairFields }))
    .min(1)
    .max(maxBulkAssignments),
});
export type BulkPairInput = z.infer<typeof bulkPairInputSchema>;
export const bulkPairResultSchema = z.object({ changed: z.number().int(), unchanged: z.number().int() });
export type BulkPairResult = z.infer<typeof bulkPairResultSchema>;
