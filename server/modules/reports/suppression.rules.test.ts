import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FigureCell } from '../../../contracts/reports.ts';
import type { RawFigureColumn, RawFigureTable } from './figure-table.ts';
import { publishFigureTable, suppressCells } from './suppression.rules.ts';

const count = (key: string): RawFigureColumn => ({ key, label: key, unit: 'count', countsPupils: true });

/** Counting columns a, b, c and their row total; rows with a total row that adds them up. */
function tableOf(rows: number[][], extraColumns: RawFigureColumn[] = []): RawFigureTable {
  const width = rows[0]?.length ?? 0;
  const members = Array.from({ length: width }, (_value, index) => index);
  const columns: RawFigureColumn[] = [
    ...members.map((index) => count(`c${index}`)),
    { ...count('total'), sumOf: members },
    ...extraColumns,
  ];
  const withTotals = rows.map((row) => [...row, row.reduce((sum, value) => sum + value, 0)]);
  const totalRow = columns
    .slice(0, width + 1)
    .map((_column, index) => withTotals.reduce((sum, row) => sum + (row[index] ?? 0), 0));
  return {
    id: 'test',
    section: 'team',
    title: 'Test',
    description: '',
    rowHeader: 'School',
    chartColumn: null,
    columns,
    rows: [
      ...withTotals.map((values, index) => ({
        key: `r${index}`,
        label: `r${index}`,
        values,
        lastYear: values,
        drillDown: null,
      })),
      { key: 'total', label: 'Totaal', values: totalRow, lastYear: totalRow, drillDown: null, isTotal: true },
    ],
  };
}

const isSuppressed = (cell: FigureCell | undefined) => cell === 'small' || cell === 'hidden';

describe('publishFigureTable (P9)', () => {
  it('leaves every number as it is for the staff office', () => {
    const table = tableOf([
      [3, 10],
      [7, 8],
    ]);
    const published = publishFigureTable(table, { suppress: false });
    expect(published.rows.map((row) => row.values)).toEqual([
      [3, 10, 13],
      [7, 8, 15],
      [10, 18, 28],
    ]);
    expect(published.columns[2]).toEqual({ key: 'total', label: 'total', unit: 'count' });
    expect(published.rows[2]?.isTotal).toBe(true);
  });

  it('P9: shows a count under 5 as small and hides the smallest cell beside it in each line', () => {
    const published = publishFigureTable(
      tableOf([
        [3, 10],
        [7, 8],
        [9, 6],
      ]),
      { suppress: true },
    );
    // 3 is small; its row then hides 10 (the only other member), its column hides 7 (smallest of 7, 9).
    // Column c1 then holds one hidden cell (10): it hides 6, the smallest shown; row r2 then hides 9;
    // row r1 holds 7 hidden: hides 8; column c0 now holds 3, 7, 9 hidden, c1 10, 8, 6: all fine.
    expect(published.rows.map((row) => row.values)).toEqual([
      ['small', 'hidden', 13],
      ['hidden', 'hidden', 15],
      ['hidden', 'hidden', 15],
      [19, 24, 43],
    ]);
  });

  it('P9: takes 0 as small, since "fewer than 5" includes it', () => {
    const published = publishFigureTable(tableOf([[0, 20, 30]]), { suppress: true });
    // The one row and the total row are equal: 0 is small in both; each row then hides its 20.
    expect(published.rows.map((row) => row.values)).toEqual([
      ['small', 'hidden', 30, 50],
      ['small', 'hidden', 30, 50],
    ]);
  });

  it('P9: hides the total when a line has no shown member left to hide', () => {
    const table: RawFigureTable = {
      ...tableOf([[2]]),
      rows: [{ key: 'r', label: 'r', values: [2, 2], lastYear: [9, 9], drillDown: null }],
    };
    const published = publishFigureTable(table, { suppress: true });
    expect(published.rows[0]?.values).toEqual(['small', 'small']);
    expect(published.rows[0]?.lastYear).toEqual([9, 9]);
  });

  it('P9: hides a statistic over fewer than 5 and keeps it over 5 or more', () => {
    const median: RawFigureColumn = { key: 'median', label: 'Mediaan', unit: 'days', basedOn: 0 };
    const table = tableOf(
      [
        [4, 10],
        [5, 10],
      ],
      [median],
    );
    table.rows[0]?.values.push(12);
    table.rows[1]?.values.push(null);
    table.rows[2]?.values.push(8);
    const published = publishFigureTable(table, { suppress: true });
    expect(published.rows.map((row) => row.values[3])).toEqual(['hidden', null, 8]);
  });

  it('P9: suppresses last year on its own', () => {
    const table = tableOf([
      [10, 10],
      [10, 10],
    ]);
    const row = table.rows[0];
    if (row) row.lastYear = [1, 10, 11];
    const published = publishFigureTable(table, { suppress: true });
    expect(published.rows[0]?.values).toEqual([10, 10, 20]);
    expect(published.rows[0]?.lastYear).toEqual(['small', 'hidden', 11]);
  });

  it('P9: never lets a suppressed count be worked out, and never shows a count under 5', () => {
    const tables = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
      .chain(([width, height]) =>
        fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: width, maxLength: width }), {
          minLength: height,
          maxLength: height,
        }),
      );
    fc.assert(
      fc.property(tables, (rows) => {
        const table = tableOf(rows);
        const grid = table.rows.map((row) => row.values);
        const cells = suppressCells(table, grid);
        const width = table.columns.length;
        for (const [rowIndex, row] of cells.entries()) {
          // Every row: the members and their total hold 0 or at least 2 suppressed cells.
          const inRow = row.filter(isSuppressed).length;
          expect(inRow === 0 || inRow >= 2).toBe(true);
          for (const [columnIndex, cell] of row.entries()) {
            if (typeof cell === 'number') expect(cell).toBeGreaterThanOrEqual(5);
            else expect(isSuppressed(cell)).toBe(true);
            expect(grid[rowIndex]?.[columnIndex]).not.toBeNull();
          }
        }
        for (let column = 0; column < width; column++) {
          const inColumn = cells.filter((row) => isSuppressed(row[column])).length;
          expect(inColumn === 0 || inColumn >= 2).toBe(true);
        }
      }),
    );
  });
});
