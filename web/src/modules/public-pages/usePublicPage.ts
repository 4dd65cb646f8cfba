import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, isApiError } from '../../app/api.ts';

/** Loads a public page's data (no session needed); `notFound` for an unknown partnership or location. */
export function usePublicPage<T>(key: unknown[], path: string, schema: z.ZodType<T>) {
  const query = useQuery({
    queryKey: ['public', ...key],
    queryFn: ({ signal }) => api.get(path, schema, signal),
    retry: false,
    staleTime: 60_000,
  });
  // A malformed slug or id in the address is as unknown as a well-formed one that does not exist.
  const notFound = isApiError(query.error, 'not_found', 'validation_failed');
  return { ...query, notFound };
}
