import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FigureTable } from '../../../contracts/reports.ts';
import { registerModules } from '../index.ts';
import { figureExportFileName, figureTableCsv, figureTablesXlsx, sheetNamesOf } from './figure-export.ts';

registerModules();

/** A table whose labels a spreadsheet would run as formulas, with P9's marks in it. */
const table: FigureTable = {
  id: 'requests_by_school',
  section: 'team',
  title: '=Hulpvragen per school',
  description: '@Aantal ingediende hulpvragen per school',
  rowHeader: 'School',
  columns: [
    { key: 'requests', label: 'Hulpvragen', unit: 'count' },
    { key: 'median', label: 'Doorlooptijd', unit: 'days' },
  ],
  rows: [
    { key: 'a', label: '=SUM(A1)', values: [12, 4.25], lastYear: [9, null], drillDown: null, isTotal: false },
    {
      key: 'b',
      label: '+31 6 1234',
      values: ['small', 'hidden'],
      lastYear: [7, 3],
      drillDown: null,
      isTotal: false,
    },
    {
      key: 'c',
      label: '-x',
      values: ['hidden', 2],
      lastYear: ['small', 'hidden'],
      drillDown: null,
      isTotal: false,
    },
    { key: 'd', label: '@x', values: [30, 5], lastYear: [31, 6], drillDown: null, isTotal: false },
    {
      key: 'total',
      label: 'Totaal',
      values: [50, null],
      lastYear: [47, null],
      drillDown: null,
      isTotal: true,
    },
  ],
  chartColumn: 0,
};

const readWorkbook = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};

describe('figure table downloads', () => {
  it('CSV: neutralises formula-like text, keeps numbers, writes P9 marks as on the screen', () => {
    const lines = figureTableCsv(table)
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('School;Hulpvragen;Hulpvragen (vorig jaar);Doorlooptijd;Doorlooptijd (vorig jaar)');
    expect(lines.slice(1)).toEqual([
      "'=SUM(A1);12;9;4,3;",
      "'+31 6 1234;< 5;7;•;3",
      "'-x;•;< 5;2;•",
      "'@x;30;31;5;6",
      'Totaal;50;47;;',
    ]);
    expect(figureTableCsv(table, 'en').split('\r\n')[0]).toContain('Hulpvragen (last year)');
  });

  it('a table without last year (scenarios, capacity) gets no empty last-year columns, in CSV and XLSX', async () => {
    const withoutLastYear: FigureTable = {
      ...table,
      title: 'Scenario’s',
      rows: table.rows.map((row) => ({ ...row, lastYear: row.lastYear.map(() => null) })),
    };
    const lines = figureTableCsv(withoutLastYear)
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('School;Hulpvragen;Doorlooptijd');
    expect(lines[1]).toBe("'=SUM(A1);12;4,3");
    const sheet = (await readWorkbook(await figureTablesXlsx([withoutLastYear], { locale: 'nl' })))
      .worksheets[0];
    expect(sheet?.getRow(4).values).toEqual([undefined, 'School', 'Hulpvragen', 'Doorlooptijd']);
    expect(sheet?.getRow(6).getCell(3).value).toBe(4.25);
  });

  it('XLSX: neutralises every text cell, numbers stay numbers with a format, P9 marks as text', async () => {
    const workbook = await readWorkbook(await figureTablesXlsx([table], { locale: 'nl' }));
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('=Hulpvragen per school');
    expect(sheet?.getCell('A1').value).toBe("'=Hulpvragen per school");
    expect(sheet?.getCell('A2').value).toBe("'@Aantal ingediende hulpvragen per school");
    expect(sheet?.getCell('B4').value).toBe('Hulpvragen');
    expect([sheet?.getCell('B5').value, sheet?.getCell('C5').value]).toEqual(['Dit jaar', 'Vorig jaar']);
    const rowValues = (row: number) =>
      [1, 2, 3, 4, 5].map((column) => sheet?.getRow(row).getCell(column).value ?? null);
    expect(rowValues(6)).toEqual(["'=SUM(A1)", 12, 9, 4.25, null]);
    expect(rowValues(7)).toEqual(["'+31 6 1234", '< 5', 7, '•', 3]);
    expect(rowValues(8)).toEqual(["'-x", '•', '< 5', 2, '•']);
    expect(rowValues(9)).toEqual(["'@x", 30, 31, 5, 6]);
    expect(sheet?.getCell('B6').numFmt).toBe('0');
    expect(sheet?.getCell('D6').numFmt).toBe('0.0');
    // No cell anywhere is a formula.
    sheet?.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      });
    });
    expect(String(sheet?.getCell('A12').value)).toContain('< 5: minder dan vijf leerlingen');
  });

  it('XLSX: a contents sheet first, then one sheet per table with unique names Excel accepts', async () => {
    const long = { ...table, title: 'Doorlooptijden van hulpvragen per school en per type: mediaan' };
    const bytes = await figureTablesXlsx([long, long, { ...table, title: 'a/b [c]' }], {
      locale: 'en',
      contents: { sheetName: 'Contents', rows: [['Annual report'], ['-1', 'Doorlooptijden']] },
    });
    const workbook = await readWorkbook(bytes);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      'Contents',
      'Doorlooptijden van hulpvragen p',
      'Doorlooptijden van hulpvrag (2)',
      'a b  c',
    ]);
    expect(names.every((name) => name.length <= 31)).toBe(true);
    expect(workbook.worksheets[0]?.getCell('A2').value).toBe('-1');
    expect(workbook.worksheets[1]?.getCell('B5').value).toBe('This year');
  });

  it('names sheets uniquely regardless of case and names files without personal data', () => {
    expect(sheetNamesOf(['Inhoud', 'inhoud', 'INHOUD'])).toEqual(['Inhoud', 'inhoud (2)', 'INHOUD (3)']);
    expect(sheetNamesOf(['x'], ['X'])).toEqual(['x (2)']);
    // A cut at 31 characters that leaves an apostrophe at the end would make Excel refuse the sheet.
    expect(sheetNamesOf(["Uren per school in de scenario's van dit jaar"])).toEqual([
      'Uren per school in de scenario',
    ]);
    expect(figureExportFileName('requests_by_school', 2026, 'csv')).toBe('requests_by_school-2026-2027.csv');
  });
});
