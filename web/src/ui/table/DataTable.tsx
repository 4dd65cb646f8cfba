import {
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../ScrollTable.tsx';
import { nextSort, type SortOrder, sortRows } from './list-params.ts';

export type Column<Row> = {
  key: string;
  /** Also the label of the value in the stacked layout on a small screen. */
  header: string;
  cell: (row: Row) => ReactNode;
  /** Numbers and amounts: right-aligned in tabular figures. */
  numeric?: boolean;
  /** Dates, codes and references: never broken over lines. */
  nowrap?: boolean;
  /** E-mail addresses and other long unbroken values: may break anywhere rather than widen the table. */
  breakAnywhere?: boolean;
  /** A sensible width (`8rem`, `30%`) where the content would otherwise squeeze or sprawl. */
  width?: string;
  /** The cell that names the row (`<th scope="row">`); the title of the row on a small screen. */
  rowHeader?: boolean;
  /** Stays beside the row's title on a small screen, e.g. the status. */
  keepWithTitle?: boolean;
  /** The column can be sorted; with `sortValue` the table sorts itself, else the server does. */
  sortable?: boolean;
  sortValue?: (row: Row) => string | number | null | undefined;
};

type DataTableProps<Row> = {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Said in the table when there are no rows: what is (not) there and, where it helps, why. */
  empty: ReactNode;
  busy?: boolean;
  sort?: SortOrder | null;
  onSortChange?: (sort: SortOrder) => void;
  /** Totals and the like, below the rows. */
  footer?: ReactNode;
  /** Off for wide tables that must keep their grid (a week of hours): they scroll sideways instead. */
  stackOnSmallScreens?: boolean;
  /** A class for a row that needs a mark of its own (a school lacking its pair); never colour alone. */
  rowClassName?: (row: Row) => string | undefined;
};

function cellClass(column: Column<unknown>, place: 'header' | 'body' = 'body'): string | undefined {
  const classes = [
    column.numeric ? 'passend-cell--numeric' : null,
    // Only the values stay on one line: a header ("Laatste wijziging") may wrap to keep the table narrow.
    column.nowrap && place === 'body' ? 'passend-nowrap' : null,
    column.breakAnywhere && place === 'body' ? 'passend-break-anywhere' : null,
    column.keepWithTitle ? 'passend-cell--keep' : null,
  ].filter(Boolean);
  return classes.length ? classes.join(' ') : undefined;
}

/**
 * The one table of every list: a caption, headers that sort, numbers on the right, and on a small
 * screen each row stacked as a card with its title and status on top, so nothing is cut off.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  busy,
  sort = null,
  onSortChange,
  footer,
  stackOnSmallScreens = true,
  rowClassName,
}: DataTableProps<Row>) {
  const { t } = useTranslation();
  const sortColumn = sort ? columns.find((column) => column.key === sort.key) : undefined;
  // A table that has all its rows sorts them itself; a paged one leaves it to the server.
  const shown = sortColumn?.sortValue ? sortRows(rows, sort, sortColumn.sortValue) : rows;
  return (
    <div
      className={
        stackOnSmallScreens ? 'passend-data-table passend-data-table--stacked' : 'passend-data-table'
      }
    >
      <ScrollTable caption={caption} busy={busy}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} style={column.width ? { inlineSize: column.width } : undefined} />
          ))}
        </colgroup>
        <TableHeader>
          <TableRow>
            {columns.map((column) => {
              const sorted = sort?.key === column.key ? sort.direction : undefined;
              const canSort = Boolean(column.sortable && onSortChange);
              return (
                <TableHeaderCell
                  key={column.key}
                  scope="col"
                  className={cellClass(column as Column<unknown>, 'header')}
                  aria-sort={canSort ? (sorted ?? 'none') : undefined}
                >
                  {canSort ? (
                    <button
                      type="button"
                      className="passend-sort-button"
                      onClick={() => onSortChange?.(nextSort(sort, column.key))}
                    >
                      {column.header}
                      <span className="passend-sort-button__icon" aria-hidden="true">
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                      </span>
                      <span className="passend-visually-hidden">
                        {sorted === 'ascending'
                          ? t('table.sortedAscending')
                          : sorted === 'descending'
                            ? t('table.sortedDescending')
                            : t('table.sortable')}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length} className="passend-cell--empty">
                {empty}
              </TableCell>
            </TableRow>
          )}
          {shown.map((row) => (
            <TableRow key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <TableHeaderCell
                    key={column.key}
                    scope="row"
                    className={cellClass(column as Column<unknown>)}
                    data-label={column.header}
                  >
                    {column.cell(row)}
                  </TableHeaderCell>
                ) : (
                  <TableCell
                    key={column.key}
                    className={cellClass(column as Column<unknown>)}
                    data-label={column.header}
                  >
                    {column.cell(row)}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
        {footer && <TableFooter>{footer}</TableFooter>}
      </ScrollTable>
    </div>
  );
}
