/** A column the list is sorted on, and which way. */
export type SortOrder = { key: string; direction: 'ascending' | 'descending' };

const sortParam = 'sorteer';
const pageParam = 'pagina';

export type ListParams<K extends string> = {
  filters: Record<K, string>;
  page: number;
  sort: SortOrder | null;
};

/** Reads a list's filters, page and sort from the address, with the page's defaults for what is absent. */
export function parseListParams<K extends string>(
  search: URLSearchParams,
  defaults: Record<K, string>,
  defaultSort: SortOrder | null = null,
): ListParams<K> {
  const filters = { ...defaults };
  for (const key of Object.keys(defaults) as K[]) {
    const value = search.get(key);
    if (value !== null) filters[key] = value;
  }
  const page = Math.max(1, Math.floor(Number(search.get(pageParam))) || 1);
  const sortValue = search.get(sortParam);
  const sort: SortOrder | null = sortValue
    ? sortValue.startsWith('-')
      ? { key: sortValue.slice(1), direction: 'descending' }
      : { key: sortValue, direction: 'ascending' }
    : defaultSort;
  return { filters, page, sort };
}

/**
 * The address of the list after a change: a new filter or sort starts again at page 1, and values
 * equal to the default (the sort too) stay out of the address so a shared link is short.
 */
export function listSearch<K extends string>(
  current: ListParams<K>,
  defaults: Record<K, string>,
  change: { filters?: Partial<Record<K, string>>; page?: number; sort?: SortOrder | null },
  defaultSort: SortOrder | null = null,
): URLSearchParams {
  const filters = { ...current.filters, ...(change.filters ?? {}) };
  const sort = change.sort === undefined ? current.sort : change.sort;
  const resetsPage = change.filters !== undefined || change.sort !== undefined;
  const page = change.page ?? (resetsPage ? 1 : current.page);
  const search = new URLSearchParams();
  for (const key of Object.keys(filters) as K[]) {
    const value = filters[key];
    if (value !== undefined && value !== '' && value !== defaults[key]) search.set(key, value);
  }
  const isDefaultSort = sort?.key === defaultSort?.key && sort?.direction === defaultSort?.direction;
  if (sort && !isDefaultSort)
    search.set(sortParam, sort.direction === 'descending' ? `-${sort.key}` : sort.key);
  if (page > 1) search.set(pageParam, String(page));
  return search;
}

/** Sorting on a column header: first ascending, then descending, then ascending again. */
export function nextSort(current: SortOrder | null, key: string): SortOrder {
  if (current?.key === key && current.direction === 'ascending') return { key, direction: 'descending' };
  return { key, direction: 'ascending' };
}

const collator = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });

/** Sorts rows of a list that is complete in the page (not paged on the server); empty values last. */
export function sortRows<Row>(
  rows: readonly Row[],
  sort: SortOrder | null,
  sortValue: ((row: Row) => string | number | null | undefined) | undefined,
): Row[] {
  if (!sort || !sortValue) return [...rows];
  const factor = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a);
    const right = sortValue(b);
    const leftEmpty = left === null || left === undefined || left === '';
    const rightEmpty = right === null || right === undefined || right === '';
    if (leftEmpty || rightEmpty) return leftEmpty === rightEmpty ? 0 : leftEmpty ? 1 : -1;
    if (typeof left === 'number' && typeof right === 'number') return (left - right) * factor;
    return collator.compare(String(left), String(right)) * factor;
  });
}
