import { z } from 'zod';
import { schoolYearSchema, sectorSchema } from './locations.ts';

/**
 * The CSV import of locations and pupil counts: the three layouts, the form fields sent with the
 * file, and the preview the server answers with. Problems are codes with params; the web app words
 * them from its catalogue (`import.problems.<code>`, `import.reasons.<code>`).
 */
export const importLayouts = ['duo_locations', 'duo_pupils', 'passend'] as const;
export const importLayoutSchema = z.enum(importLayouts);
export type ImportLayout = z.infer<typeof importLayoutSchema>;

/** The largest file the server accepts (413 above it). */
export const importMaxFileBytes = 5 * 1024 * 1024;

/** The form fields next to the file (multipart fields are text, hence the coercion). */
export const importOptionsSchema = z.strictObject({
  layout: importLayoutSchema,
  sector: z.preprocess((value) => (value === '' ? undefined : value), sectorSchema.optional()),
  schoolYear: z.preprocess((value) => (value === '' ? undefined : value), schoolYearSchema.optional()),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

const paramsSchema = z.record(z.string(), z.union([z.string().max(200), z.number()]));

/** Something wrong with the file as a whole (wrong delimiter, missing column, binary file, …). */
export const importProblemSchema = z.object({ code: z.string().max(60), params: paramsSchema.optional() });
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** Why one row cannot be imported. */
export const importReasonSchema = z.object({
  code: z.string().max(60),
  column: z.string().max(100).optional(),
  params: paramsSchema.optional(),
});
export type ImportReason = z.infer<typeof importReasonSchema>;

/** The fields of a location or pupil count that a row changes. */
export const importFieldSchema = z.enum([
  'name',
  'sector',
  'street',
  'houseNumber',
  'postalCode',
  'place',
  'boardCode',
  'boardName',
  'pupils',
]);
export type ImportField = z.infer<typeof importFieldSchema>;

/** A row that adds or changes something, as the preview shows it. */
export const importChangeSchema = z.object({
  line: z.number().int(),
  brin: z.string(),
  locationCode: z.string(),
  name: z.string(),
  schoolYear: z.number().int().nullable(),
  pupils: z.number().int().nullable(),
  /** Empty for a row that adds a location. */
  fields: z.array(importFieldSchema),
});
export type ImportChange = z.infer<typeof importChangeSchema>;

export const importInvalidRowSchema = z.object({
  line: z.number().int(),
  reasons: z.array(importReasonSchema),
});
export type ImportInvalidRow = z.infer<typeof importInvalidRowSchema>;

export const importCountsSchema = z.object({
  rows: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** At most this many rows of each table travel in a preview; the counts are always complete. */
export const importListLimit = 500;

export const importPreviewSchema = z.object({
  layout: importLayoutSchema,
  encoding: z.enum(['utf-8', 'windows-1252', 'utf-16']).nullable(),
  /** Problems with the whole file; when there are any, nothing can be imported. */
  problems: z.array(importProblemSchema),
  counts: importCountsSchema,
  added: z.array(importChangeSchema),
  changed: z.array(importChangeSchema),
  invalid: z.array(importInvalidRowSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({ counts: importCountsSchema });
export type ImportResult = z.infer<typeof importResultSchema>;
