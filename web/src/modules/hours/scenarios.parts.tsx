import { Paragraph } from '@utrecht/component-library-react';
import type { FigureCell, FigureRow, FigureTable } from '../../../../contracts/reports.ts';
import { useFormatters } from '../../app/format.ts';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';

/**
 * A figure table of the scenarios as the server built it (labels in the reader's language), with
 * its description: the fairness figures beside their chart and the hours per school. A change is
 * signed (+ and −), so a gain and a loss differ in more than colour.
 */
export function FigureTableView({ table }: { table: FigureTable }) {
  const format = useFormatters();
  const cell = (value: FigureCell | undefined, unit: string, isChange: boolean) => {
    if (typeof value !== 'number') return '—';
    const text = format.number(value);
    const signed = isChange && value > 0 ? `+${text}` : text;
    // A no-break space: the sign, the number and its % stay together when the stacked card wraps.
    return unit === 'percent' ? `${signed}\u00a0%` : signed;
  };
  const columns: Column<FigureRow>[] = [
    { key: 'label', header: table.rowHeader, cell: (row) => row.label, rowHeader: true },
    ...table.columns.map(
      (column, index): Column<FigureRow> => ({
        key: column.key,
        header: column.label,
        cell: (row) => cell(row.values[index], column.unit, column.key.includes('change')),
        // Not nowrap: on a phone the long labels of the stacked card need the room to wrap.
        numeric: true,
      }),
    ),
  ];
  const body = table.rows.filter((row) => !row.isTotal);
  const totals = table.rows.filter((row) => row.isTotal);
  return (
    <section aria-label={table.title}>
      <DataTable
        caption={table.title}
        columns={columns}
        // The total last, in the body: on a phone it stacks as a card like the others.
        rows={[...body, ...totals]}
        rowKey={(row) => row.key}
        rowClassName={(row) => (row.isTotal ? 'passend-row--total' : undefined)}
        empty={null}
      />
      <Paragraph appearance="small">{table.description}</Paragraph>
    </section>
  );
}
