import { formatSchoolYear } from '../../../contracts/school-year.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { AnnualReportContent } from './annual-report.pdf.ts';
import { figureTablesXlsx, hiddenCellText, sheetNamesOf, smallCellText } from './figure-export.ts';

/**
 * The annual report as a spreadsheet (S2): a contents sheet (partnership, year, period, which sheet
 * holds which table, what the marks mean), then one sheet per figure table with the same numbers as
 * the PDF.
 */
export async function annualReportXlsx(report: AnnualReportContent): Promise<Buffer> {
  const t = (key: string, params?: Record<string, unknown>) => translate(report.locale, key, params);
  const year = formatSchoolYear(report.schoolYear);
  const contentsName = t('annualReport.sheet.contents');
  const { tables } = report.figures;
  // The same names figureTablesXlsx gives the sheets, so the contents can point at them.
  const sheetNames = sheetNamesOf(
    tables.map((table) => table.title),
    [contentsName],
  );
  const { period } = report.figures;
  return figureTablesXlsx(tables, {
    locale: report.locale,
    contents: {
      sheetName: contentsName,
      rows: [
        [t('annualReport.title', { year })],
        [report.partnershipName],
        [t('annualReport.cover.period', { from: period.from, to: period.to })],
        [],
        [t('annualReport.sheet.sheet'), t('annualReport.sheet.section'), t('annualReport.sheet.table')],
        ...tables.map((table, index) => [
          sheetNames[index] ?? table.id,
          t(`annualReport.sections.${table.section}`),
          table.title,
        ]),
        [],
        [t('annualReport.export.legend', { small: smallCellText, hidden: hiddenCellText })],
      ],
    },
  });
}
