import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { locationDetailSchema, schoolBoardListSchema } from '../../../../contracts/locations.ts';
import { api } from '../../app/api.ts';
import { type FieldIssue, type FormErrors, fieldMessage } from '../../app/forms.ts';

/** Query keys of this module, so a change can refresh exactly what it touched. */
export const schoolsKeys = {
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

/** All school boards of the partnership (a handful to a few dozen). */
export function useSchoolBoards() {
  return useQuery({
    queryKey: schoolsKeys.boards,
    queryFn: ({ signal }) => api.get('/api/school-boards', schoolBoardListSchema, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * The message for a field: this module's own codes (`schools:validation.*`) first, then the
 * common catalogue, then the server's text.
 */
export function useFieldMessage() {
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  return (errors: FormErrors, path: string): string | undefined => {
    const issue: FieldIssue | undefined = errors.fields.find((field) => field.path === path);
    if (!issue) return undefined;
    const key = `validation.${issue.code}`;
    const own = (t as unknown as TFunction)(key, { defaultValue: '' });
    return own || fieldMessage(common as unknown as TFunction, issue);
  };
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
