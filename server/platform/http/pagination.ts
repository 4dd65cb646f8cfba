import type { PaginationQuery } from '../../../contracts/fields.ts';

/** LIMIT/OFFSET of a page request. */
export function pageWindow(query: PaginationQuery): { limit: number; offset: number } {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

/** A LIKE pattern for a search text, with the wildcards in the text itself escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * One page of a list with the total, queried one after the other: a transaction has one
 * connection, and pg refuses concurrent queries on one client.
 */
export async function loadPage<T>(
  query: PaginationQuery,
  loadItems: (window: { limit: number; offset: number }) => Promise<T[]>,
  countAll: () => Promise<Array<{ total: number }>>,
) {
  const items = await loadItems(pageWindow(query));
  const [counted] = await countAll();
  return { items, page: query.page, pageSize: query.pageSize, total: Number(counted?.total ?? 0) };
}
