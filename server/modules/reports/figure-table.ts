import type { FigureTable, FigureUnit } from '../../../contracts/reports.ts';
import type { Action } from '../../platform/access/policies.ts';

/**
 * A figure table as a builder produces it, before P9: plain numbers, and what the suppression needs to
 * know about each column (`suppressFigureTable` in `suppression.rules.ts` turns it into a `FigureTable`).
 */
export type RawFigureColumn = {
  key: string;
  label: string;
  unit: FigureUnit;
  /** The column counts pupils (or requests and trajectories about pupils): P9 applies to it. */
  countsPupils?: boolean;
  /**
   * A statistic (a median, a percentage) of the row's count in column `basedOn`: hidden with that
   * count, so a lead time of three pupils is not shown either.
   */
  basedOn?: number;
  /** The column is the sum of these columns of the same row (a row total, for complementary cells). */
  sumOf?: readonly number[];
};

export type RawFigureRow = {
  key: string;
  label: string;
  values: Array<number | null>;
  lastYear: Array<number | null>;
  drillDown: string | null;
  /** The row adds up every other row in each counting column. */
  isTotal?: boolean;
};

export type RawFigureTable = Omit<FigureTable, 'columns' | 'rows'> & {
  columns: RawFigureColumn[];
  rows: RawFigureRow[];
};

/** The total row of rows that add up: each column's sum, this period and last year. */
export function sumRowOf(
  rows: readonly RawFigureRow[],
  label: string,
  drillDown: string | null,
): RawFigureRow {
  const sum = (pick: (row: RawFigureRow) => Array<number | null>) =>
    (rows[0] ? pick(rows[0]) : []).map((_value, index) =>
      rows.reduce((total, row) => total + (pick(row)[index] ?? 0), 0),
    );
  return {
    key: 'total',
    label,
    values: sum((row) => row.values),
    lastYear: sum((row) => row.lastYear),
    drillDown,
    isTotal: true,
  };
}

/** The web path of the list behind a row, or null when the viewer may not open that list. */
export function listPath(
  scope: { mayList(action: Action): boolean },
  action: Action,
  path: string,
  filters: Record<string, string>,
): string | null {
  if (!scope.mayList(action)) return null;
  return `${path}?${new URLSearchParams(filters).toString()}`;
}
