import type { FigureTable } from '../../../contracts/reports.ts';
import type { RawFigureTable } from './figure-table.ts';

/**
 * P9: outside the staff office a count of fewer than 5 pupils is shown as "< 5", and enough other
 * cells are hidden that it cannot be worked out from a total.
 * (Placeholder until the suppression rules land: publishes the numbers as they are.)
 */
export function publishFigureTable(table: RawFigureTable, options: { suppress: boolean }): FigureTable {
  void options;
  return {
    ...table,
    columns: table.columns.map(({ key, label, unit }) => ({ key, label, unit })),
    rows: table.rows.map((row) => ({ ...row, isTotal: row.isTotal ?? false })),
  };
}
