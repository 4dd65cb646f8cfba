import { z } from 'zod';
import {
  dateSchema,
  endNotBeforeStart,
  multilineTextSchema,
  pageSchema,
  paginationQuerySchema,
  schoolYearSchema,
  storedDateSchema,
  textSchema,
} from './fields.ts';
import { figureTableSchema } from './reports.ts';

/** What the coordinator chooses for the allocation key of a school year (R14). */
export const allocationPreviewQuerySchema = z
  .strictObject({
    schoolYear: schoolYearSchema,
    /** Hours to divide; without it, the team's contracted hours of the year minus the set-aside. */
    totalHours: z.coerce.number().min(0).max(1_000_000).optional(),
    /** Hours kept for team-wide work when the total comes from the contracted hours. */
    setAsideHours: z.coerce.number().min(0).max(1_000_000).default(0),
    pupilWeightPercent: z.coerce.number().int().min(0).max(100),
    /** How many school years before this one count for past requests (e.g. the last three). */
    referenceYears: z.coerce.number().int().min(1).max(10).default(3),
    minimumHours: z.coerce.number().min(0).max(10_000).default(0),
    roundingUnit: z.enum(['1', '0.5']).default('1'),
  })
  .superRefine((value, context) => {
    if (value.totalHours !== undefined && value.totalHours <= 0)
      context.addIssue({ code: 'custom', path: ['totalHours'], message: 'total_not_positive' });
  });
export type AllocationPreviewQuery = z.infer<typeof allocationPreviewQuerySchema>;

export const allocationLineSchema = z.object({
  locationId: z.uuid(),
  name: z.string(),
  pupils: z.number().int(),
  pupilShare: z.number(),
  requests: z.number().int(),
  requestShare: z.number(),
  rawHours: z.number(),
  hours: z.number(),
  /** Hours in the adopted allocation of the school year before; null when there was none. */
  lastYearHours: z.number().nullable(),
});
export type AllocationLineView = z.infer<typeof allocationLineSchema>;

/** The allocation as computed, with every input and step per school (the explanation table). */
export const allocationPreviewSchema = z.object({
  schoolYear: z.number().int(),
  /** The school year whose 1 October pupil count is used (the one before). */
  pupilCountYear: z.number().int(),
  referenceSchoolYears: z.array(z.number().int()),
  totalHours: z.number(),
  totalSource: z.enum(['fixed', 'team']),
  contractedHours: z.number(),
  effectivePupilWeightPercent: z.number().int(),
  lines: z.array(allocationLineSchema),
  /** Schools without pupils in the count: left out, a warning for the coordinator. */
  excluded: z.array(z.object({ locationId: z.uuid(), name: z.string() })),
});
export type AllocationPreview = z.infer<typeof allocationPreviewSchema>;

/** Past requests of a school year before Passend, entered by hand (or imported). */
export const historicalRequestCountInputSchema = z.strictObject({
  count: z.number().int().min(0).max(10_000),
});

/** The settings of an allocation version, as the coordinator sets them (JSON body). */
export const allocationInputSchema = z
  .strictObject({
    schoolYear: z.number().int().min(1990).max(2100),
    totalHours: z.number().min(0).max(1_000_000).nullable().default(null),
    setAsideHours: z.number().min(0).max(1_000_000).default(0),
    pupilWeightPercent: z.number().int().min(0).max(100),
    referenceYears: z.number().int().min(1).max(10).default(3),
    minimumHours: z.number().min(0).max(10_000).default(0),
    roundingUnit: z.union([z.literal(1), z.literal(0.5)]).default(1),
    /** Why a version corrects an adopted one; required then. */
    reason: multilineTextSchema(2000).nullable().default(null),
  })
  .superRefine((value, context) => {
    if (value.totalHours !== null && value.totalHours <= 0)
      context.addIssue({ code: 'custom', path: ['totalHours'], message: 'total_not_positive' });
  });
export type AllocationInput = z.infer<typeof allocationInputSchema>;

/** The files an allocation version can be downloaded as. */
export const allocationExportFormats = ['csv', 'xlsx', 'pdf'] as const;
export type AllocationExportFormat = (typeof allocationExportFormats)[number];

