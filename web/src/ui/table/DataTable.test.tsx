// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setUpDom } from '../../test/dom.ts';
import { type Column, DataTable } from './DataTable.tsx';
import type { SortOrder } from './list-params.ts';

type School = { id: string; name: string; pupils: number; status: string };

const schools: School[] = [
  { id: 'a', name: 'De Regenboog', pupils: 212, status: 'open' },
  { id: 'b', name: 'Het Kompas', pupils: 1480, status: 'gesloten' },
  { id: 'c', name: 'De Akker', pupils: 95, status: 'open' },
];

const columns: Column<School>[] = [
  {
    key: 'name',
    header: 'School',
    cell: (row) => row.name,
    rowHeader: true,
    sortable: true,
    sortValue: (row) => row.name,
  },
  {
    key: 'pupils',
    header: 'Leerlingen',
    cell: (row) => String(row.pupils),
    numeric: true,
    sortable: true,
    sortValue: (row) => row.pupils,
  },
  { key: 'status', header: 'Status', cell: (row) => row.status, keepWithTitle: true },
];

function rowNames(): string[] {
  return screen.getAllByRole('rowheader').map((cell) => cell.textContent ?? '');
}

beforeAll(setUpDom);
afterEach(cleanup);

describe('DataTable', () => {
  it('names the table by its caption and labels every cell for the stacked layout', () => {
    render(
      <DataTable
        caption="Scholen"
        columns={columns}
        rows={schools}
        rowKey={(row) => row.id}
        empty="Geen scholen"
      />,
    );
    const table = screen.getByRole('table', { name: 'Scholen' });
    const firstRow = within(table).getAllByRole('row')[1] as HTMLElement;
    const cells = within(firstRow).getAllByRole('cell');
    expect(cells.map((cell) => cell.getAttribute('data-label'))).toEqual(['Leerlingen', 'Status']);
    expect(within(firstRow).getByRole('rowheader').getAttribute('data-label')).toBe('School');
  });

  it('right-aligns numbers and keeps the status with the title', () => {
    render(
      <DataTable
        caption="Scholen"
        columns={columns}
        rows={schools}
        rowKey={(row) => row.id}
        empty="Geen scholen"
      />,
    );
    expect(screen.getByRole('columnheader', { name: 'Leerlingen' }).className).toContain(
      'passend-cell--numeric',
    );
    expect(screen.getByRole('cell', { name: '1480' }).className).toContain('passend-cell--numeric');
    expect(screen.getAllByRole('cell', { name: 'open' })[0]?.className).toContain('passend-cell--keep');
  });

  it('keeps a date on one line but lets its header wrap', () => {
    const dated: Column<School>[] = [
      ...columns,
      { key: 'changed', header: 'Laatste wijziging', cell: () => '6 dec 2026', nowrap: true },
    ];
    render(
      <DataTable
        caption="Scholen"
        columns={dated}
        rows={schools}
        rowKey={(row) => row.id}
        empty="Geen scholen"
      />,
    );
    expect(screen.getAllByRole('cell', { name: '6 dec 2026' })[0]?.className).toContain('passend-nowrap');
    expect(screen.getByRole('columnheader', { name: 'Laatste wijziging' }).className ?? '').not.toContain(
      'passend-nowrap',
    );
  });

  it('lets a long address break anywhere rather than widen the table', () => {
    const withEmail: Column<School>[] = [
      ...columns,
      {
        key: 'email',
        header: 'E-mailadres',
        cell: () => 'gedragswetenschapper@demo.passend.test',
        breakAnywhere: true,
      },
    ];
    render(
      <DataTable
        caption="Scholen"
        columns={withEmail}
        rows={schools}
        rowKey={(row) => row.id}
        empty="Geen scholen"
      />,
    );
    expect(
      screen.getAllByRole('cell', { name: 'gedragswetenschapper@demo.passend.test' })[0]?.className,
    ).toContain('passend-break-anywhere');
  });

  it('says what is missing in one cell across all columns when there are no rows', () => {
    render(
      <DataTable
        caption="Scholen"
        columns={columns}
        rows={[]}
        rowKey={(row) => row.id}
        empty="Geen scholen gevonden"
      />,
    );
    const cell = screen.getByRole('cell', { name: 'Geen scholen gevonden' });
    expect(cell.getAttribute('colspan')).toBe('3');
  });

  it('sorts a complete list itself and marks the sorted column', () => {
    const sort: SortOrder = { key: 'pupils', direction: 'descending' };
    render(
      <DataTable
        caption="Scholen"
        columns={columns}
        rows={schools}
        rowKey={(row) => row.id}
        empty="-"
        sort={sort}
        onSortChange={() => {}}
      />,
    );
    expect(rowNames()).toEqual(['Het Kompas', 'De Regenboog', 'De Akker']);
    expect(screen.getByRole('columnheader', { name: /Leerlingen/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: /School/ }).getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('columnheader', { name: 'Status' }).getAttribute('aria-sort')).toBeNull();
  });

  it('asks for the next order when a sortable header is pressed', () => {
    const onSortChange = vi.fn();
    render(
      <DataTable
        caption="Scholen"
        columns={columns}
        rows={schools}
        rowKey={(row) => row.id}
        empty="-"
        sort={{ key: 'name', direction: 'ascending' }}
        onSortChange={onSortChange}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /School/ }));
    expect(onSortChange).toHaveBeenLastCalledWith({ key: 'name', direction: 'descending' });
    fireEvent.click(screen.getByRole('button', { name: /Leerlingen/ }));
    expect(onSortChange).toHaveBeenLastCalledWith({ key: 'pupils', direction: 'ascending' });
  });

  it('leaves the order of a paged list to the server when the column has no sort value', () => {
    const serverSorted = columns.map((column) => ({ ...column, sortValue: undefined }));
    render(
      <DataTable
        caption="Scholen"
        columns={serverSorted}
        rows={schools}
        rowKey={(row) => row.id}
        empty="-"
        sort={{ key: 'name', direction: 'ascending' }}
        onSortChange={() => {}}
      />,
    );
    expect(rowNames()).toEqual(['De Regenboog', 'Het Kompas', 'De Akker']);
  });

  it('marks the rows the page asks for, and only those', () => {
    render(
      <DataTable
        caption="Scholen"
        columns={columns}
        rows={schools}
        rowKey={(row) => row.id}
        empty="-"
        rowClassName={(row) => (row.status === 'gesloten' ? 'passend-row--closed' : undefined)}
      />,
    );
    const marked = screen.getAllByRole('row').filter((row) => row.classList.contains('passend-row--closed'));
    expect(marked.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Het Kompas']);
  });
});
