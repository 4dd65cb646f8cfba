import { useQuery } from '@tanstack/react-query';
import { locationDetailSchema, schoolBoardListSchema } from '../../../../contracts/locations.ts';
import { api } from '../../app/api.ts';
import type { FormErrors } from '../../app/forms.ts';

/** Query keys of this module, so a change can refresh exactly what it touched. */
export const schoolsKeys = {
  /** Every list, detail and picker of locations. */
  all: ['locations'] as const,
  /** Every location of the partnership, for pickers. */
  everyLocation: ['locations', 'all'] as const,
  lists: ['locations', 'list'] as const,
  detail: (locationId: string) => ['locations', 'detail', locationId] as const,
  boards: ['school-boards'] as const,
};

/** One location with its counts and staff. */
export function useLocationDetail(locationId: string) {
  return useQuery({
    queryKey: schoolsKeys.detail(locationId),
    queryFn: ({ signal }) => api.get(`/api/locations/${locationId}`, locationDetailSchema, signal),
  });
}

/** All school boards of the partnership (a handful to a few dozen); `enabled` defers asking. */
export function useSchoolBoards(enabled = true) {
  return useQuery({
    queryKey: schoolsKeys.boards,
    queryFn: ({ signal }) => api.get('/api/school-boards', schoolBoardListSchema, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/**
 * A refusal with field problems reads as "check the fields", also when the server answered 409
 * (a code already in use), rather than the generic "changed in the meantime".
 */
export function withFieldSummary(errors: FormErrors): FormErrors {
  return errors.fields.length > 0 && errors.form?.code === 'conflict'
    ? { ...errors, form: { code: 'validation_failed' } }
    : errors;
}
