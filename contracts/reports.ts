import { z } from 'zod';
import { dateSchema, endNotBeforeStart, schoolYearSchema } from './fields.ts';
import { sectors } from './locations.ts';

/**
 * Reporting (S1–S4, P9). Every figure travels as a table of the same shape, so the screen, the
 * chart beside it, the CSV/XLSX export and the annual report's PDF all draw from one answer: the
 * server resolves every label in the viewer's language and applies P9 before anything leaves it.
 */

/** The two parts of the figures: the expertise team (primary) and the expertise points (secondary). */
export const figureSections = ['team', 'points'] as const;
export const figureSectionSchema = z.enum(figureSections);
export type FigureSection = z.infer<typeof figureSectionSchema>;

/** What a column's numbers are: a count, hours, days (a lead time), or a percentage (0–100). */
export const figureUnits = ['count', 'hours', 'days', 'percent'] as const;
export const figureUnitSchema = z.enum(figureUnits);
export type FigureUnit = z.infer<typeof figureUnitSchema>;

/**
 * One cell: a number; `null` where there is nothing to show (a median of no requests); `'small'` for a
 * count of fewer than 5 pupils shown outside the staff office (P9, shown as "< 5"); `'hidden'` for a
 * cell left out so that a small one cannot be worked out from a total (P9's complementary cells).
 */
export const figureCellSchema = z.union([z.number(), z.null(), z.enum(['small', 'hidden'])]);
export type FigureCell = z.infer<typeof figureCellSchema>;

export const figureColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: figureUnitSchema,
});
export type FigureColumn = z.infer<typeof figureColumnSchema>;

export const figureRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** This period's values, one per column. */
  values: z.array(figureCellSchema),
  /** The same period a school year earlier, one per column. */
  lastYear: z.array(figureCellSchema),
  /** The web app's path to the list behind the row, when the viewer may see that list. */
  drillDown: z.string().nullable(),
  /** The row that adds up the others. */
  isTotal: z.boolean(),
});
export type FigureRow = z.infer<typeof figureRowSchema>;

export const figureTableSchema = z.object({
  /** Stable name of the table (`requests_by_school`): the export's file name and the screen's anchor. */
  id: z.string(),
  section: figureSectionSchema,
  title: z.string(),
  /** One or two sentences on what is counted and how. */
  description: z.string(),
  /** The heading of the row labels' column. */
  rowHeader: z.string(),
  columns: z.array(figureColumnSchema),
  rows: z.array(figureRowSchema),
  /** Which column a bar chart beside the table draws (its index), or none. */
  chartColumn: z.number().int().nullable(),
});
export type FigureTable = z.infer<typeof figureTableSchema>;

export const figureFilterSchema = z
  .strictObject({
    schoolYear: schoolYearSchema,
    locationId: z.uuid().optional(),
    boardId: z.uuid().optional(),
    sector: z.enum(sectors).optional(),
    /** A period inside the school year; without it the whole year (up to today). */
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    section: figureSectionSchema.optional(),
  })
  .superRefine(endNotBeforeStart);
export type FigureFilter = z.infer<typeof figureFilterSchema>;

export const figuresSchema = z.object({
  schoolYear: z.number().int(),
  /** The period counted, and the same period a year earlier. */
  period: z.object({ from: z.string(), to: z.string() }),
  lastYearPeriod: z.object({ from: z.string(), to: z.string() }),
  /** Whether P9 was applied to this answer (everyone but the staff office). */
  isSuppressed: z.boolean(),
  tables: z.array(figureTableSchema),
});
export type Figures = z.infer<typeof figuresSchema>;

/** The expertise team's tables, in the order the figures show them. */
export const teamFigureTableIds = [
  'requests_by_school',
  'requests_by_type',
  'requests_by_status',
  'refusals_by_reason',
  'requests_by_level',
  'lead_times',
  'consent',
  'hours_by_school',
  'hours_by_expertise',
  'planning_talks',
  'sot_meetings',
  'interim_meetings',
] as const;

/** The expertise points' tables, in the order the figures show them. */
export const pointFigureTableIds = [
  'active_trajectories',
  'visits_by_reason',
  'opp_deadlines',
  'zat_referrals',
  'teacher_support',
  'outcomes',
] as const;

/** Formats of a table's download. */
export const figureExportFormats = ['csv', 'xlsx'] as const;
export const figureExportQuerySchema = figureFilterSchema.safeExtend({
  table: z.enum([...teamFigureTableIds, ...pointFigureTableIds]),
  format: z.enum(figureExportFormats),
});
export type FigureExportQuery = z.infer<typeof figureExportQuerySchema>;
