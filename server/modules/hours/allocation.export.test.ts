import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Allocation } from '../../../contracts/hours.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { registerModules } from '../index.ts';
import {
  allocationFileName,
  allocationPdf,
  allocationPdfDefinition,
  allocationXlsx,
} from './allocation.export.ts';

const allocation: Allocation = {
  id: '1c9e5a20-3f4b-4c3d-9a51-6d0f2b7e0001',
  schoolYear: 2026,
  version: 2,
  status: 'adopted',
  pupilCountYear: 2025,
  referenceSchoolYears: [2023, 2024, 2025],
  totalHours: 1000,
  totalSource: 'team',
  contractedHours: 1100,
  effectivePupilWeightPercent: 60,
  reason: 'Leerlingtelling De Regenboog gecorrigeerd.',
  settings: {
    totalHours: null,
    setAsideHours: 100,
    pupilWeightPercent: 60,
    referenceYears: 3,
    minimumHours: 20,
    roundingUnit: 0.5,
  },
  createdAt: '2026-06-10T08:00:00.000Z',
  createdByName: 'Annelies Visser',
  adoptedAt: '2026-06-12T09:30:00.000Z',
  adoptedByName: 'Jeroen Bakker',
  lines: [
    {
      locationId: '1c9e5a20-3f4b-4c3d-9a51-6d0f2b7e0002',
      name: 'OBS De Regenboog',
      pupils: 300,
      pupilShare: 0.5,
      requests: 12,
      requestShare: 0.6,
      rawHours: 528.8,
      hours: 529,
      lastYearHours: 500,
    },
    {
      locationId: '1c9e5a20-3f4b-4c3d-9a51-6d0f2b7e0003',
      name: 'CBS De Wegwijzer',
      pupils: 200,
      pupilShare: 1 / 3,
      requests: 5,
      requestShare: 0.25,
      rawHours: 312.6667,
      hours: 312.5,
      lastYearHours: null,
    },
    {
      locationId: '1c9e5a20-3f4b-4c3d-9a51-6d0f2b7e0004',
      name: 'RKBS Sint Jozef',
      pupils: 100,
      pupilShare: 1 / 6,
      requests: 3,
      requestShare: 0.15,
      rawHours: 158.5333,
      hours: 158.5,
      lastYearHours: 150.5,
    },
  ],
  excluded: [{ locationId: '1c9e5a20-3f4b-4c3d-9a51-6d0f2b7e0005', name: 'SBO Het Startpunt' }],
};

// The server catalogue is the web catalogues merged: this proves the keys exist in the hours module.
// The module's messages, as the app registers them when it starts.
registerModules();
const t = (key: string, params?: Record<string, unknown>) => translate('nl', key, params);
const context = {
  partnershipName: 'SWV Vallei en Rijn',
  generatedAt: new Date('2026-06-12T10:00:00Z'),
  locale: 'nl' as const,
};

async function loadSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

function rowStartingWith(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(1).value === text) found = row;
  });
  if (!found) throw new Error(`no row starting with ${text}`);
  return found;
}

