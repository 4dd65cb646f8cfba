import ExcelJS from 'exceljs';
import type { Allocation, AllocationExportFormat } from '../../../contracts/hours.ts';
import { amsterdamDateOf, formatSchoolYear } from '../../../contracts/school-year.ts';
import { csvDocument } from '../../platform/http/downloads.ts';
import { type PdfDefinition, renderPdf, type Translate } from '../requests/requests.pdf.ts';

/**
 * An allocation version (verdeelsleutel, R14) as a spreadsheet for the staff office and as a PDF for
 * school leaders. Both show the same table as the allocation page, with its settings and its sums.
 */

type PdfContext = { partnershipName: string; generatedAt: Date; locale: 'nl' | 'en' };

// Excel number formats are locale-neutral codes: Excel shows them with the reader's own separators.
const shareFormat = '0.00%';
const rawHoursFormat = '0.0000';
const hoursFormat = '0.0';
const countFormat = '0';

/** One name for all downloads of a version, so they sort together. */
export function allocationFileName(allocation: Allocation, extension: AllocationExportFormat): string {
  return `verdeling-${allocation.schoolYear}-${allocation.schoolYear + 1}-versie-${allocation.version}.${extension}`;
}

function title(allocation: Allocation, t: Translate): string {
  return t('export.title', {
    year: formatSchoolYear(allocation.schoolYear),
    version: allocation.version,
    status: t(`allocation.status.${allocation.status}`),
  });
}

function totals(allocation: Allocation): { pupils: number; requests: number; hours: number } {
  return allocation.lines.reduce(
    (sum, line) => ({
      pupils: sum.pupils + line.pupils,
      requests: sum.requests + line.requests,
      hours: sum.hours + line.hours,
    }),
    { pupils: 0, requests: 0, hours: 0 },
  );
}

function tableHeaders(t: Translate): string[] {
  return [
    'allocation.school',
    'allocation.pupils',
    'allocation.pupilShare',
    'allocation.requests',
    'allocation.requestShare',
    'allocation.rawHours',
    'allocation.hours',
    'allocation.lastYear',
  ].map((key) => t(key));
}

/**
 * The settings as label and value. Numbers stay numbers (with their Excel format) so the spreadsheet
 * can calculate with them; the PDF formats them for its locale.
 */
type Setting = { label: string; value: string | number; numFmt?: string; note?: string };

function settingsOf(allocation: Allocation, t: Translate, date: (iso: string) => string): Setting[] {
  const { settings } = allocation;
  const settingsList: Setting[] = [
    { label: t('allocation.totalHours'), value: allocation.totalHours, numFmt: hoursFormat },
  ];
  if (allocation.totalSource === 'team') {
    settingsList.push(
      { label: t('export.source'), value: t('allocation.source.team') },
      { label: t('export.contractedHours'), value: allocation.contractedHours, numFmt: hoursFormat },
      { label: t('allocation.setAsideHours'), value: settings.setAsideHours, numFmt: hoursFormat },
    );
  }
  settingsList.push({
    label: t('allocation.weight'),
    value: allocation.effectivePupilWeightPercent,
    numFmt: countFormat,
    // Without any past request the rules count pupils only: say so, or the number contradicts the setting.
    note:
      allocation.effectivePupilWeightPercent === settings.pupilWeightPercent
        ? undefined
        : t('export.weightAdjusted', { weight: settings.pupilWeightPercent }),
  });
  settingsList.push(
    {
      label: t('export.referenceYears'),
      value: allocation.referenceSchoolYears.map(formatSchoolYear).join(', '),
    },
    { label: t('export.pupilCountYear'), value: formatSchoolYear(allocation.pupilCountYear) },
    { label: t('allocation.minimumHours'), value: settings.minimumHours, numFmt: hoursFormat },
    {
      label: t('allocation.roundingUnit'),
      value: t(settings.roundingUnit === 1 ? 'allocation.unit.whole' : 'allocation.unit.half'),
    },
  );
  if (allocation.reason) settingsList.push({ label: t('allocation.reason'), value: allocation.reason });
  settingsList.push({
    label: t('export.created'),
    value: t('export.byOn', { name: allocation.createdByName, date: date(allocation.createdAt) }),
  });
  if (allocation.adoptedAt) {
    settingsList.push({
      label: t('export.adopted'),
      value: t('export.byOn', { name: allocation.adoptedByName ?? '—', date: date(allocation.adoptedAt) }),
    });
  }
  return settingsList;
}

