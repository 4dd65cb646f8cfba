import type { AnnualReportTextFields } from '../../../contracts/annual-report.ts';
import type { Locale } from '../../../contracts/fields.ts';
import type { Allocation } from '../../../contracts/hours.ts';
import type { FigureCell, Figures, FigureTable, FigureUnit } from '../../../contracts/reports.ts';
import { formatSchoolYear } from '../../../contracts/school-year.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { allocationExplanation } from '../hours/allocation.export.ts';
import { type PdfDefinition, pagedPdf, renderPdf } from '../requests/requests.pdf.ts';
import { hiddenCellText, smallCellText } from './figure-export.ts';

/** Everything the annual report is made of: the year's figures (P9 applied), the texts, the allocation. */
export type AnnualReportContent = {
  partnershipName: string;
  schoolYear: number;
  generatedAt: Date;
  locale: Locale;
  figures: Figures;
  texts: AnnualReportTextFields;
  /** The adopted allocation of the year, if there is one. */
  allocation: Allocation | null;
};

const thisYearColour = '#005a5b';
const lastYearColour = '#9cc9c9';
const chartWidth = 220;

/** A number as the reader's locale writes it, with the decimals its unit needs. */
function formatterOf(locale: Locale) {
  const intlLocale = locale === 'nl' ? 'nl-NL' : 'en-GB';
  const whole = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0 });
  const tenth = new Intl.NumberFormat(intlLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (cell: FigureCell | undefined, unit: FigureUnit): string => {
    if (cell === undefined || cell === null) return '—';
    if (cell === 'small') return smallCellText;
    if (cell === 'hidden') return hiddenCellText;
    if (unit === 'count') return whole.format(cell);
    return unit === 'percent' ? `${tenth.format(cell)} %` : tenth.format(cell);
  };
}

/** The staff office's text as paragraphs (a blank line starts a new one). */
function paragraphs(text: string): unknown[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => ({ text: paragraph, margin: [0, 0, 0, 6] }));
}

/**
 * A bar chart of the table's chart column drawn with pdfmake's vectors: per row a dark bar for this
 * year and a light one for last year, with the numbers written beside them (colour is not the only cue).
 */
function chartOf(
  table: FigureTable,
  column: number,
  format: ReturnType<typeof formatterOf>,
  t: (key: string, params?: Record<string, unknown>) => string,
): unknown {
  const unit = table.columns[column]?.unit ?? 'count';
  const rows = table.rows.filter((row) => !row.isTotal);
  const numberOf = (cell: FigureCell | undefined) => (typeof cell === 'number' ? cell : 0);
  const largest = Math.max(
    1,
    ...rows.flatMap((row) => [numberOf(row.values[column]), numberOf(row.lastYear[column])]),
  );
  const barOf = (cell: FigureCell | undefined, colour: string, y: number) => ({
    type: 'rect',
    x: 0,
    y,
    w: Math.max(0.5, (numberOf(cell) / largest) * chartWidth),
    h: 6,
    color: colour,
  });
  return {
    stack: [
      {
        text: t('annualReport.chart', { column: table.columns[column]?.label ?? '' }),
        italics: true,
        margin: [0, 4, 0, 4],
      },
      {
        table: {
          widths: [140, chartWidth + 4, '*'],
          body: rows.map((row) => [
            { text: row.label, fontSize: 8 },
            {
              canvas: [
                barOf(row.values[column], thisYearColour, 0),
                barOf(row.lastYear[column], lastYearColour, 7),
              ],
            },
            {
              text: `${format(row.values[column], unit)} (${format(row.lastYear[column], unit)})`,
              fontSize: 8,
            },
          ]),
        },
        layout: 'noBorders',
      },
    ],
    margin: [0, 0, 0, 10],
    unbreakable: rows.length <= 20,
  };
}