describe('allocation export', () => {
  it('names the files after school year and version', () => {
    expect(allocationFileName(allocation, 'xlsx')).toBe('verdeling-2026-2027-versie-2.xlsx');
    expect(allocationFileName(allocation, 'pdf')).toBe('verdeling-2026-2027-versie-2.pdf');
  });

  it('XLSX: one row per school with real numbers, a totals row and the excluded schools', async () => {
    const sheet = await loadSheet(await allocationXlsx(allocation, t));
    expect(sheet.name).toBe('Verdeling');
    expect(sheet.getCell('A1').value).toBe('Verdeling uren 2026-2027, versie 2 (vastgesteld)');

    const header = rowStartingWith(sheet, 'School');
    expect(header.font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header.number });

    const names = [1, 2, 3].map((offset) => sheet.getRow(header.number + offset).getCell(1).value);
    expect(names).toEqual(['OBS De Regenboog', 'CBS De Wegwijzer', 'RKBS Sint Jozef']);

    const second = sheet.getRow(header.number + 2);
    const values = [2, 3, 4, 5, 6, 7].map((column) => second.getCell(column).value);
    expect(values).toEqual([200, 1 / 3, 5, 0.25, 312.6667, 312.5]);
    for (const value of values) expect(typeof value).toBe('number');
    // No adopted allocation last year: an empty cell, not 0 or a dash.
    expect(second.getCell(8).value).toBeNull();
    expect(sheet.getRow(header.number + 1).getCell(8).value).toBe(500);
    expect(second.getCell(3).numFmt).toBe('0.00%');
    expect(second.getCell(6).numFmt).toBe('0.0000');
    expect(second.getCell(7).numFmt).toBe('0.0');

    const total = rowStartingWith(sheet, 'Totaal');
    expect(total.number).toBe(header.number + 4);
    expect(total.getCell(2).value).toBe(600);
    expect(total.getCell(4).value).toBe(20);
    expect(total.getCell(7).value).toBe(1000);

    const warning = rowStartingWith(sheet, 'Zonder leerlingtelling en daarom niet meegeteld:');
    expect(sheet.getRow(warning.number + 1).getCell(1).value).toBe('SBO Het Startpunt');

    expect(rowStartingWith(sheet, 'Uren om te verdelen').getCell(2).value).toBe(1000);
    expect(rowStartingWith(sheet, 'Reden van de correctie').getCell(2).value).toBe(
      'Leerlingtelling De Regenboog gecorrigeerd.',
    );
    expect(rowStartingWith(sheet, 'Hulpvragen uit de schooljaren').getCell(2).value).toBe(
      '2023-2024, 2024-2025, 2025-2026',
    );

    // Every label came from the catalogue: no raw key is left.
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        expect(String(cell.value ?? '')).not.toMatch(/^(export|allocation)\./);
      });
    });
  });

  it('PDF: explains the key, lists every school with its numbers and the totals', () => {
    const definition = allocationPdfDefinition(allocation, t, context);
    expect(definition.pageOrientation).toBe('landscape');
    const text = JSON.stringify(definition.content);
    expect(text).toContain('Verdeling uren 2026-2027, versie 2 (vastgesteld)');
    expect(text).toContain('OBS De Regenboog');
    expect(text).toContain('SBO Het Startpunt');
    expect(text).toContain('Elke school krijgt eerst een minimum van 20 uur.');
    expect(text).toContain('De overige 940 uur gaan voor 60 %');
    expect(text).toContain('halve uren');
    expect(text).toContain('methode van de grootste rest');
    // Dutch number formats: decimal comma, thousands dot.
    expect(text).toContain('"312,6667"');
    expect(text).toContain('"33,33%"');
    expect(text).toContain('"1.000,0"');
    expect(text).not.toMatch(/"(export|allocation)\./);
    const footer = (
      definition.footer as (page: number, pages: number) => { columns: Array<{ text: string }> }
    )(1, 2);
    expect(footer.columns[1]?.text).toBe('Pagina 1 van 2');
  });

  it('PDF: uses English labels and number formats for an English reader', () => {
    const english = allocationPdfDefinition(allocation, (key, params) => translate('en', key, params), {
      ...context,
      locale: 'en',
    });
    const text = JSON.stringify(english.content);
    expect(text).toContain('Allocation of hours 2026-2027, version 2 (adopted)');
    expect(text).toContain('"1,000.0"');
  });

  it('PDF: renders with the translated title', async () => {
    const bytes = await allocationPdf(allocation, t, context);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Body text is written as font glyph ids, so the layout is tested on the definition above; the
    // info title is a plain string (PDFDocEncoding, or UTF-16 once it has other characters).
    const title = 'Verdeling uren 2026-2027, versie 2';
    const utf16 = Buffer.from(`\ufeff${title}`, 'utf16le').swap16();
    expect(bytes.includes(Buffer.from(title)) || bytes.includes(utf16.subarray(2))).toBe(true);
  });
});
