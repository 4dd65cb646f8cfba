import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TeacherOption, teacherOptionPageSchema } from '../../../../contracts/requests.ts';
import { api, withQuery } from '../../app/api.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { requestKeys } from './requests.api.ts';

// A school has up to some sixty teachers: the list comes filtered by name from the server, a page at a time.
const pageSize = 100;

type TeacherPickerProps = {
  /** The school whose teachers are listed. */
  locationId: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required: boolean;
  /** The teacher picked before, shown even when the filter leaves them out. */
  current: TeacherOption | null;
};

/** Y3: picks the teacher on a request from the school's teachers, with a search on name. */
export function TeacherPicker({ locationId, current, ...field }: TeacherPickerProps) {
  const { t } = useTranslation('requests');
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const teachers = useQuery({
    queryKey: requestKeys.teacherOptions(locationId, q),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/requests/teacher-options', { locationId, q: q || undefined, pageSize }),
        teacherOptionPageSchema,
        signal,
      ),
    enabled: Boolean(locationId),
  });
  const found = teachers.data?.items ?? [];
  const choices = [
    ...(current && !found.some((teacher) => teacher.id === current.id) ? [current] : []),
    ...found,
  ].map((teacher) => ({ value: teacher.id, label: teacher.name }));
  const total = teachers.data?.total ?? 0;
  return (
    <>
      <TextField
        type="search"
        name="teacherSearch"
        label={t('form.teacherSearch')}
        autoComplete="off"
        required={false}
        value={search}
        onChange={setSearch}
        // Enter searches; it does not send the whole form.
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      <SelectField
        {...field}
        label={t('form.teacher')}
        placeholder={t('form.chooseTeacher')}
        description={
          total > found.length ? t('form.teacherMore', { shown: found.length, total }) : t('form.teacherHint')
        }
        choices={choices}
        busy={teachers.isFetching}
      />
    </>
  );
}
