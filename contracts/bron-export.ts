import { z } from 'zod';
import { dateSchema, schoolYearSchema } from './fields.ts';

/**
 * The OPP's start and end dates per pupil of one school location, for the school's administration to
 * enter in its student administration system, which registers them in BRON (E14). See
 * docs/bron-export.md for the columns and why.
 */
export const bronExportFormats = ['csv', 'xlsx'] as const;

export const bronExportQuerySchema = z.strictObject({
  locationId: z.uuid(),
  /** Only OPPs that ran during this school year (adopted before its end, not ended before its start). */
  schoolYear: schoolYearSchema.optional(),
  /** Only lines whose dates changed on or after this day (the last export's date, say). */
  changedSince: dateSchema.optional(),
  format: z.enum(bronExportFormats).default('csv'),
});
export type BronExportQuery = z.infer<typeof bronExportQuerySchema>;
