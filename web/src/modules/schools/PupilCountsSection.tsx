import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type LocationDetail,
  type PupilCount,
  pupilCountInputSchema,
  pupilCountSchema,
} from '../../../../contracts/locations.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { apiRequest } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { useRowButtons } from '../../ui/table/row-buttons.ts';
import { schoolsKeys } from './schools.api.ts';

type PupilCountsSectionProps = { location: LocationDetail; canManage: boolean };

/** The pupils on 1 October per school year (R14), newest first; managers enter, change and remove them. */
export function PupilCountsSection({ location, canManage }: PupilCountsSectionProps) {
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  const { number } = useFormatters();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const deleteButtons = useRowButtons<number>();

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
      await refresh();
      setStatus(t('pupilCounts.deleted', { year: formatSchoolYear(schoolYear) }));
    },
  });
  const cancelDelete = (schoolYear: number) => {
    setConfirming(null);
    // Back to the row's button the question was asked from.
    deleteButtons.focus(schoolYear);
  };

  const columns: Column<PupilCount>[] = [
    {
      key: 'year',
      header: t('pupilCounts.columnYear'),
      cell: (count) => formatSchoolYear(count.schoolYear),
      rowHeader: true,
      nowrap: true,
    },
    {
      key: 'pupils',
      header: t('pupilCounts.columnPupils'),
      cell: (count) => number(count.pupils),
      numeric: true,
      keepWithTitle: true,
    },
    {
      key: 'source',
      header: t('pupilCounts.columnSource'),
      cell: (count) =>
        count.source === 'manual' ? t('pupilCounts.sourceManual') : t('pupilCounts.sourceImport'),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            header: t('pupilCounts.columnActions'),
            cell: (count: PupilCount) => (
              <Button
                ref={deleteButtons.refFor(count.schoolYear)}
                type="button"
                appearance="subtle-button"
                aria-haspopup="dialog"
                aria-label={t('pupilCounts.deleteLabel', { year: formatSchoolYear(count.schoolYear) })}
                onClick={() => {
                  setStatus(null);
                  remove.reset();
                  setConfirming(count.schoolYear);
                }}
              >
                {t('pupilCounts.delete')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('pupilCounts.heading')}</Heading2>
      <Paragraph>{t('pupilCounts.intro')}</Paragraph>
      {status && (
        <Alert type="ok" role="status">
          {status}
        </Alert>
      )}
      {remove.error && confirming === null && <ErrorAlert errors={formErrorsFrom(remove.error)} />}
      <DataTable
        caption={<span className="passend-visually-hidden">{t('pupilCounts.caption')}</span>}
        columns={columns}
        rows={location.pupilCounts}
        rowKey={(count) => String(count.schoolYear)}
        empty={t('pupilCounts.empty')}
      />
      {confirming !== null && (
        <ConfirmDialog
          title={t('pupilCounts.confirmDeleteTitle', { year: formatSchoolYear(confirming) })}
          confirmLabel={t('pupilCounts.delete')}
          cancelLabel={common('common.cancel')}
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate(confirming)}
          onCancel={() => cancelDelete(confirming)}
        >
          {remove.error && <ErrorAlert errors={formErrorsFrom(remove.error)} />}
          <Paragraph>{t('pupilCounts.confirmDelete', { year: formatSchoolYear(confirming) })}</Paragraph>
        </ConfirmDialog>
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

/** The count of one school year: the year goes in the address, the number in the body. */
const pupilCountFormSchema = pupilCountInputSchema.extend({ schoolYear: z.number().int() });

type PupilCountFormProps = { location: LocationDetail; onSaved: (schoolYear: number) => Promise<void> };

function PupilCountForm({ location, onSaved }: PupilCountFormProps) {
  const { t } = useTranslation('schools');
  const headingId = useId();
  const currentYear = schoolYearOf(todayInAmsterdam());
  // The coming year, this year and the past five, plus any older year that already has a count.
  const years = [
    ...new Set([
      ...Array.from({ length: 7 }, (_, index) => currentYear + 1 - index),
      ...location.pupilCounts.map((count) => count.schoolYear),
    ]),
  ].sort((a, b) => b - a);
  const form = useContractForm({
    schema: pupilCountFormSchema,
    initial: { schoolYear: String(currentYear), pupils: '' },
    namespace: 'schools',
    toInput: (values) => ({
      schoolYear: values.schoolYear === '' ? undefined : Number(values.schoolYear),
      pupils: values.pupils.trim() === '' ? undefined : Number(values.pupils.trim()),
    }),
    // Whole numbers of 0 or more only: "-3", "12,5" and "veel" are refused before they are sent.
    check: (values) =>
      values.pupils.trim() !== '' && !/^\d+$/.test(values.pupils.trim())
        ? [{ path: 'pupils', code: 'pupils_whole_number' }]
        : [],
    send: ({ schoolYear, pupils }) =>
      apiRequest('PUT', `/api/locations/${location.id}/pupil-counts/${schoolYear}`, {
        body: { pupils },
        schema: pupilCountSchema,
      }),
    onSuccess: async (count) => {
      form.set('pupils', '');
      await onSaved(count.schoolYear);
    },
  });

  return (
    <section className="passend-card" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{t('pupilCounts.formHeading')}</Heading3>
      <ContractForm form={form} aria-labelledby={headingId}>
        <SelectField
          label={t('pupilCounts.schoolYear')}
          placeholder={t('pupilCounts.schoolYearPlaceholder')}
          choices={years.map((year) => ({ value: String(year), label: formatSchoolYear(year) }))}
          {...form.field('schoolYear', 'choice')}
        />
        <TextField
          label={t('pupilCounts.pupils')}
          inputMode="numeric"
          autoComplete="off"
          {...form.field('pupils')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('pupilCounts.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}
