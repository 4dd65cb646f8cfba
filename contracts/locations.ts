import { z } from 'zod';
import {
  dateSchema,
  pageSchema,
  paginationQuerySchema,
  schoolYearSchema,
  storedDateSchema,
  textSchema,
} from './fields.ts';
import {
  isEndBeforeStart,
  isValidBrin,
  isValidLocationCode,
  isValidPostalCode,
  normaliseBrin,
  normaliseLocationCode,
  normalisePostalCode,
} from './location-codes.ts';

export const sectors = ['bo', 'sbo', 'so', 'vo', 'vso'] as const;
export const sectorSchema = z.enum(sectors);
export type Sector = z.infer<typeof sectorSchema>;

/** Primary sectors (the expertise team, R5) and secondary ones (expertise points, E1). */
export const primarySectors: readonly Sector[] = ['bo', 'sbo', 'so'];
export const secondarySectors: readonly Sector[] = ['vo', 'vso'];

/** A location as pickers and the access matrix know it. */
export const locationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  brin: z.string(),
  locationCode: z.string(),
  sector: sectorSchema,
  place: z.string(),
});
export type Location = z.infer<typeof locationSchema>;

export const locationSortSchema = z.enum(['name', 'place', 'brin', 'sector', 'pupils']);
export type LocationSort = z.infer<typeof locationSortSchema>;
export const sortDirectionSchema = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirectionSchema>;

export { schoolYearSchema };

export const locationListQuerySchema = paginationQuerySchema.extend({
  sector: sectorSchema.optional(),
  boardId: z.uuid().optional(),
  sort: locationSortSchema.default('name'),
  direction: sortDirectionSchema.default('asc'),
  /** Whose pupil counts the list shows; the current school year when absent. */
  schoolYear: schoolYearSchema.optional(),
});
export type LocationListQuery = z.infer<typeof locationListQuerySchema>;

/** A row of the location list: the location, its board, whether it is active today, its pupils. */
export const locationListItemSchema = locationSchema.extend({
  boardId: z.uuid().nullable(),
  boardName: z.string().nullable(),
  active: z.boolean(),
  pupils: z.number().int().nullable(),
});
export type LocationListItem = z.infer<typeof locationListItemSchema>;
export const locationPageSchema = pageSchema(locationListItemSchema).extend({ schoolYear: z.number().int() });
export type LocationPage = z.infer<typeof locationPageSchema>;

export const schoolBoardSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
export type SchoolBoard = z.infer<typeof schoolBoardSchema>;
export const schoolBoardListSchema = z.object({ items: z.array(schoolBoardSchema) });

export const createSchoolBoardInputSchema = z.strictObject({
  code: textSchema(20).min(1),
  name: textSchema(200).min(1),
});
export type CreateSchoolBoardInput = z.infer<typeof createSchoolBoardInputSchema>;

export const pupilCountSchema = z.object({
  schoolYear: z.number().int(),
  pupils: z.number().int(),
  source: z.enum(['manual', 'import']),
  updatedAt: z.string(),
});
export type PupilCount = z.infer<typeof pupilCountSchema>;

export const pupilCountInputSchema = z.strictObject({ pupils: z.number().int().min(0).max(100_000) });
export type PupilCountInput = z.infer<typeof pupilCountInputSchema>;

/** A user with a school role at the location (issue 3, item 5); the e-mail only for managers. */
export const locationStaffSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.string(),
  email: z.string().nullable(),
});
export type LocationStaff = z.infer<typeof locationStaffSchema>;

export const locationDetailSchema = locationSchema.extend({
  board: schoolBoardSchema.nullable(),
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  activeFrom: storedDateSchema.nullable(),
  activeTo: storedDateSchema.nullable(),
  active: z.boolean(),
  /** Newest school year first. */
  pupilCounts: z.array(pupilCountSchema),
  staff: z.array(locationStaffSchema),
});
export type LocationDetail = z.infer<typeof locationDetailSchema>;

// Codes and postal codes are normalised before they are checked, so "12ab" and "1234ab" are accepted.
const brinSchema = textSchema(10)
  .min(1)
  .transform(normaliseBrin)
  .refine(isValidBrin, { message: 'invalid_brin' });
const locationCodeSchema = textSchema(5)
  .min(1)
  .transform(normaliseLocationCode)
  .refine(isValidLocationCode, { message: 'invalid_location_code' });
const postalCodeSchema = textSchema(10)
  .transform(normalisePostalCode)
  .refine((value) => value === '' || isValidPostalCode(value), { message: 'invalid_postal_code' });

const locationFields = {
  brin: brinSchema,
  locationCode: locationCodeSchema,
  name: textSchema(200).min(1),
  sector: sectorSchema,
  boardId: z.uuid().nullable(),
  street: textSchema(200),
  houseNumber: textSchema(20),
  postalCode: postalCodeSchema,
  place: textSchema(100).min(1),
  activeFrom: dateSchema.nullable(),
  activeTo: dateSchema.nullable(),
};

/** The active period's order, for a form that has both dates at hand. */
function checkPeriod(
  value: { activeFrom?: string | null; activeTo?: string | null },
  context: z.RefinementCtx,
): void {
  if (isEndBeforeStart(value.activeFrom ?? null, value.activeTo ?? null)) {
    context.addIssue({ code: 'custom', path: ['activeTo'], message: 'end_before_start' });
  }
}

export const createLocationInputSchema = z
  .strictObject({
    ...locationFields,
    boardId: locationFields.boardId.default(null),
    street: locationFields.street.default(''),
    houseNumber: locationFields.houseNumber.default(''),
    postalCode: locationFields.postalCode.default(''),
    activeFrom: locationFields.activeFrom.default(null),
    activeTo: locationFields.activeTo.default(null),
  })
  .superRefine(checkPeriod);
export type CreateLocationInput = z.infer<typeof createLocationInputSchema>;

/** Only the fields sent change; the service checks the period against the stored dates too. */
export const updateLocationInputSchema = z.strictObject(locationFields).partial().superRefine(checkPeriod);
export type UpdateLocationInput = z.infer<typeof updateLocationInputSchema>;