export const allocationStatusSchema = z.enum(['draft', 'adopted', 'superseded']);

/** A stored version: its settings, who made and adopted it, and the explanation table. */
export const allocationSchema = allocationPreviewSchema.extend({
  id: z.uuid(),
  version: z.number().int(),
  status: allocationStatusSchema,
  reason: z.string().nullable(),
  settings: z.object({
    totalHours: z.number().nullable(),
    setAsideHours: z.number(),
    pupilWeightPercent: z.number().int(),
    referenceYears: z.number().int(),
    minimumHours: z.number(),
    roundingUnit: z.union([z.literal(1), z.literal(0.5)]),
  }),
  createdAt: z.string(),
  createdByName: z.string(),
  adoptedAt: z.string().nullable(),
  adoptedByName: z.string().nullable(),
});
export type Allocation = z.infer<typeof allocationSchema>;

export const allocationVersionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      version: z.number().int(),
      status: allocationStatusSchema,
      totalHours: z.number(),
      reason: z.string().nullable(),
      createdAt: z.string(),
      adoptedAt: z.string().nullable(),
    }),
  ),
});
export type AllocationVersionList = z.infer<typeof allocationVersionListSchema>;

// --- Time registration -------------------------------------------------------------------------

/** What a team member logs time on (issue 5, "Time registration"). */
export const timeActivities = [
  'consultation',
  'observation',
  'coaching',
  'group_guidance',
  'school_wide_theme',
  'annual_talk',
  'sot',
  'interim_meeting',
  'reporting',
  'travel',
] as const;
export const timeActivitySchema = z.enum(timeActivities);
export type TimeActivity = z.infer<typeof timeActivitySchema>;

/** A time entry as the team member (or the staff office on their behalf) enters it. */
export const timeEntryInputSchema = z.strictObject({
  date: dateSchema,
  hours: z.number().min(0).max(24),
  locationId: z.uuid(),
  requestId: z.uuid().nullable().default(null),
  activity: timeActivitySchema,
  note: textSchema(500).nullable().default(null),
  /** Only the staff office logs for someone else. */
  userId: z.uuid().optional(),
});
export type TimeEntryInput = z.infer<typeof timeEntryInputSchema>;

export const timeEntrySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  date: storedDateSchema,
  hours: z.number(),
  location: z.object({ id: z.uuid(), name: z.string() }),
  requestId: z.uuid().nullable(),
  activity: timeActivitySchema,
  note: z.string().nullable(),
  /** Whether the month is closed (the entry can no longer change). */
  locked: z.boolean(),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

/** Longest period one list of time entries covers: a list stays bounded without pages. */
export const maxTimeListDays = 62;

export const timeEntryListQuerySchema = z
  .strictObject({
    from: dateSchema,
    to: dateSchema,
    userId: z.uuid().optional(),
    locationId: z.uuid().optional(),
    activity: timeActivitySchema.optional(),
  })
  .superRefine((value, context) => {
    endNotBeforeStart(value, context);
    if (
      value.to >= value.from &&
      Date.parse(value.to) - Date.parse(value.from) > maxTimeListDays * 86_400_000
    )
      context.addIssue({ code: 'custom', path: ['to'], message: 'period_too_long' });
  });
export type TimeEntryListQuery = z.infer<typeof timeEntryListQuerySchema>;
export const timeEntryListSchema = z.object({ items: z.array(timeEntrySchema), totalHours: z.number() });
export type TimeEntryList = z.infer<typeof timeEntryListSchema>;

export const closePeriodInputSchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'invalid_month' }),
});

/** Copies the entries of the week before `weekStart` (a Monday) into that week, where the rules allow. */
export const copyWeekInputSchema = z.strictObject({ weekStart: dateSchema });
export const copyWeekResultSchema = z.object({ copied: z.number().int(), skipped: z.number().int() });
export type CopyWeekResult = z.infer<typeof copyWeekResultSchema>;

/** The months of a school year the staff office closed, with who closed them and when. */
export const closedPeriodListSchema = z.object({
  items: z.array(z.object({ month: z.string(), closedAt: z.string(), closedByName: z.string() })),
});
export type ClosedPeriodList = z.infer<typeof closedPeriodListSchema>;

