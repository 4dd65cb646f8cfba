import type { PaginationQuery } from '../../../contracts/fields.ts';

/** LIMIT/OFFSET of a page request. */
export function pageWindow(query: PaginationQuery): { limit: number; offset: number } {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

/** A LIKE pattern for a search text, with the wildcards in the text itself escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
