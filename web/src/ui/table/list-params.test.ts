import { describe, expect, it } from 'vitest';
import { listSearch, nextSort, parseListParams, sortRows } from './list-params.ts';

const defaults = { zoek: '', status: '', schooljaar: '2026' };

describe('list parameters in the address', () => {
  it('reads filters, page and sort, with defaults for what is absent', () => {
    const params = parseListParams(new URLSearchParams('status=open&pagina=3&sorteer=-bijgewerkt'), defaults);
    expect(params).toEqual({
      filters: { zoek: '', status: 'open', schooljaar: '2026' },
      page: 3,
      sort: { key: 'bijgewerkt', direction: 'descending' },
    });
  });

  it('takes page 1 for a page that is no number or below 1', () => {
    expect(parseListParams(new URLSearchParams('pagina=abc'), defaults).page).toBe(1);
    expect(parseListParams(new URLSearchParams('pagina=-4'), defaults).page).toBe(1);
  });

  it('keeps the default sort when the address names none', () => {
    const sort = { key: 'naam', direction: 'ascending' } as const;
    expect(parseListParams(new URLSearchParams(''), defaults, sort).sort).toEqual(sort);
  });

  it('starts again at page 1 when a filter changes, and leaves defaults out of the address', () => {
    const current = parseListParams(new URLSearchParams('status=open&pagina=4'), defaults);
    const next = listSearch(current, defaults, { filters: { zoek: 'Bakker', schooljaar: '2026' } });
    expect(next.toString()).toBe('zoek=Bakker&status=open');
  });

  it('starts again at page 1 when the sort changes, and keeps the page otherwise', () => {
    const current = parseListParams(new URLSearchParams('pagina=4'), defaults);
    expect(listSearch(current, defaults, { sort: { key: 'naam', direction: 'ascending' } }).toString()).toBe(
      'sorteer=naam',
    );
    expect(listSearch(current, defaults, { page: 5 }).toString()).toBe('pagina=5');
  });

  it('leaves the default sort out of the address, but keeps its other direction', () => {
    const byName = { key: 'naam', direction: 'ascending' } as const;
    const current = parseListParams(new URLSearchParams(''), defaults, byName);
    expect(listSearch(current, defaults, { filters: { zoek: 'Kompas' } }, byName).toString()).toBe(
      'zoek=Kompas',
    );
    expect(listSearch(current, defaults, { sort: byName }, byName).toString()).toBe('');
    const reversed = listSearch(
      current,
      defaults,
      { sort: { key: 'naam', direction: 'descending' } },
      byName,
    );
    expect(reversed.toString()).toBe('sorteer=-naam');
    expect(parseListParams(reversed, defaults, byName).sort).toEqual({
      key: 'naam',
      direction: 'descending',
    });
    expect(parseListParams(new URLSearchParams(''), defaults, byName).sort).toEqual(byName);
  });
});

describe('sorting', () => {
  it('goes ascending, then descending, then ascending on the same column; a new column starts ascending', () => {
    const first = nextSort(null, 'naam');
    expect(first).toEqual({ key: 'naam', direction: 'ascending' });
    const second = nextSort(first, 'naam');
    expect(second).toEqual({ key: 'naam', direction: 'descending' });
    expect(nextSort(second, 'naam')).toEqual({ key: 'naam', direction: 'ascending' });
    expect(nextSort(second, 'datum')).toEqual({ key: 'datum', direction: 'ascending' });
  });

  it('sorts texts the Dutch way with numbers in order, and empty values last either way', () => {
    const rows = ['groep 10', '', 'Groep 2', 'groep 1', null];
    const up = sortRows(rows, { key: 'x', direction: 'ascending' }, (row) => row);
    expect(up).toEqual(['groep 1', 'Groep 2', 'groep 10', '', null]);
    const down = sortRows(rows, { key: 'x', direction: 'descending' }, (row) => row);
    expect(down.slice(0, 3)).toEqual(['groep 10', 'Groep 2', 'groep 1']);
    expect(down.slice(3)).toEqual(['', null]);
  });

  it('sorts numbers as numbers and leaves the input untouched', () => {
    const rows = [{ hours: 10 }, { hours: 9 }, { hours: 100 }];
    expect(
      sortRows(rows, { key: 'h', direction: 'ascending' }, (row) => row.hours).map((row) => row.hours),
    ).toEqual([9, 10, 100]);
    expect(rows[0]?.hours).toBe(10);
  });
});
