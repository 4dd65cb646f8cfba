import { z } from 'zod';
import { multilineTextSchema, schoolYearSchema } from './fields.ts';

/**
 * The annual report (S2): the staff office's own text per section, and the report itself as a PDF or
 * a spreadsheet, built from the year's figures with P9 applied (it goes to the board and the
 * inspectorate).
 */

/** The sections the staff office writes a text for, in the report's order. */
export const annualReportSections = ['intro', 'team', 'points', 'allocation', 'closing'] as const;
export const annualReportSectionSchema = z.enum(annualReportSections);
export type AnnualReportSection = z.infer<typeof annualReportSectionSchema>;

/** Enough for a few pages of text per section. */
export const annualReportTextMaxLength = 10_000;

export const annualReportQuerySchema = z.strictObject({ schoolYear: schoolYearSchema });
export type AnnualReportQuery = z.infer<typeof annualReportQuerySchema>;

/** Every section's text; an empty text leaves the section with its figures only. */
export const annualReportTextFieldsSchema = z.strictObject({
  intro: multilineTextSchema(annualReportTextMaxLength),
  team: multilineTextSchema(annualReportTextMaxLength),
  points: multilineTextSchema(annualReportTextMaxLength),
  allocation: multilineTextSchema(annualReportTextMaxLength),
  closing: multilineTextSchema(annualReportTextMaxLength),
});
export type AnnualReportTextFields = z.infer<typeof annualReportTextFieldsSchema>;

export const annualReportTextsInputSchema = z.strictObject({
  schoolYear: schoolYearSchema,
  texts: annualReportTextFieldsSchema,
});
export type AnnualReportTextsInput = z.infer<typeof annualReportTextsInputSchema>;

export const annualReportTextsSchema = z.object({
  schoolYear: z.number().int(),
  texts: annualReportTextFieldsSchema,
  /** When a text was last saved (null: none written yet for this year). */
  updatedAt: z.string().nullable(),
});
export type AnnualReportTexts = z.infer<typeof annualReportTextsSchema>;

export const annualReportFormats = ['pdf', 'xlsx'] as const;
export const annualReportDownloadQuerySchema = annualReportQuerySchema.safeExtend({
  format: z.enum(annualReportFormats),
});
export type AnnualReportDownloadQuery = z.infer<typeof annualReportDownloadQuerySchema>;
