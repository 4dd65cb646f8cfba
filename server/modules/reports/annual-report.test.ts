import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FigureTable } from '../../../contracts/reports.ts';
import { registerModules } from '../index.ts';
import { type AnnualReportContent, annualReportPdf, annualReportPdfDefinition } from './annual-report.pdf.ts';
import { annualReportXlsx } from './annual-report.xlsx.ts';

registerModules();

const teamTable: FigureTable = {
  id: 'requests_by_school',
  section: 'team',
  title: 'Hulpvragen per school',
  description: 'Ingediende hulpvragen per school in de periode.',
  rowHeader: 'School',
  columns: [{ key: 'requests', label: 'Hulpvragen', unit: 'count' }],
  rows: [
    { key: 'a', label: 'OBS De Regenboog', values: [12], lastYear: [9], drillDown: null, isTotal: false },
    {
      key: 'b',
      label: 'CBS De Wegwijzer',
      values: ['small'],
      lastYear: [6],
      drillDown: null,
      isTotal: false,
    },
    {
      key: 'c',
      label: 'RKBS Sint Jozef',
      values: ['hidden'],
      lastYear: ['small'],
      drillDown: null,
      isTotal: false,
    },
    { key: 'total', label: 'Totaal', values: [20], lastYear: [17], drillDown: null, isTotal: true },
  ],
  chartColumn: 0,
};
const pointTable: FigureTable = {
  ...teamTable,
  id: 'trajectories_by_location',
  section: 'points',
  title: 'Trajecten per locatie',
  columns: [{ key: 'share', label: 'Op tijd geëvalueerd', unit: 'percent' }],
  rows: [
    { key: 'x', label: 'Het Startpunt', values: [62.5], lastYear: [null], drillDown: null, isTotal: false },
  ],
  chartColumn: null,
};

const report: AnnualReportContent = {
  partnershipName: 'SWV Vallei en Rijn',
  schoolYear: 2026,
  generatedAt: new Date('2027-07-10T10:00:00Z'),
  locale: 'nl',
  figures: {
    schoolYear: 2026,
    period: { from: '2026-08-01', to: '2027-07-31' },
    lastYearPeriod: { from: '2025-08-01', to: '2026-07-31' },
    isSuppressed: true,
    tables: [teamTable, pointTable],
  },
  texts: {
    intro: 'Een jaar met veel nieuwe hulpvragen.\n\nDank aan alle scholen.',
    team: 'Het team groeide naar twaalf leden.',
    points: '',
    allocation: '',
    closing: 'Op naar volgend jaar.',
  },
  allocation: null,
};

describe('S2: the annual report', () => {
  it('S2: the PDF has the cover, contents and every section with the staff office’s texts', () => {
    const definition = annualReportPdfDefinition(report);
    const text = JSON.stringify(definition.content);
    for (const expected of [
      'SWV Vallei en Rijn',
      'Jaarverslag 2026-2027',
      '"Inhoud"',
      '"Inleiding"',
      '"Expertiseteam"',
      '"Expertisepunten"',
      '"De verdeelsleutel"',
      '"Tot slot"',
      '"Over de cijfers"',
      'Een jaar met veel nieuwe hulpvragen.',
      'Dank aan alle scholen.',
      'Het team groeide naar twaalf leden.',
      'Op naar volgend jaar.',
      'Hulpvragen per school',
      'Trajecten per locatie',
      '62,5 %',
      'nog geen verdeling van de uren vastgesteld',
    ])
      expect(text).toContain(expected);
    // Sections are bookmarks and contents entries.
    expect(definition.content.filter((node) => (node as { outline?: boolean }).outline)).toHaveLength(6);
    expect(text).not.toMatch(/"annualReport\./);
  });

  it('S2, P9: a small count shows as "< 5" and a hidden cell as "•" in the PDF table and chart', () => {
    const text = JSON.stringify(annualReportPdfDefinition(report).content);
    expect(text).toContain('"text":"< 5"');
    expect(text).toContain('"text":"•"');
    expect(text).toContain('< 5 (6)');
    expect(text).toContain('"canvas"');
    expect(text).toContain('minder dan vijf leerlingen');
  });

  it('S2: speaks English to an English reader, every text from the catalogue', () => {
    const text = JSON.stringify(annualReportPdfDefinition({ ...report, locale: 'en' }).content);
    for (const expected of ['Annual report 2026-2027', '"Expertise team"', '"The allocation key"', '62.5 %'])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/"annualReport\.|"allocation\./);
  });

  it('S2: leaves out the introduction and closing when the staff office wrote none', () => {
    const bare = annualReportPdfDefinition({ ...report, texts: { ...report.texts, intro: '', closing: '' } });
    const text = JSON.stringify(bare.content);
    expect(text).not.toContain('"Inleiding"');
    expect(text).not.toContain('"Tot slot"');
    expect(text).toContain('"Expertiseteam"');
  });

  it('S2: explains the adopted allocation of the year with its settings', () => {
    const text = JSON.stringify(
      annualReportPdfDefinition({
        ...report,
        allocation: {
          id: '1c9e5a20-3f4b-4c3d-9a51-6d0f2b7e0001',
          schoolYear: 2026,
          version: 2,
          status: 'adopted',
          pupilCountYear: 2025,
          referenceSchoolYears: [2023, 2024, 2025],
          totalHours: 1000,
          totalSource: 'fixed',
          contractedHours: 0,
          effectivePupilWeightPercent: 60,
          reason: null,
          settings: {
            totalHours: 1000,
            setAsideHours: 0,
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
              pupilShare: 1,
              requests: 12,
              requestShare: 1,
              rawHours: 1000,
              hours: 1000,
              lastYearHours: 950,
            },
          ],
          excluded: [],
        },
      }).content,
    );
    expect(text).toContain('versie 2 van de verdeling');
    expect(text).toContain('Er worden 1.000 uur verdeeld over 1 scholen.');
    expect(text).toContain('een minimum van 20 uur');
    expect(text).toContain('halve uren');
    expect(text).toContain('1.000,0');
  });

  it('S2: renders a PDF whose bookmarks name the sections', async () => {
    const bytes = await annualReportPdf(report);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    for (const title of ['Inleiding', 'Expertiseteam', 'Expertisepunten', 'De verdeelsleutel', 'Tot slot'])
      expect(bytes.includes(Buffer.from(`(${title})`)), title).toBe(true);
  });

  it('S2, P9: the spreadsheet has a contents sheet and a sheet per table, "< 5" as in the PDF', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await annualReportXlsx(report)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Inhoud',
      'Hulpvragen per school',
      'Trajecten per locatie',
    ]);
    const contents = workbook.getWorksheet('Inhoud');
    expect(contents?.getCell('A1').value).toBe('Jaarverslag 2026-2027');
    expect(contents?.getCell('A6').value).toBe('Hulpvragen per school');
    expect(contents?.getCell('B6').value).toBe('Expertiseteam');
    const team = workbook.getWorksheet('Hulpvragen per school');
    expect([team?.getCell('B6').value, team?.getCell('B7').value, team?.getCell('C8').value]).toEqual([
      12,
      '< 5',
      '< 5',
    ]);
    expect(team?.getCell('B8').value).toBe('•');
    expect(workbook.getWorksheet('Trajecten per locatie')?.getCell('B6').value).toBe(62.5);
  });
});
