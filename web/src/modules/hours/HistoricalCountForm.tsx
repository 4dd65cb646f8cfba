import { useMutation } from '@tanstack/react-query';
import { ButtonGroup, Heading, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AllocationPreview, historicalRequestCountInputSchema } from '../../../../contracts/hours.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { apiRequest } from '../../app/api.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * Past requests of a school in a year before Passend (R14: "counts entered for years before
 * Passend"). They count from the next computation on.
 */
export function HistoricalCountForm({ allocation }: { allocation: AllocationPreview }) {
  const { t } = useTranslation('hours');
  const schools = [...allocation.lines, ...allocation.excluded].sort((left, right) =>
    left.name.localeCompare(right.name, 'nl'),
  );
  const [locationId, setLocationId] = useState('');
  const [schoolYear, setSchoolYear] = useState('');
  const [count, setCount] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      const checked = validate(historicalRequestCountInputSchema, {
        count: count.trim() === '' ? Number.NaN : Number(count),
      });
      if (!checked.ok) throw checked.errors;
      const missing = [
        ...(locationId ? [] : [{ path: 'locationId', code: 'required' }]),
        ...(schoolYear ? [] : [{ path: 'schoolYear', code: 'required' }]),
      ];
      if (missing.length > 0)
        throw { form: { code: 'validation_failed' }, fields: missing } satisfies FormErrors;
      await apiRequest('PUT', `/api/locations/${locationId}/historical-requests/${schoolYear}`, {
        body: checked.value,
      });
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      setSaved(true);
    },
    onError: (error) => {
      setSaved(false);
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      );
    },
  });
  return (
    <>
      <Heading level={2}>{t('history.heading')}</Heading>
      <Paragraph>{t('history.intro')}</Paragraph>
      <Form errors={errors} fields={['locationId', 'schoolYear', 'count']} onSubmit={() => save.mutate()}>
        <SelectField
          name="locationId"
          label={t('history.school')}
          placeholder={t('history.chooseSchool')}
          value={locationId}
          onChange={setLocationId}
          choices={schools.map((school) => ({ value: school.locationId, label: school.name }))}
          error={moduleMessageFor('hours', errors, 'locationId')}
        />
        <SelectField
          name="schoolYear"
          label={t('history.schoolYear')}
          placeholder={t('history.chooseYear')}
          value={schoolYear}
          onChange={setSchoolYear}
          choices={allocation.referenceSchoolYears.map((year) => ({
            value: String(year),
            label: formatSchoolYear(year),
          }))}
          error={moduleMessageFor('hours', errors, 'schoolYear')}
        />
        <TextField
          name="count"
          inputMode="numeric"
          label={t('history.count')}
          value={count}
          onChange={setCount}
          error={moduleMessageFor('hours', errors, 'count')}
        />
        {saved && <Paragraph role="status">{t('history.saved')}</Paragraph>}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('history.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
