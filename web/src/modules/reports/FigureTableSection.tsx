import {
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureCell, FigureFilter, FigureTable, FigureUnit } from '../../../../contracts/reports.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { useFormatters } from '../../app/format.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { figureExportHref, shownCell } from './reports.api.ts';

const FigureChart = lazy(() =>
  import('./FigureChart.tsx').then((module) => ({ default: module.FigureChart })),
);

/** One cell as the page's legend explains it: a number in its unit, "< 5", "•" or "—". */
function Cell({ cell, unit }: { cell: FigureCell; unit: FigureUnit }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const shown = shownCell(cell, unit, format.number, {
    hours: (value) => t('figures.unit.hours', { value }),
    days: (value, count) => t('figures.unit.days', { value, count }),
  });
  if (shown.kind === 'value') return <>{shown.text}</>;
  // The sign for the eye, the word for a screen reader ("less than" and "bullet" say nothing).
  const [sign, word] =
    shown.kind === 'small'
      ? ['< 5', t('figures.small')]
      : shown.kind === 'hidden'
        ? ['•', t('figures.hidden')]
        : ['—', t('figures.none')];
  return (
    <>
      <span aria-hidden="true">{sign}</span>
      <span className="passend-visually-hidden">{word}</span>
    </>
  );
}

/**
 * One figure table: its title and what it counts, the table with this year and last year under each
 * column, the chart beside it where the table names a chart column, and its downloads.
 */
export function FigureTableSection({
  table,
  schoolYear,
  filter,
  busy,
}: {
  table: FigureTable;
  schoolYear: number;
  filter: FigureFilter;
  busy: boolean;
}) {
  const { t } = useTranslation('reports');
  const year = formatSchoolYear(schoolYear);
  const lastYear = formatSchoolYear(schoolYear - 1);
  const headingId = `figuur-${table.id}`;
  const hasChart = table.chartColumn !== null && table.rows.some((row) => !row.isTotal);
  // A table of one or two columns leaves room for its chart beside it; a wider one gets it below.
  const layout = !hasChart
    ? 'passend-figure__body'
    : table.columns.length <= 2
      ? 'passend-figure__body passend-figure__body--beside'
      : 'passend-figure__body passend-figure__body--below';
  return (
    <section className="passend-figure" aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {table.title}
      </Heading>
      <Paragraph>{table.description}</Paragraph>
      <div className={layout}>
        <div className="passend-figure__table">
          <ScrollTable
            caption={t('figures.caption', { title: table.title, year, lastYear })}
            busy={busy}
            className="passend-figure-table"
          >
            <colgroup>
              <col />
            </colgroup>
            {table.columns.map((column) => (
              <colgroup key={column.key} span={2} />
            ))}
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col" rowSpan={2}>
                  {table.rowHeader}
                </TableHeaderCell>
                {table.columns.map((column) => (
                  <TableHeaderCell
                    key={column.key}
                    scope="colgroup"
                    colSpan={2}
                    className="passend-figure-table__group"
                  >
                    {column.label}
                  </TableHeaderCell>
                ))}
              </TableRow>
              <TableRow>
                {table.columns.flatMap((column) => [
                  <TableHeaderCell
                    key={`${column.key}-year`}
                    scope="col"
                    className="passend-cell--numeric passend-nowrap"
                  >
                    {year}
                  </TableHeaderCell>,
                  <TableHeaderCell
                    key={`${column.key}-last`}
                    scope="col"
                    className="passend-cell--numeric passend-nowrap passend-figure-table__last"
                  >
                    {lastYear}
                  </TableHeaderCell>,
                ])}
              </TableRow>
            </TableHeader>
            <TableBody>
              {table.rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={1 + table.columns.length * 2} className="passend-cell--empty">
                    {t('figures.empty')}
                  </TableCell>
                </TableRow>
              )}
              {table.rows.map((row) => (
                <TableRow key={row.key} className={row.isTotal ? 'passend-figure-table__total' : undefined}>
                  <TableHeaderCell scope="row">
                    {row.drillDown ? <RouterLink to={row.drillDown}>{row.label}</RouterLink> : row.label}
                  </TableHeaderCell>
                  {table.columns.flatMap((column, index) => [
                    <TableCell key={`${column.key}-year`} className="passend-cell--numeric passend-nowrap">
                      <Cell cell={row.values[index] ?? null} unit={column.unit} />
                    </TableCell>,
                    <TableCell
                      key={`${column.key}-last`}
                      className="passend-cell--numeric passend-nowrap passend-figure-table__last"
                    >
                      <Cell cell={row.lastYear[index] ?? null} unit={column.unit} />
                    </TableCell>,
                  ])}
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <Paragraph className="passend-figure__downloads">
            {t('figures.downloads')}{' '}
            {(['csv', 'xlsx'] as const).map((format) => (
              <a key={format} className="utrecht-link" href={figureExportHref(table.id, format, filter)}>
                {t(`figures.${format}`)}
                <span className="passend-visually-hidden">
                  {' '}
                  {t('figures.downloadOf', { title: table.title })}
                </span>
              </a>
            ))}
          </Paragraph>
        </div>
        {hasChart && (
          // Decorative: the table holds the same numbers for everyone, screen readers included.
          <div className="passend-figure__chart" aria-hidden="true">
            <Suspense fallback={<Paragraph>{t('figures.chartLoading')}</Paragraph>}>
              <FigureChart table={table} labels={{ thisYear: year, lastYear }} />
            </Suspense>
          </div>
        )}
      </div>
    </section>
  );
}
