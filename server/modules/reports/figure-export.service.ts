import { type FigureExportQuery, teamFigureTableIds } from '../../../contracts/reports.ts';
import { ValidationFailed } from '../../platform/http/errors.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { figureExportFileName, figureTableCsv, figureTablesXlsx } from './figure-export.ts';
import { figuresOf } from './reports.service.ts';

/** A file to send: its name (no personal data), content type and bytes. */
export type FigureDownload = { fileName: string; contentType: string; body: string | Buffer };

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One figure table as CSV or XLSX: taken from the same answer as the figures route, for the same
 * viewer and filter, so a download shows exactly what the screen does (P9 included).
 */
export async function exportFigureTable(
  context: UseCaseContext,
  query: FigureExportQuery,
): Promise<FigureDownload> {
  const { table: tableId, format, ...filter } = query;
  // Only the part the table belongs to is counted.
  const section = (teamFigureTableIds as readonly string[]).includes(tableId) ? 'team' : 'points';
  const figures = await figuresOf(context, { ...filter, section });
  const table = figures.tables.find((candidate) => candidate.id === tableId);
  if (!table) throw new ValidationFailed([{ path: 'table', code: 'invalid_value' }]);
  const fileName = figureExportFileName(table.id, figures.schoolYear, format);
  if (format === 'csv')
    return { fileName, contentType: 'text/csv; charset=utf-8', body: figureTableCsv(table, context.locale) };
  return {
    fileName,
    contentType: xlsxContentType,
    body: await figureTablesXlsx([table], { locale: context.locale }),
  };
}
