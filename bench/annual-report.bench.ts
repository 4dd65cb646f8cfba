/**
 * `tsx bench/annual-report.bench.ts`: the writers of the annual report and the figure downloads at the
 * size of a large partnership: BENCH_TABLES figure tables (default 24, half team, half points) of
 * BENCH_SCHOOLS rows (default 100) with two columns, this year and last year. Times the PDF, the
 * spreadsheet and one table's CSV and XLSX (median and p95 of BENCH_RUNS calls after 3 warm-ups). The
 * figures themselves are measured by the figures benchmark; this is what the download adds to them.
 */
import type { FigureTable } from '../contracts/reports.ts';
import { registerModules } from '../server/modules/index.ts';
import { annualReportPdf } from '../server/modules/reports/annual-report.pdf.ts';
import { annualReportXlsx } from '../server/modules/reports/annual-report.xlsx.ts';
import { figureTableCsv, figureTablesXlsx } from '../server/modules/reports/figure-export.ts';
import { printTimings, timeCall } from './timing.ts';

registerModules();
const tableCount = Number(process.env.BENCH_TABLES ?? 24);
const schoolCount = Number(process.env.BENCH_SCHOOLS ?? 100);

const tables: FigureTable[] = Array.from({ length: tableCount }, (_, tableIndex) => ({
  id: `table_${tableIndex}`,
  section: tableIndex % 2 === 0 ? 'team' : 'points',
  title: `Tabel ${tableIndex + 1} per school`,
  description: 'Aantal per school in de periode, met dezelfde periode een jaar eerder.',
  rowHeader: 'School',
  columns: [
    { key: 'count', label: 'Aantal', unit: 'count' },
    { key: 'days', label: 'Doorlooptijd (dagen)', unit: 'days' },
  ],
  rows: Array.from({ length: schoolCount }, (_, row) => ({
    key: `school_${row}`,
    label: `Basisschool ${row + 1}`,
    values: row % 7 === 0 ? ['small', 'hidden'] : [row + 5, (row % 30) + 0.5],
    lastYear: [row + 3, (row % 20) + 1.5],
    drillDown: null,
    isTotal: false,
  })),
  chartColumn: process.env.BENCH_NO_CHART ? null : 0,
}));
const report = {
  partnershipName: 'Samenwerkingsverband Vallei en Rijn',
  schoolYear: 2026,
  generatedAt: new Date(),
  locale: 'nl' as const,
  figures: {
    schoolYear: 2026,
    period: { from: '2026-08-01', to: '2027-07-31' },
    lastYearPeriod: { from: '2025-08-01', to: '2026-07-31' },
    isSuppressed: true,
    tables,
  },
  texts: {
    intro: 'Inleiding.\n\nTweede alinea.',
    team: 'Het team.',
    points: 'De expertisepunten.',
    allocation: '',
    closing: 'Tot slot.',
  },
  allocation: null,
};
const ok = (bytes: { length: number }) => ({ statusCode: 200, body: String(bytes.length) });
const [first] = tables;
if (!first) throw new Error('no tables');

printTimings([
  {
    database: 'none (writers only)',
    result: [
      await timeCall(`annual report PDF (${tableCount} tables × ${schoolCount} rows)`, async () =>
        ok(await annualReportPdf(report)),
      ),
      await timeCall(`annual report XLSX (${tableCount} tables × ${schoolCount} rows)`, async () =>
        ok(await annualReportXlsx(report)),
      ),
      await timeCall(`one table CSV (${schoolCount} rows)`, async () => ok(figureTableCsv(first))),
      await timeCall(`one table XLSX (${schoolCount} rows)`, async () =>
        ok(await figureTablesXlsx([first], { locale: 'nl' })),
      ),
    ],
  },
]);
