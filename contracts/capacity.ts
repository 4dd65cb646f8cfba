import { z } from 'zod';
import { schoolYearSchema } from './fields.ts';
import { figureExportFormats, figureTableSchema } from './reports.ts';

/**
 * Demand against capacity (S4): the planning talks' expected requests turned into hours per expertise
 * tag and school month, set against the team's hours per tag. The rules are in
 * `server/modules/reports/capacity.rules.ts`; the page explains them in one sentence.
 */

export const capacityQuerySchema = z.strictObject({ schoolYear: schoolYearSchema });
export type CapacityQuery = z.infer<typeof capacityQuerySchema>;

/** The tables of the answer, in order: demand, capacity and difference per tag and month, and the schools. */
export const capacityTableIds = [
  'capacity_demand',
  'capacity_capacity',
  'capacity_difference',
  'capacity_schools',
] as const;
export type CapacityTableId = (typeof capacityTableIds)[number];

/** One table of the answer as a download, through the figures' one export. */
export const capacityExportQuerySchema = capacityQuerySchema.safeExtend({
  table: z.enum(capacityTableIds),
  format: z.enum(figureExportFormats),
});
export type CapacityExportQuery = z.infer<typeof capacityExportQuerySchema>;

/** Where the hours per request of a tag come from: its own closed requests, all of them, or the fixed figure. */
export const hoursPerRequestBases = ['tag', 'all', 'default'] as const;
export const hoursPerRequestBasisSchema = z.enum(hoursPerRequestBases);
export type HoursPerRequestBasis = z.infer<typeof hoursPerRequestBasisSchema>;

/** One month (YYYY-MM) or the whole year (`year`) of one tag: hours, rounded to one decimal. */
export const capacityCellSchema = z.object({
  month: z.string(),
  demand: z.number(),
  capacity: z.number(),
  /** Capacity minus demand: below zero is a shortfall. */
  difference: z.number(),
  isShort: z.boolean(),
});
export type CapacityCell = z.infer<typeof capacityCellSchema>;

/** A school behind a tag's demand: its planning talk's expected requests and this tag's part of them. */
export const capacitySchoolSchema = z.object({
  locationId: z.uuid(),
  name: z.string(),
  expectedRequests: z.number().int(),
  /** The school's expected requests for this tag (split evenly over the tags it wants). */
  requestsForTag: z.number(),
  demandHours: z.number(),
});
export type CapacitySchool = z.infer<typeof capacitySchoolSchema>;

export const capacityTagSchema = z.object({
  /** The tag's id, or `none` for demand without a wanted tag and members without a tag. */
  key: z.string(),
  name: z.string(),
  hoursPerRequest: z.number(),
  basis: hoursPerRequestBasisSchema,
  /** Closed requests of last school year the hours per request were averaged over (0 for the fixed figure). */
  closedRequests: z.number().int(),
  months: z.array(capacityCellSchema),
  year: capacityCellSchema,
  /** Months in which demand exceeds capacity. */
  shortMonths: z.number().int(),
  schools: z.array(capacitySchoolSchema),
});
export type CapacityTag = z.infer<typeof capacityTagSchema>;

export const capacitySchema = z.object({
  schoolYear: z.number().int(),
  /** The school months demand and capacity are spread over, September to June (YYYY-MM). */
  months: z.array(z.string()),
  /** Planning talks of the year with expected requests (the latest per school). */
  talks: z.number().int(),
  expectedRequests: z.number().int(),
  /** Team members with contracted hours this year. */
  members: z.number().int(),
  /** The hours per request over all tags, used where a tag has too few closed requests of its own. */
  estimate: z.object({
    hoursPerRequest: z.number(),
    basis: hoursPerRequestBasisSchema,
    closedRequests: z.number().int(),
  }),
  /** Tags with a shortfall first (largest first), then by name; demand without a tag last. */
  tags: z.array(capacityTagSchema),
  /** Every tag together: each member's hours counted once. */
  total: capacityTagSchema.pick({ months: true, year: true, shortMonths: true }),
  /** The same figures as tables for the download: demand, capacity and difference per tag and month, and the schools. */
  tables: z.array(figureTableSchema),
});
export type Capacity = z.infer<typeof capacitySchema>;