// --- Budgets -----------------------------------------------------------------------------------

/** The level a school's use of its hours reached: a warning at 80 %, over at 100 %. */
export const budgetWarningSchema = z.union([z.literal(80), z.literal(100)]).nullable();

/** A school's hours in a school year: allocated by the adopted allocation, used by time entries. */
export const schoolBudgetLineSchema = z.object({
  locationId: z.uuid(),
  name: z.string(),
  /** Null while the school year has no adopted allocation. */
  allocated: z.number().nullable(),
  used: z.number(),
  remaining: z.number().nullable(),
  /** Share of the allocated hours used, in %, one decimal; null without allocated hours. */
  percentUsed: z.number().nullable(),
  warning: budgetWarningSchema,
});
export type SchoolBudgetLine = z.infer<typeof schoolBudgetLineSchema>;

export const budgetOverviewQuerySchema = paginationQuerySchema.extend({
  schoolYear: schoolYearSchema,
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});
export type BudgetOverviewQuery = z.infer<typeof budgetOverviewQuerySchema>;

/** The schools the reader may see, a page of them, with the totals over all of them. */
export const budgetOverviewSchema = pageSchema(schoolBudgetLineSchema).extend({
  schoolYear: z.number().int(),
  hasAdoptedAllocation: z.boolean(),
  totals: z.object({ allocated: z.number(), used: z.number(), remaining: z.number() }),
  /** Thresholds reached this year, newest first (the warnings shown in the app and mailed). */
  warnings: z.array(
    z.object({
      locationId: z.uuid(),
      name: z.string(),
      threshold: z.union([z.literal(80), z.literal(100)]),
      reachedAt: z.string(),
    }),
  ),
});
export type BudgetOverview = z.infer<typeof budgetOverviewSchema>;

export const schoolBudgetQuerySchema = z.strictObject({ schoolYear: schoolYearSchema });

/** One school's budget with its trend through the year and, when adopted, its line of the key. */
export const schoolBudgetSchema = schoolBudgetLineSchema.extend({
  schoolYear: z.number().int(),
  /** Every month of the school year, August to July: hours used that month and cumulative. */
  trend: z.array(z.object({ month: z.string(), used: z.number(), cumulative: z.number().nullable() })),
  byActivity: z.array(z.object({ activity: timeActivitySchema, hours: z.number() })),
  allocation: z
    .object({
      version: z.number().int(),
      adoptedAt: z.string().nullable(),
      totalHours: z.number(),
      schools: z.number().int(),
      effectivePupilWeightPercent: z.number().int(),
      minimumHours: z.number(),
      roundingUnit: z.union([z.literal(1), z.literal(0.5)]),
      pupilCountYear: z.number().int(),
      referenceSchoolYears: z.array(z.number().int()),
      line: allocationLineSchema.omit({ locationId: true, name: true }),
    })
    .nullable(),
});
export type SchoolBudget = z.infer<typeof schoolBudgetSchema>;

export const memberBudgetQuerySchema = paginationQuerySchema.extend({ schoolYear: schoolYearSchema });

/** Hours a team member booked in a school year against their contracted hours. */
export const memberBudgetPageSchema = pageSchema(
  z.object({
    userId: z.uuid(),
    name: z.string(),
    contracted: z.number(),
    booked: z.number(),
    percentBooked: z.number().nullable(),
  }),
).extend({ schoolYear: z.number().int() });
export type MemberBudgetPage = z.infer<typeof memberBudgetPageSchema>;

// --- Allocation scenarios (S3) -----------------------------------------------------------------

/** At most this many scenarios are compared side by side. */
export const maxScenarios = 4;

/**
 * Gainers and losers named per scenario at most: nationally thousands of schools can move, and the
 * comparison is recomputed as the user types; every school's change is in the table (and its download).
 */
export const scenarioListLimit = 25;

/** Schools per page of the scenarios' hours per school: nationally there are 7,500. */
export const scenarioSchoolsPageSize = 50;

