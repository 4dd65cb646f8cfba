import { useListParams } from '../../ui/table/useListParams.ts';

/**
 * The list parameters of a section of the trajectory page (its page, its filters) in the address beside
 * `?deel=`, which is kept so that paging or filtering stays in the section.
 */
export function useSectionListParams<K extends string>(defaults: Record<K, string>) {
  return useListParams<K | 'deel'>({ ...defaults, deel: '' } as Record<K | 'deel', string>);
}
