/**
 * The statistics of the figures (lead times in days). They are computed in SQL with PostgreSQL's
 * `percentile_cont` over the requests of each row, set-based, in the same query that counts them; this
 * function is the same method in TypeScript, so the method is written down and tested on hand-made
 * lists, and a route test can check the database's answers against it.
 *
 * Method: linear interpolation between the closest ranks (`percentile_cont`): over the n values sorted,
 * the p-th percentile sits at position (n − 1) · p counted from 0; between two values it is their
 * weighted mean. The median is the 50th percentile, so an even list gives the mean of the middle two.
 * No values: null (nothing to show).
 */
export function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

/** The median (50th percentile, linear interpolation), or null for no values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** A statistic as a figure shows it: days to one decimal. */
export function roundedDays(value: number | string | null): number | null {
  if (value === null) return null;
  return Math.round(Number(value) * 10) / 10;
}
