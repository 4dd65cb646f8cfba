import {
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capacity, CapacityCell, CapacityTag } from '../../../../contracts/capacity.ts';
import { figureExportFormats } from '../../../../contracts/reports.ts';
import { withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { ScrollTable } from '../../ui/ScrollTable.tsx';

/** Query keys of the demand-against-capacity screen. */
export const capacityKeys = {
  year: (schoolYear: number) => ['reports', 'capacity', schoolYear] as const,
};

/** Hours short over the months that fall short. */
export function shortfallOf(row: Pick<CapacityTag, 'months'>): number {
  return row.months.reduce((sum, cell) => sum + (cell.isShort ? -cell.difference : 0), 0);
}

/** A difference in hours; a shortfall carries a sign and the word, never colour alone. */
function Difference({ cell }: { cell: CapacityCell }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  return (
    <>
      {cell.isShort && (
        <span className="passend-capacity-sign" aria-hidden="true">
          ⚠{' '}
        </span>
      )}
      {format.number(cell.difference)}
      {cell.isShort && <span className="passend-visually-hidden"> {t('capacity.table.short')}</span>}
    </>
  );
}

/** Per tag three rows (demand, capacity, difference) across the school months and the year. */
export function CapacityTable({ data, busy }: { data: Capacity; busy: boolean }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const measures = [
    {
      key: 'demand',
      label: t('capacity.table.demand'),
      value: (cell: CapacityCell) => format.number(cell.demand),
    },
    {
      key: 'capacity',
      label: t('capacity.table.capacity'),
      value: (cell: CapacityCell) => format.number(cell.capacity),
    },
    {
      key: 'difference',
      label: t('capacity.table.difference'),
      value: (cell: CapacityCell) => <Difference cell={cell} />,
    },
  ];
  const rows: Array<{ key: string; name: string; months: CapacityCell[]; year: CapacityCell }> = [
    ...data.tags,
    { key: 'total', name: t('capacity.table.total'), ...data.total },
  ];
  return (
    <ScrollTable caption={t('capacity.table.caption')} busy={busy} className="passend-capacity-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('capacity.table.tag')}</TableHeaderCell>
          <TableHeaderCell scope="col">
            <span className="passend-visually-hidden">{t('capacity.table.measure')}</span>
          </TableHeaderCell>
          {data.months.map((month) => (
            <TableHeaderCell key={month} scope="col" className="passend-cell--numeric">
              {format.shortMonth(month)}
            </TableHeaderCell>
          ))}
          <TableHeaderCell scope="col" className="passend-cell--numeric">
            {t('capacity.table.year')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <Fragment key={row.key}>
            {measures.map((measure, index) => (
              <TableRow
                key={measure.key}
                className={index === 0 ? 'passend-capacity-group' : undefined}
                data-total={row.key === 'total' ? 'true' : undefined}
              >
                {index === 0 && (
                  <TableHeaderCell scope="rowgroup" rowSpan={measures.length}>
                    {row.name}
                  </TableHeaderCell>
                )}
                <TableHeaderCell scope="row">{measure.label}</TableHeaderCell>
                {[...row.months, row.year].map((cell) => (
                  <TableCell key={cell.month} className="passend-cell--numeric passend-nowrap">
                    {measure.value(cell)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </Fragment>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

/** Per tag with demand, a disclosure with the schools behind it and how its hours per request were found. */
export function SchoolsBehindDemand({ data }: { data: Capacity }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const headingId = useId();
  const withDemand = data.tags.filter((tag) => tag.schools.length > 0);
  if (withDemand.length === 0) return null;
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('capacity.schools.title')}
      </Heading>
      {withDemand.map((tag) => (
        <details key={tag.key} className="passend-capacity-details" open={tag.shortMonths > 0}>
          <summary>
            {t('capacity.schools.summary', {
              tag: tag.name,
              count: tag.schools.length,
              hours: format.number(tag.year.demand),
            })}
            {tag.shortMonths > 0 && ` — ${t('capacity.warnings.label')} ${t('capacity.schools.short')}`}
          </summary>
          <Paragraph>
            {tag.basis === 'tag'
              ? t('capacity.schools.basisTag', {
                  hours: format.number(tag.hoursPerRequest),
                  count: tag.closedRequests,
                })
              : t('capacity.schools.basisOther', { hours: format.number(tag.hoursPerRequest) })}
          </Paragraph>
          <ScrollTable caption={t('capacity.schools.caption', { tag: tag.name })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('capacity.schools.school')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-cell--numeric">
                  {t('capacity.schools.expectedRequests')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-cell--numeric">
                  {t('capacity.schools.requestsForTag')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-cell--numeric">
                  {t('capacity.schools.demandHours')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tag.schools.map((school) => (
                <TableRow key={school.locationId}>
                  <TableHeaderCell scope="row">{school.name}</TableHeaderCell>
                  <TableCell className="passend-cell--numeric">
                    {format.number(school.expectedRequests)}
                  </TableCell>
                  <TableCell className="passend-cell--numeric">
                    {format.number(school.requestsForTag)}
                  </TableCell>
                  <TableCell className="passend-cell--numeric">{format.number(school.demandHours)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        </details>
      ))}
    </section>
  );
}

/** Each table of the page as CSV or Excel, from the same answer (the figures' one export). */
export function CapacityDownloads({ data }: { data: Capacity }) {
  const { t } = useTranslation('reports');
  const headingId = useId();
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('capacity.downloads.title')}
      </Heading>
      <UnorderedList>
        {data.tables.map((table) => (
          <UnorderedListItem key={table.id}>
            {table.title}:{' '}
            {figureExportFormats.map((format, index) => (
              <Fragment key={format}>
                {index > 0 && ' · '}
                <a
                  className="utrecht-link"
                  href={withQuery('/api/reports/capacity/export', {
                    schoolYear: data.schoolYear,
                    table: table.id,
                    format,
                  })}
                  download
                >
                  {t(`capacity.downloads.${format}`)}
                  <span className="passend-visually-hidden">
                    {' '}
                    {t('capacity.downloads.of', { title: table.title })}
                  </span>
                </a>
              </Fragment>
            ))}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </section>
  );
}
