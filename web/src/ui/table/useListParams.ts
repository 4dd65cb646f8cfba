import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type ListParams, listSearch, parseListParams, type SortOrder } from './list-params.ts';

/**
 * A list's filters, page and sort kept in the address (Dutch parameter names the page chooses), so a
 * filtered list can be bookmarked, shared and reached again with the back button.
 */
export function useListParams<K extends string>(
  defaults: Record<K, string>,
  defaultSort: SortOrder | null = null,
) {
  const [search, setSearch] = useSearchParams();
  // The defaults are a literal in the page; their content, not their identity, matters.
  const defaultsKey = JSON.stringify(defaults);
  const sortKey = JSON.stringify(defaultSort);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the content of the defaults.
  const current: ListParams<K> = useMemo(
    () => parseListParams(search, defaults, defaultSort),
    [search, defaultsKey, sortKey],
  );
  const change = (next: Parameters<typeof listSearch<K>>[2]) =>
    setSearch(listSearch(current, defaults, next, defaultSort));
  return {
    ...current,
    setFilters: (filters: Partial<Record<K, string>>) => change({ filters }),
    setPage: (page: number) => change({ page }),
    setSort: (sort: SortOrder | null) => change({ sort }),
    /** Clears every filter and the sort. */
    clear: () => setSearch(new URLSearchParams()),
    /** The sort as the API takes it (`name` or `-name`), if any. */
    apiSort: current.sort
      ? current.sort.direction === 'descending'
        ? `-${current.sort.key}`
        : current.sort.key
      : undefined,
  };
}
