import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type FigureCell,
  type FigureExportQuery,
  type FigureFilter,
  type FigureUnit,
  figuresSchema,
} from '../../../../contracts/reports.ts';
import { api, withQuery } from '../../app/api.ts';

/** Query keys of the reports module. */
export const reportsKeys = {
  all: ['reports'] as const,
  figures: (filter: FigureFilter) => ['reports', 'figures', filter] as const,
};

/** The filter as query parameters, in the contract's names (the address uses Dutch ones). */
function filterQuery(filter: FigureFilter): Record<string, string | number | undefined> {
  return {
    schoolYear: filter.schoolYear,
    section: filter.section,
    locationId: filter.locationId,
    boardId: filter.boardId,
    sector: filter.sector,
    from: filter.from,
    to: filter.to,
  };
}

/** The year's figures under the filter; the previous answer stays on screen while a new one loads. */
export function useFigures(filter: FigureFilter, enabled = true) {
  return useQuery({
    queryKey: reportsKeys.figures(filter),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/reports/figures', filterQuery(filter)), figuresSchema, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The download of one table under the same filter as the screen shows it. */
export function figureExportHref(
  table: string,
  format: FigureExportQuery['format'],
  filter: FigureFilter,
): string {
  return withQuery('/api/reports/figures/export', { table, format, ...filterQuery(filter) });
}

/** A cell in words for the screen: `small` and `hidden` as the page's legend explains them. */
export type ShownCell =
  | { kind: 'value'; text: string }
  | { kind: 'none' }
  | { kind: 'small' }
  | { kind: 'hidden' };

/** Formats a cell in its column's unit; `format` is the locale's number format. */
export function shownCell(
  cell: FigureCell,
  unit: FigureUnit,
  format: (value: number) => string,
  units: { hours: (text: string) => string; days: (text: string, count: number) => string },
): ShownCell {
  if (cell === null) return { kind: 'none' };
  if (cell === 'small') return { kind: 'small' };
  if (cell === 'hidden') return { kind: 'hidden' };
  const text = format(cell);
  if (unit === 'hours') return { kind: 'value', text: units.hours(text) };
  if (unit === 'days') return { kind: 'value', text: units.days(text, cell) };
  if (unit === 'percent') return { kind: 'value', text: `${text} %` };
  return { kind: 'value', text };
}
