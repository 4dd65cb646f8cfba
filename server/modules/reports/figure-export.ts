import ExcelJS from 'exceljs';
import type { Locale } from '../../../contracts/fields.ts';
import type { FigureCell, FigureTable, FigureUnit } from '../../../contracts/reports.ts';
import { csvDocument, neutraliseFormula } from '../../platform/http/downloads.ts';
import { translate } from '../../platform/i18n/messages.ts';

/**
 * Every figure table as a download: CSV for one table, XLSX with a sheet per table. Both take the
 * `FigureTable` as the figures route answers it (labels in the viewer's language, P9 applied), so a
 * download never shows more than the screen; any module with figure tables exports through these.
 */

/** How P9's cells read in a download, the same as on the screen. */
export const smallCellText = '< 5';
export const hiddenCellText = '•';

// Excel number formats are locale-neutral codes: Excel shows them with the reader's own separators.
const numberFormats: Record<FigureUnit, string> = {
  count: '0',
  hours: '0.0',
  days: '0.0',
  percent: '0.0"%"',
};

/** What the spreadsheet needs beside the tables: the language, and an optional first sheet. */
export type FigureWorkbookMeta = {
  locale: Locale;
  /** A sheet before the tables (the annual report's contents), its rows as they are written. */
  contents?: { sheetName: string; rows: ReadonlyArray<ReadonlyArray<string | number | null>> };
};

/** A figure cell as CSV text: numbers with a decimal comma for Dutch spreadsheets, P9's marks as shown. */
function csvCell(cell: FigureCell): string | number {
  if (cell === null) return '';
  if (cell === 'small') return smallCellText;
  if (cell === 'hidden') return hiddenCellText;
  return Number.isInteger(cell) ? cell : String(Math.round(cell * 10) / 10).replace('.', ',');
}

/**
 * Whether the table compares with last year: a table with no last-year value in any row (the allocation
 * scenarios, demand against capacity) gets no empty last-year columns in a download.
 */
export function hasLastYear(table: FigureTable): boolean {
  return table.rows.some((row) => row.lastYear.some((cell) => cell !== null));
}

/** The column headers: the row labels' heading, then per column this year's and, if any, last year's. */
function headersOf(table: FigureTable, locale: Locale): string[] {
  const withLastYear = hasLastYear(table);
  return [
    table.rowHeader,
    ...table.columns.flatMap((column) =>
      withLastYear
        ? [column.label, translate(locale, 'annualReport.export.lastYearOf', { column: column.label })]
        : [column.label],
    ),
  ];
}

/** One figure table as CSV (semicolons, BOM, formula-like text neutralised): this year and last year per column. */
export function figureTableCsv(table: FigureTable, locale: Locale = 'nl'): string {
  const withLastYear = hasLastYear(table);
  return csvDocument(
    headersOf(table, locale),
    table.rows.map((row) => [
      row.label,
      ...table.columns.flatMap((_column, index) =>
        withLastYear
          ? [csvCell(row.values[index] ?? null), csvCell(row.lastYear[index] ?? null)]
          : [csvCell(row.values[index] ?? null)],
      ),
    ]),
  );
}

/**
 * Sheet names Excel accepts: no `[]:*?/\`, at most 31 characters, unique regardless of case (a
 * repeated name gets a number).
 */
