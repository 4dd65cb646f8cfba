import { schoolYearBounds } from '../../../contracts/school-year.ts';

/** The shares of a school's allocated hours at which the coordinator and contact person are warned. */
export const warningThresholds = [80, 100] as const;
export type WarningThreshold = (typeof warningThresholds)[number];

/**
 * The thresholds a school's use has reached. Without an adopted allocation nothing is reached; with
 * zero hours allocated any use is over. Hours are multiples of 0.25 and 0.5, so comparing
 * `used × 100` with `allocated × threshold` is exact in floating point.
 */
export function thresholdsReached(allocated: number | null, used: number): WarningThreshold[] {
  if (allocated === null || used <= 0) return [];
  return warningThresholds.filter((threshold) => used * 100 >= allocated * threshold);
}

/** The highest threshold reached, for the status shown beside a school. */
export function warningLevel(allocated: number | null, used: number): WarningThreshold | null {
  return thresholdsReached(allocated, used).at(-1) ?? null;
}

/** Share of the allocated hours used, in % with one decimal; null when nothing was allocated. */
export function percentUsed(allocated: number | null, used: number): number | null {
  if (allocated === null || allocated <= 0) return null;
  return Math.round((used / allocated) * 1000) / 10;
}

/** The twelve months of a school year, August to July, as YYYY-MM. */
export function monthsOfSchoolYear(schoolYear: number): string[] {
  return Array.from({ length: 12 }, (_, index) => {
    const month = ((7 + index) % 12) + 1;
    const year = month >= 8 ? schoolYear : schoolYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/**
 * The trend through a school year: each month's use and the running total. Months after `today`
 * have no cumulative yet (null), so a chart does not draw a flat line into the future.
 */
export function monthlyTrend(
  schoolYear: number,
  usedByMonth: ReadonlyMap<string, number>,
  today: string,
): Array<{ month: string; used: number; cumulative: number | null }> {
  const lastMonth = today > schoolYearBounds(schoolYear).end ? '9999-12' : today.slice(0, 7);
  let cumulative = 0;
  return monthsOfSchoolYear(schoolYear).map((month) => {
    const used = usedByMonth.get(month) ?? 0;
    cumulative += used;
    return { month, used, cumulative: month <= lastMonth ? cumulative : null };
  });
}
