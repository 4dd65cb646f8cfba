import type { FigureCell, FigureTable } from '../../../contracts/reports.ts';
import type { RawFigureColumn, RawFigureTable } from './figure-table.ts';

/** P9's threshold: a count below it could point at a pupil. */
export const smallCountThreshold = 5;

type Position = { row: number; column: number };

/** A set of cells of which one adds up the others, so any one of them follows from the rest. */
type Line = { total: Position; members: Position[] };

/**
 * P9: outside the staff office a count of fewer than 5 pupils is shown as "< 5" (`'small'`), a
 * statistic over fewer than 5 is left out (`'hidden'`), and enough other cells are hidden that no
 * small count can be worked out from a total. Every count of 0 to 4 is small, 0 included: the rule
 * says "fewer than 5", and showing 0 while hiding 1–4 would tell a reader that a hidden cell is not 0,
 * which narrows it down. This period's values and last year's are suppressed each on their own.
 */
export function publishFigureTable(table: RawFigureTable, options: { suppress: boolean }): FigureTable {
  const values = table.rows.map((row) => row.values);
  const lastYear = table.rows.map((row) => row.lastYear);
  const publishedValues = options.suppress ? suppressCells(table, values) : values;
  const publishedLastYear = options.suppress ? suppressCells(table, lastYear) : lastYear;
  return {
    ...table,
    columns: table.columns.map(({ key, label, unit }) => ({ key, label, unit })),
    rows: table.rows.map((row, index) => ({
      key: row.key,
      label: row.label,
      values: publishedValues[index] ?? [],
      lastYear: publishedLastYear[index] ?? [],
      drillDown: row.drillDown,
      isTotal: row.isTotal ?? false,
    })),
  };
}

/**
 * One period's cells of a table after P9: small counts marked, statistics over small counts hidden,
 * then complementary cells hidden until every line that adds up holds none or at least two hidden
 * cells. Deterministic: of equal candidates the first (by row, then column) is hidden.
 */
export function suppressCells(
  table: Pick<RawFigureTable, 'columns' | 'rows'>,
  grid: ReadonlyArray<ReadonlyArray<number | null>>,
): FigureCell[][] {
  const cells: FigureCell[][] = grid.map((row, rowIndex) =>
    row.map((value, columnIndex) => primaryCell(table.columns, grid, rowIndex, columnIndex, value)),
  );
  const lines = linesOf(table);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const all = [line.total, ...line.members];
      const suppressed = all.filter((position) => isSuppressed(cellAt(cells, position)));
      if (suppressed.length !== 1) continue;
      const next = complementOf(cells, line);
      if (!next) continue;
      setCell(cells, next, 'hidden');
      changed = true;
    }
  }
  return cells;
}

function primaryCell(
  columns: readonly RawFigureColumn[],
  grid: ReadonlyArray<ReadonlyArray<number | null>>,
  rowIndex: number,
  columnIndex: number,
  value: number | null,
): FigureCell {
  if (value === null) return null;
  const column = columns[columnIndex];
  if (column?.countsPupils && value < smallCountThreshold) return 'small';
  if (column?.basedOn !== undefined) {
    const base = grid[rowIndex]?.[column.basedOn];
    if (typeof base === 'number' && base < smallCountThreshold) return 'hidden';
  }
  return value;
}

/** The lines that add up: each row's total columns, and each counting column over the total row. */
function linesOf(table: Pick<RawFigureTable, 'columns' | 'rows'>): Line[] {
  const lines: Line[] = [];
  table.rows.forEach((_row, rowIndex) => {
    table.columns.forEach((column, columnIndex) => {
      if (!column.sumOf || column.sumOf.length === 0) return;
      lines.push({
        total: { row: rowIndex, column: columnIndex },
        members: column.sumOf.map((member) => ({ row: rowIndex, column: member })),
      });
    });
  });
  const totalRow = table.rows.findIndex((row) => row.isTotal);
  if (totalRow >= 0)
    table.columns.forEach((column, columnIndex) => {
      if (!column.countsPupils) return;
      lines.push({
        total: { row: totalRow, column: columnIndex },
        members: table.rows.flatMap((_row, rowIndex) =>
          rowIndex === totalRow ? [] : [{ row: rowIndex, column: columnIndex }],
        ),
      });
    });
  return lines;
}

/** The cell to hide next in a line with one hidden cell: its smallest shown member, else its total. */
function complementOf(cells: FigureCell[][], line: Line): Position | null {
  let smallest: { position: Position; value: number } | null = null;
  for (const position of line.members) {
    const value = cellAt(cells, position);
    if (typeof value === 'number' && (!smallest || value < smallest.value)) smallest = { position, value };
  }
  if (smallest) return smallest.position;
  return typeof cellAt(cells, line.total) === 'number' ? line.total : null;
}

function isSuppressed(cell: FigureCell | undefined): boolean {
  return cell === 'small' || cell === 'hidden';
}

function cellAt(cells: FigureCell[][], position: Position): FigureCell | undefined {
  return cells[position.row]?.[position.column];
}

function setCell(cells: FigureCell[][], position: Position, value: FigureCell): void {
  const row = cells[position.row];
  if (row) row[position.column] = value;
}