export function sheetNamesOf(titles: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  // Excel refuses a name that starts or ends with an apostrophe, also one that a cut leaves at the end.
  const trimmed = (text: string) => text.replace(/^['\s]+|['\s]+$/g, '');
  return titles.map((title) => {
    const base = trimmed(title.replace(/[[\]:*?/\\]/g, ' ')) || 'Tabel';
    let name = trimmed(base.slice(0, 31));
    for (let number = 2; used.has(name.toLowerCase()); number += 1) {
      const suffix = ` (${number})`;
      name = `${trimmed(base.slice(0, 31 - suffix.length))}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** Writes a value to a cell: text neutralised against formulas, numbers as numbers with the unit's format. */
function writeCell(cell: ExcelJS.Cell, value: FigureCell | string, unit?: FigureUnit) {
  if (typeof value === 'number') {
    cell.value = value;
    if (unit) cell.numFmt = numberFormats[unit];
    cell.alignment = { horizontal: 'right' };
  } else if (value === 'small' || value === 'hidden') {
    cell.value = value === 'small' ? smallCellText : hiddenCellText;
    cell.alignment = { horizontal: 'right' };
  } else if (value !== null) {
    cell.value = neutraliseFormula(value);
  }
}

/** Adds one sheet with the table: title, description, two header rows, the rows, the marks' legend. */
function addTableSheet(workbook: ExcelJS.Workbook, table: FigureTable, name: string, locale: Locale) {
  const sheet = workbook.addWorksheet(name);
  writeCell(sheet.getCell(1, 1), table.title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  writeCell(sheet.getCell(2, 1), table.description);
  const labels = sheet.getRow(4);
  const years = sheet.getRow(5);
  // Two cells per column (this year, last year) when the table compares, else one.
  const width = hasLastYear(table) ? 2 : 1;
  writeCell(labels.getCell(1), table.rowHeader);
  table.columns.forEach((column, index) => {
    const first = 2 + index * width;
    writeCell(labels.getCell(first), column.label);
    writeCell(years.getCell(first), translate(locale, 'annualReport.export.thisYear'));
    if (width === 2) {
      sheet.mergeCells(4, first, 4, first + 1);
      writeCell(years.getCell(first + 1), translate(locale, 'annualReport.export.lastYear'));
    }
  });
  for (const row of [labels, years]) {
    row.font = { bold: true };
    row.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0F0' } };
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 5, xSplit: 1 }];
  let hasMarks = false;
  table.rows.forEach((figureRow, rowIndex) => {
    const row = sheet.getRow(6 + rowIndex);
    writeCell(row.getCell(1), figureRow.label);
    table.columns.forEach((column, index) => {
      const cells = [figureRow.values[index], figureRow.lastYear[index]].slice(0, width);
      for (const [offset, value] of cells.entries()) {
        const cell = value ?? null;
        if (cell === 'small' || cell === 'hidden') hasMarks = true;
        writeCell(row.getCell(2 + index * width + offset), cell, column.unit);
      }
    });
    if (figureRow.isTotal) row.font = { bold: true };
  });
  if (hasMarks)
    writeCell(
      sheet.getCell(7 + table.rows.length, 1),
      translate(locale, 'annualReport.export.legend', { small: smallCellText, hidden: hiddenCellText }),
    );
  sheet.getColumn(1).width = Math.min(60, Math.max(24, ...table.rows.map((row) => row.label.length + 2)));
  for (let index = 0; index < table.columns.length * width; index += 1) sheet.getColumn(2 + index).width = 14;
}

/** The figure tables as one workbook: the optional contents sheet first, then a sheet per table. */
export async function figureTablesXlsx(
  tables: readonly FigureTable[],
  meta: FigureWorkbookMeta,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Passend';
  const taken: string[] = [];
  if (meta.contents) {
    const [contentsName] = sheetNamesOf([meta.contents.sheetName]);
    const sheet = workbook.addWorksheet(contentsName);
    taken.push(sheet.name);
    meta.contents.rows.forEach((values, rowIndex) => {
      values.forEach((value, column) => {
        writeCell(sheet.getCell(rowIndex + 1, column + 1), value);
      });
    });
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
    sheet.getColumn(1).width = 40;
    sheet.getColumn(2).width = 60;
  }
  const names = sheetNamesOf(
    tables.map((table) => table.title),
    taken,
  );
  tables.forEach((table, index) => {
    addTableSheet(workbook, table, names[index] ?? table.id, meta.locale);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A download's file name: the table's stable id and the school year, never a name of a person or school. */
export function figureExportFileName(tableId: string, schoolYear: number, extension: string): string {
  return `${tableId.replace(/[^a-z0-9_-]/gi, '_')}-${schoolYear}-${schoolYear + 1}.${extension}`;
}
