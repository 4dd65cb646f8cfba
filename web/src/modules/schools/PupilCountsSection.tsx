import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LocationDetail, pupilCountSchema } from '../../../../contracts/locations.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { apiRequest } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, fieldError, formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { schoolsKeys, useFieldMessage, withFieldSummary } from './schools.api.ts';

type PupilCountsSectionProps = { location: LocationDetail; canManage: boolean };

/** The pupils on 1 October per school year (R14), newest first; managers enter, change and remove them. */
export function PupilCountsSection({ location, canManage }: PupilCountsSectionProps) {
  const { t } = useTranslation('schools');
  const { number } = useFormatters();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [deleteErrors, setDeleteErrors] = useState<FormErrors>(noFormErrors);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: schoolsKeys.detail(location.id) }),
      queryClient.invalidateQueries({ queryKey: schoolsKeys.lists }),
    ]);
  const remove = useMutation({
    mutationFn: (schoolYear: number) =>
      apiRequest('DELETE', `/api/locations/${location.id}/pupil-counts/${schoolYear}`),
    onSuccess: async (_result, schoolYear) => {
      setConfirming(null);
      setDeleteErrors(noFormErrors);
      await refresh();
      setStatus(t('pupilCounts.deleted', { year: formatSchoolYear(schoolYear) }));
    },
    onError: (error) => setDeleteErrors(formErrorsFrom(error)),
  });

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('pupilCounts.heading')}</Heading2>
      <Paragraph>{t('pupilCounts.intro')}</Paragraph>
      {status && (
        <Alert type="ok" role="status">
          {status}
        </Alert>
      )}
      <ErrorAlert errors={deleteErrors} />
      {location.pupilCounts.length === 0 ? (
        <Paragraph>{t('pupilCounts.empty')}</Paragraph>
      ) : (
        <div className="passend-table-scroll">
          <Table>
            <TableCaption className="passend-visually-hidden">{t('pupilCounts.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('pupilCounts.columnYear')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-number-cell">
                  {t('pupilCounts.columnPupils')}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t('pupilCounts.columnSource')}</TableHeaderCell>
                {canManage && <TableHeaderCell scope="col">{t('pupilCounts.columnActions')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {location.pupilCounts.map((count) => {
                const year = formatSchoolYear(count.schoolYear);
                return (
                  <TableRow key={count.schoolYear}>
                    <TableHeaderCell scope="row">{year}</TableHeaderCell>
                    <TableCell className="passend-number-cell">{number(count.pupils)}</TableCell>
                    <TableCell>
                      {count.source === 'manual'
                        ? t('pupilCounts.sourceManual')
                        : t('pupilCounts.sourceImport')}
                    </TableCell>
                    {canManage && (
                      <TableCell>
                        {confirming === count.schoolYear ? (
                          <>
                            <Paragraph>{t('pupilCounts.confirmDelete', { year })}</Paragraph>
                            <ButtonGroup>
                              <Button
                                type="button"
                                appearance="secondary-action-button"
                                busy={remove.isPending}
                                onClick={() => !remove.isPending && remove.mutate(count.schoolYear)}
                              >
                                {t('pupilCounts.confirmYes')}
                              </Button>
                              <Button
                                type="button"
                                appearance="subtle-button"
                                onClick={() => setConfirming(null)}
                              >
                                {t('pupilCounts.confirmNo')}
                              </Button>
                            </ButtonGroup>
                          </>
                        ) : (
                          <Button
                            type="button"
                            appearance="subtle-button"
                            aria-label={t('pupilCounts.deleteLabel', { year })}
                            onClick={() => {
                              setStatus(null);
                              setConfirming(count.schoolYear);
                            }}
                          >
                            {t('pupilCounts.delete')}
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {canManage && (
        <PupilCountForm
          location={location}
          onSaved={async (schoolYear) => {
            await refresh();
            setStatus(t('pupilCounts.saved', { year: formatSchoolYear(schoolYear) }));
          }}
        />
      )}
    </section>
  );
}

type PupilCountFormProps = { location: LocationDetail; onSaved: (schoolYear: number) => Promise<void> };

function PupilCountForm({ location, onSaved }: PupilCountFormProps) {
  const { t } = useTranslation('schools');
  const messageFor = useFieldMessage();
  const headingId = useId();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const [schoolYear, setSchoolYear] = useState(String(currentYear));
  const [pupils, setPupils] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  // The coming year, this year and the past five, plus any older year that already has a count.
  const years = [
    ...new Set([
      ...Array.from({ length: 7 }, (_, index) => currentYear + 1 - index),
      ...location.pupilCounts.map((count) => count.schoolYear),
    ]),
  ].sort((a, b) => b - a);

  const save = useMutation({
    mutationFn: (input: { schoolYear: number; pupils: number }) =>
      apiRequest('PUT', `/api/locations/${location.id}/pupil-counts/${input.schoolYear}`, {
        body: { pupils: input.pupils },
        schema: pupilCountSchema,
      }),
    onSuccess: async (count) => {
      setErrors(noFormErrors);
      setPupils('');
      await onSaved(count.schoolYear);
    },
    onError: (error) => setErrors(withFieldSummary(formErrorsFrom(error))),
  });

  const submit = () => {
    if (save.isPending) return;
    const text = pupils.trim();
    if (text === '') return setErrors(fieldError('pupils', 'required'));
    // Whole numbers of 0 or more only: "-3", "12,5" and "veel" are refused before they are sent.
    if (!/^\d{1,6}$/.test(text)) return setErrors(fieldError('pupils', 'pupils_whole_number'));
    setErrors(noFormErrors);
    save.mutate({ schoolYear: Number(schoolYear), pupils: Number(text) });
  };

  return (
    <section className="passend-card" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{t('pupilCounts.formHeading')}</Heading3>
      <Form errors={errors} fields={['schoolYear', 'pupils']} onSubmit={submit} aria-labelledby={headingId}>
        <SelectField
          name="schoolYear"
          label={t('pupilCounts.schoolYear')}
          placeholder={t('pupilCounts.schoolYearPlaceholder')}
          value={schoolYear}
          onChange={setSchoolYear}
          choices={years.map((year) => ({ value: String(year), label: formatSchoolYear(year) }))}
          error={messageFor(errors, 'schoolYear')}
        />
        <TextField
          name="pupils"
          label={t('pupilCounts.pupils')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={7}
          value={pupils}
          onChange={setPupils}
          error={messageFor(errors, 'pupils')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('pupilCounts.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}
