import { ButtonGroup, Heading, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { schoolYearSchema } from '../../../../contracts/fields.ts';
import { type AllocationPreview, historicalRequestCountInputSchema } from '../../../../contracts/hours.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { api } from '../../app/api.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

// The count is the body; school and school year are the address it is sent to, checked as the route does.
const historicalCountFormSchema = historicalRequestCountInputSchema.extend({
  locationId: z.uuid(),
  schoolYear: schoolYearSchema,
});

/** The number of requests as typed; nothing typed is no answer rather than zero. */
function countOf(typed: string): number | undefined {
  return typed.trim() === '' ? undefined : Number(typed.trim());
}

/**
 * Past requests of a school in a year before Passend ("counts entered for years before Passend").
 * They count from the next computation on.
 */
export function HistoricalCountForm({ allocation }: { allocation: AllocationPreview }) {
  const { t } = useTranslation('hours');
  const headingId = useId();
  const schools = [...allocation.lines, ...allocation.excluded].sort((left, right) =>
    left.name.localeCompare(right.name, 'nl'),
  );
  const form = useContractForm({
    schema: historicalCountFormSchema,
    namespace: 'hours',
    initial: { locationId: '', schoolYear: '', count: '' },
    toInput: (values) => ({
      locationId: values.locationId || undefined,
      schoolYear: values.schoolYear || undefined,
      count: countOf(values.count),
    }),
    send: ({ locationId, schoolYear, count }) =>
      api.put(`/api/locations/${locationId}/historical-requests/${schoolYear}`, { count }),
    successNotice: t('history.saved'),
  });
  return (
    <>
      <Heading level={2} id={headingId}>
        {t('history.heading')}
      </Heading>
      <Paragraph>{t('history.intro')}</Paragraph>
      <ContractForm form={form} aria-labelledby={headingId}>
        <SelectField
          label={t('history.school')}
          placeholder={t('history.chooseSchool')}
          choices={schools.map((school) => ({ value: school.locationId, label: school.name }))}
          {...form.field('locationId', 'choice')}
        />
        <SelectField
          label={t('history.schoolYear')}
          placeholder={t('history.chooseYear')}
          choices={allocation.referenceSchoolYears.map((year) => ({
            value: String(year),
            label: formatSchoolYear(year),
          }))}
          {...form.field('schoolYear', 'choice')}
        />
        <TextField inputMode="numeric" label={t('history.count')} {...form.field('count')} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('history.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </>
  );
}