/** The allocation as an Excel workbook: settings on top, then the table with real numbers. */
export async function allocationXlsx(allocation: Allocation, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Passend';
  const sheet = workbook.addWorksheet(t('export.sheetName'));

  const titleRow = sheet.addRow([title(allocation, t)]);
  titleRow.font = { bold: true, size: 14 };
  sheet.addRow([]);

  // The spreadsheet has no reader locale: an ISO date reads the same in every Excel.
  for (const setting of settingsOf(allocation, t, (iso) => amsterdamDateOf(new Date(iso)))) {
    const row = sheet.addRow([setting.label, setting.value, setting.note ?? null]);
    row.getCell(1).font = { bold: true };
    const value = row.getCell(2);
    value.alignment = { horizontal: 'left' };
    if (setting.numFmt) value.numFmt = setting.numFmt;
  }
  sheet.addRow([]);

  const header = sheet.addRow(tableHeaders(t));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0F0' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  const formats = [
    undefined,
    countFormat,
    shareFormat,
    countFormat,
    shareFormat,
    rawHoursFormat,
    hoursFormat,
    hoursFormat,
  ];
  const addTableRow = (values: Array<string | number | null>) => {
    const row = sheet.addRow(values);
    formats.forEach((numFmt, index) => {
      if (numFmt) row.getCell(index + 1).numFmt = numFmt;
    });
    return row;
  };
  for (const line of allocation.lines) {
    addTableRow([
      line.name,
      line.pupils,
      line.pupilShare,
      line.requests,
      line.requestShare,
      line.rawHours,
      line.hours,
      line.lastYearHours,
    ]);
  }
  const sum = totals(allocation);
  const totalRow = addTableRow([
    t('allocation.total'),
    sum.pupils,
    null,
    sum.requests,
    null,
    null,
    sum.hours,
    null,
  ]);
  totalRow.font = { bold: true };
  totalRow.eachCell((cell) => {
    cell.border = { top: { style: 'thin' } };
  });

  if (allocation.excluded.length > 0) {
    sheet.addRow([]);
    const warning = sheet.addRow([t('export.excluded')]);
    warning.font = { bold: true, color: { argb: 'FF9C5700' } };
    for (const school of allocation.excluded) sheet.addRow([school.name]);
  }

  // Wide enough for the longest school name and every header without wrapping; the settings
  // labels share the first column.
  const longestName = Math.max(0, ...allocation.lines.map((line) => line.name.length));
  sheet.getColumn(1).width = Math.min(60, Math.max(36, longestName + 2));
  tableHeaders(t).forEach((text, index) => {
    if (index > 0) sheet.getColumn(index + 1).width = Math.max(12, text.length + 3);
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The allocation key in words (total, minimum, weights, rounding) for a reader: the allocation's PDF
 * and the annual report explain it with the same sentences.
 */
export function allocationExplanation(allocation: Allocation, t: Translate, locale: 'nl' | 'en'): string[] {
  const plain = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
  const { settings } = allocation;
  const weights = {
    weight: allocation.effectivePupilWeightPercent,
    other: 100 - allocation.effectivePupilWeightPercent,
    countYear: formatSchoolYear(allocation.pupilCountYear),
    years: allocation.referenceSchoolYears.map(formatSchoolYear).join(', '),
  };
  const explanation = [
    t('export.explanation.total', {
      total: plain.format(allocation.totalHours),
      schools: allocation.lines.length,
    }),
  ];
  if (settings.minimumHours > 0) {
    explanation.push(
      t('export.explanation.minimum', { minimum: plain.format(settings.minimumHours) }),
      t('export.explanation.weightsAfterMinimum', {
        ...weights,
        rest: plain.format(allocation.totalHours - settings.minimumHours * allocation.lines.length),
      }),
    );
  } else {
    explanation.push(t('export.explanation.weights', weights));
  }
  if (allocation.effectivePupilWeightPercent !== settings.pupilWeightPercent)
    explanation.push(t('export.weightAdjusted', { weight: settings.pupilWeightPercent }));
  explanation.push(
    t('export.explanation.rounding', {
      unit: t(settings.roundingUnit === 1 ? 'export.units.whole' : 'export.units.half'),
      total: plain.format(allocation.totalHours),
    }),
  );

  return explanation;
}

/** The allocation for school leaders: settings, the key in words, the table and its sums. */
export function allocationPdfDefinition(
  allocation: Allocation,
  t: Translate,
  context: PdfContext,
): PdfDefinition {
  const intlLocale = context.locale === 'nl' ? 'nl-NL' : 'en-GB';
  const fixed = (digits: number) =>
    new Intl.NumberFormat(intlLocale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const count = fixed(0);
  const rawHours = fixed(4);
  const hours = fixed(1);
  const plain = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 2 });
  const share = new Intl.NumberFormat(intlLocale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const date = (iso: string) =>
    new Intl.DateTimeFormat(intlLocale, { dateStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(
      new Date(iso),
    );
  const dateTime = (instant: Date) =>
    new Intl.DateTimeFormat(intlLocale, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    }).format(instant);

  const settingsBlock = settingsOf(allocation, t, date).map((setting) => ({
    columns: [
      { text: setting.label, width: 260, style: 'label' },
      {
        text: [
          typeof setting.value === 'number' ? plain.format(setting.value) : setting.value,
          setting.note ? ` — ${setting.note}` : '',
        ].join(''),
        width: '*',
      },
    ],
    margin: [0, 0, 0, 3],
  }));

  const explanation = allocationExplanation(allocation, t, context.locale);

  const number = (text: string) => ({ text, alignment: 'right' });
  const sum = totals(allocation);
  const table = {
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
      body: [
        tableHeaders(t).map((text, index) => ({
          text,
          style: 'label',
          alignment: index === 0 ? 'left' : 'right',
        })),
        ...allocation.lines.map((line) => [
          line.name,
          number(count.format(line.pupils)),
          number(share.format(line.pupilShare)),
          number(count.format(line.requests)),
          number(share.format(line.requestShare)),
          number(rawHours.format(line.rawHours)),
          number(hours.format(line.hours)),
          number(line.lastYearHours === null ? '—' : hours.format(line.lastYearHours)),
        ]),
        [
          { text: t('allocation.total'), style: 'label' },
          { ...number(count.format(sum.pupils)), style: 'label' },
          '',
          { ...number(count.format(sum.requests)), style: 'label' },
          '',
          '',
          { ...number(hours.format(sum.hours)), style: 'label' },
          '',
        ],
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  };

  const content: unknown[] = [
    { text: title(allocation, t), style: 'title' },
    { text: t('allocation.settings'), style: 'heading' },
    ...settingsBlock,
    { text: t('export.explanationHeading'), style: 'heading' },
    { text: explanation.join(' '), margin: [0, 0, 0, 8] },
    { text: t('allocation.caption', { year: formatSchoolYear(allocation.schoolYear) }), style: 'heading' },
    table,
  ];
  if (allocation.excluded.length > 0) {
    content.push(
      { text: t('export.excluded'), style: 'warning' },
      { ul: allocation.excluded.map((school) => school.name) },
    );
  }

  return {
    info: { title: title(allocation, t), subject: context.partnershipName },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    header: () => ({
      text: context.partnershipName,
      alignment: 'right',
      color: '#444444',
      margin: [48, 24, 48, 0],
    }),
    footer: (page: number, pages: number) => ({
      columns: [
        { text: t('export.generated', { date: dateTime(context.generatedAt) }), color: '#444444' },
        { text: t('export.page', { page, pages }), alignment: 'right', color: '#444444' },
      ],
      margin: [48, 16, 48, 0],
      fontSize: 8,
    }),
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 6], color: '#005a5b' },
      label: { bold: true },
      warning: { bold: true, color: '#9c5700', margin: [0, 4, 0, 4] },
    },
    content,
  };
}

/** Renders the allocation to PDF bytes, with the same pdfmake setup as the request form. */
export async function allocationPdf(
  allocation: Allocation,
  t: Translate,
  context: PdfContext,
): Promise<Buffer> {
  // pdfmake changes the definition it is given: every call gets a fresh one.
  return renderPdf(allocationPdfDefinition(allocation, t, context));
}

/**
 * The explanation table as CSV the way Dutch Excel opens it: a byte-order mark, semicolons and
 * decimal commas; text with a separator or quote is quoted.
 */
export function allocationCsv(allocation: Allocation): string {
  const decimal = (value: number | null, digits: number) =>
    value === null ? '' : value.toFixed(digits).replace('.', ',');
  return csvDocument(
    [
      'school',
      'leerlingen',
      'aandeel leerlingen',
      'hulpvragen',
      'aandeel hulpvragen',
      'uren voor afronding',
      'uren',
      'uren vorig jaar',
    ],
    allocation.lines.map((line) => [
      line.name,
      line.pupils,
      decimal(line.pupilShare, 6),
      line.requests,
      decimal(line.requestShare, 6),
      decimal(line.rawHours, 4),
      decimal(line.hours, 1),
      decimal(line.lastYearHours, 1),
    ]),
  );
}