/** A figure table with this year and last year under each column's label. */
function tableOf(
  table: FigureTable,
  format: ReturnType<typeof formatterOf>,
  t: (key: string) => string,
): unknown {
  const right = (text: string, bold = false) => ({ text, alignment: 'right', bold });
  const header = [
    { text: table.rowHeader, style: 'label', rowSpan: 2 },
    ...table.columns.flatMap((column) => [
      { text: column.label, style: 'label', colSpan: 2, alignment: 'center' },
      {},
    ]),
  ];
  const years = [
    {},
    ...table.columns.flatMap(() => [
      right(t('annualReport.export.thisYear'), true),
      right(t('annualReport.export.lastYear'), true),
    ]),
  ];
  return {
    table: {
      headerRows: 2,
      widths: ['*', ...table.columns.flatMap(() => ['auto', 'auto'])],
      body: [
        header,
        years,
        ...table.rows.map((row) => [
          { text: row.label, bold: row.isTotal },
          ...table.columns.flatMap((column, index) => [
            right(format(row.values[index], column.unit), row.isTotal),
            { ...right(format(row.lastYear[index], column.unit), row.isTotal), color: '#444444' },
          ]),
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 0, 0, 8],
  };
}

/** The annual report (S2) as a pdfmake definition: cover, contents, the sections, and what the marks mean. */
export function annualReportPdfDefinition(report: AnnualReportContent): PdfDefinition {
  const t = (key: string, params?: Record<string, unknown>) => translate(report.locale, key, params);
  const format = formatterOf(report.locale);
  const intlLocale = report.locale === 'nl' ? 'nl-NL' : 'en-GB';
  const date = (instant: Date) =>
    new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(instant);
  const day = (iso: string) => date(new Date(`${iso}T12:00:00Z`));
  const year = formatSchoolYear(report.schoolYear);
  const heading = (key: string) => ({
    text: t(`annualReport.sections.${key}`),
    style: 'heading',
    tocItem: true,
    outline: true,
  });
  const figuresOf = (section: 'team' | 'points') => {
    const tables = report.figures.tables.filter((table) => table.section === section);
    if (tables.length === 0) return [{ text: t('annualReport.noTables'), italics: true }];
    return tables.flatMap((table) => [
      { text: table.title, style: 'tableTitle', tocItem: true, tocMargin: [16, 0, 0, 0] },
      { text: table.description, margin: [0, 0, 0, 6], color: '#444444' },
      tableOf(table, format, t),
      ...(table.chartColumn === null ? [] : [chartOf(table, table.chartColumn, format, t)]),
    ]);
  };
  const allocationSection = () => {
    const { allocation } = report;
    if (!allocation) return [{ text: t('annualReport.allocation.none', { year }), italics: true }];
    const hours = new Intl.NumberFormat(intlLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return [
      {
        text: t('annualReport.allocation.adopted', { year, version: allocation.version }),
        margin: [0, 0, 0, 6],
      },
      { text: allocationExplanation(allocation, t, report.locale).join(' '), margin: [0, 0, 0, 8] },
      { text: t('annualReport.allocation.tableCaption'), style: 'tableTitle' },
      {
        table: {
          headerRows: 1,
          widths: ['*', 'auto', 'auto'],
          body: [
            [
              { text: t('allocation.school'), style: 'label' },
              { text: t('allocation.hours'), style: 'label', alignment: 'right' },
              { text: t('allocation.lastYear'), style: 'label', alignment: 'right' },
            ],
            ...allocation.lines.map((line) => [
              line.name,
              { text: hours.format(line.hours), alignment: 'right' },
              {
                text: line.lastYearHours === null ? '—' : hours.format(line.lastYearHours),
                alignment: 'right',
              },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: 9,
      },
    ];
  };
  const { texts } = report;
  const content: unknown[] = [
    { text: report.partnershipName, style: 'coverName', margin: [0, 180, 0, 12] },
    { text: t('annualReport.title', { year }), style: 'coverTitle' },
    { text: t('annualReport.cover.schoolYear', { year }), style: 'subtitle' },
    {
      text: t('annualReport.cover.period', {
        from: day(report.figures.period.from),
        to: day(report.figures.period.to),
      }),
      margin: [0, 0, 0, 4],
    },
    { text: t('annualReport.cover.date', { date: date(report.generatedAt) }), pageBreak: 'after' },
    { toc: { title: { text: t('annualReport.contents'), style: 'title' } }, pageBreak: 'after' },
  ];
  if (texts.intro) content.push(heading('intro'), ...paragraphs(texts.intro));
  content.push(heading('team'), ...paragraphs(texts.team), ...figuresOf('team'));
  content.push(heading('points'), ...paragraphs(texts.points), ...figuresOf('points'));
  content.push(heading('allocation'), ...paragraphs(texts.allocation), ...allocationSection());
  if (texts.closing) content.push(heading('closing'), ...paragraphs(texts.closing));
  content.push(heading('aboutFigures'), { text: t('annualReport.aboutFigures') });

  const dateTime = new Intl.DateTimeFormat(intlLocale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(report.generatedAt);
  return pagedPdf({
    info: { title: t('annualReport.title', { year }), subject: report.partnershipName },
    header: { text: t('annualReport.title', { year }), confidential: false },
    partnershipName: report.partnershipName,
    generated: t('annualReport.generated', { date: dateTime }),
    page: (page, pages) => t('annualReport.page', { page, pages }),
    styles: {
      coverName: { fontSize: 14, color: '#444444' },
      coverTitle: { fontSize: 26, bold: true, color: '#005a5b', margin: [0, 0, 0, 6] },
      heading: { fontSize: 15, bold: true, margin: [0, 16, 0, 8], color: '#005a5b' },
      tableTitle: { fontSize: 11, bold: true, margin: [0, 10, 0, 2] },
    },
    content,
  });
}

/** Renders the annual report to PDF bytes. */
export async function annualReportPdf(report: AnnualReportContent): Promise<Buffer> {
  // pdfmake changes the definition it is given: every call gets a fresh one.
  return renderPdf(annualReportPdfDefinition(report));
}