/** One scenario's settings of the allocation key: the inputs of the preview that may differ per scenario. */
export const scenarioSettingsSchema = z
  .strictObject({
    /** Hours to divide; null: the team's contracted hours of the year minus the set-aside. */
    totalHours: z.number().min(0).max(1_000_000).nullable().default(null),
    setAsideHours: z.number().min(0).max(1_000_000).default(0),
    pupilWeightPercent: z.number().int().min(0).max(100),
    minimumHours: z.number().min(0).max(10_000).default(0),
    roundingUnit: z.union([z.literal(1), z.literal(0.5)]).default(1),
  })
  .superRefine((value, context) => {
    if (value.totalHours !== null && value.totalHours <= 0)
      context.addIssue({ code: 'custom', path: ['totalHours'], message: 'total_not_positive' });
  });
export type ScenarioSettings = z.infer<typeof scenarioSettingsSchema>;

/**
 * Scenarios to compare for a school year: the year and the reference years are shared, so every
 * scenario divides the same pupils and past requests.
 */
export const scenarioComparisonInputSchema = z.strictObject({
  schoolYear: z.number().int().min(1990).max(2100),
  referenceYears: z.number().int().min(1).max(10).default(3),
  scenarios: z.array(scenarioSettingsSchema).min(1).max(maxScenarios),
  /** The page of the hours per school (by name); the fairness figures are always over every school. */
  page: z.number().int().min(1).max(10_000).default(1),
});
export type ScenarioComparisonInput = z.infer<typeof scenarioComparisonInputSchema>;

const namedSchoolSchema = z.object({ locationId: z.uuid(), name: z.string() });

/** One scenario's outcome: its total, and its fairness figures (docs/allocation.md, "Comparing scenarios"). */
export const scenarioResultSchema = z.object({
  totalHours: z.number(),
  totalSource: z.enum(['fixed', 'team']),
  effectivePupilWeightPercent: z.number().int(),
  /** Hours per 100 pupils over the counted schools. */
  hoursPer100Pupils: z.object({ min: z.number(), median: z.number(), max: z.number() }),
  /** Pupil-weighted Gini coefficient of hours per pupil (0–1). */
  gini: z.number(),
  /** How many schools gain more than 10 % against last year's adopted allocation. */
  gainerCount: z.number().int(),
  /** Those schools, the largest gain first; at most `scenarioListLimit` of them. */
  gainers: z.array(namedSchoolSchema),
  /** How many schools lose more than 10 % against last year's adopted allocation. */
  loserCount: z.number().int(),
  /** Those schools, the largest loss first; at most `scenarioListLimit` of them. */
  losers: z.array(namedSchoolSchema),
});
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

/**
 * Scenarios side by side: each one's figures, and two figure tables (labels in the reader's
 * language) that the screen, the chart and the downloads share: the hours per school with the change
 * against last year, and the fairness figures per scenario.
 */
export const scenarioComparisonSchema = z.object({
  schoolYear: z.number().int(),
  pupilCountYear: z.number().int(),
  referenceSchoolYears: z.array(z.number().int()),
  contractedHours: z.number(),
  /** Whether the school year before has an adopted allocation to compare with. */
  hasLastYear: z.boolean(),
  /** Schools counted (with pupils); those without are left out, as on the allocation screen. */
  schoolCount: z.number().int(),
  excluded: z.array(namedSchoolSchema),
  scenarios: z.array(scenarioResultSchema),
  /** One page of the hours per school, and the total row over every school. */
  schools: figureTableSchema,
  schoolsPage: z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int() }),
  fairness: figureTableSchema,
});
export type ScenarioComparison = z.infer<typeof scenarioComparisonSchema>;

/** The downloads of a comparison: CSV the hours per school, XLSX that and the fairness figures. */
export const scenarioExportFormats = ['csv', 'xlsx'] as const;

/**
 * A comparison to download, in the address so a plain link downloads it: the scenarios' settings
 * (no personal data) as JSON in `scenarios`.
 */
export const scenarioExportQuerySchema = z.strictObject({
  schoolYear: schoolYearSchema,
  referenceYears: z.coerce.number().int().min(1).max(10).default(3),
  scenarios: z
    .string()
    .max(2000)
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'invalid_value' });
        return z.NEVER;
      }
    })
    .pipe(z.array(scenarioSettingsSchema).min(1).max(maxScenarios)),
});
export type ScenarioExportQuery = z.infer<typeof scenarioExportQuerySchema>;
