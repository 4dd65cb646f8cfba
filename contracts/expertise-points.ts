import { z } from 'zod';
import { multilineTextSchema, pageSchema, paginationQuerySchema, textSchema } from './fields.ts';

/**
 * Why a secondary location shows on the coordinator's warning list (E1): it has no expertise point
 * yet (`missing`), or one without a VSO teacher (`unstaffed`).
 */
export const expertisePointWarningSchema = z.enum(['missing', 'unstaffed']);
export type ExpertisePointWarning = z.infer<typeof expertisePointWarningSchema>;

/** The limits of the editable fields; the web form shows the same ones. */
export const expertisePointLimits = { room: 100, openingHours: 200, publicDescription: 2000 } as const;

/** Room, opening hours and the offer of one expertise point (E7 always; E8 only when offered). */
export const expertisePointInputSchema = z.strictObject({
  room: textSchema(expertisePointLimits.room).min(1),
  openingHours: multilineTextSchema(expertisePointLimits.openingHours).min(1),
  offersHomeworkSupport: z.boolean(),
  publicDescription: multilineTextSchema(expertisePointLimits.publicDescription),
});
export type ExpertisePointInput = z.infer<typeof expertisePointInputSchema>;

export const expertisePointDetailsSchema = z.object({
  room: z.string(),
  openingHours: z.string(),
  offersHomeworkSupport: z.boolean(),
  publicDescription: z.string(),
});
export type ExpertisePointDetails = z.infer<typeof expertisePointDetailsSchema>;

/** A secondary location with its expertise point (null when it has none yet) and its VSO teachers. */
export const expertisePointOverviewSchema = z.object({
  locationId: z.uuid(),
  locationName: z.string(),
  place: z.string(),
  brin: z.string(),
  locationCode: z.string(),
  expertisePoint: expertisePointDetailsSchema.nullable(),
  vsoTeachers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  warning: expertisePointWarningSchema.nullable(),
});
export type ExpertisePointOverview = z.infer<typeof expertisePointOverviewSchema>;
export const expertisePointPageSchema = pageSchema(expertisePointOverviewSchema);

/** The overview's query: paging, a search on name or place, and `warning=true` for the warning list. */
export const expertisePointListQuerySchema = paginationQuerySchema.extend({
  warning: z.enum(['true', 'false']).optional(),
});
export type ExpertisePointListQuery = z.infer<typeof expertisePointListQuerySchema>;
