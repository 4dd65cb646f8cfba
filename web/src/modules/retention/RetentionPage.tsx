import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deletionLogPageSchema,
  type RetentionSchedule,
  retentionPreviewSchema,
  retentionScheduleInputSchema,
  retentionScheduleSchema,
} from '../../../../contracts/retention.ts';
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { hasPermission, useSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { LegalHoldsSection } from './LegalHoldsSection.tsx';

/**
 * `/privacy/bewaren`: how long the partnership keeps each kind of data, what goes within 30 days, the
 * legal holds that keep one pupil's files, and the log of what the nightly run deleted (P4). No file
 * content anywhere: files are named by reference and school.
 */
export function RetentionPage() {
  const { t } = useTranslation('retention');
  const session = useSession();
  return (
    <>
      <PageHeading>{t('retention.title')}</PageHeading>
      <Paragraph lead>{t('retention.intro')}</Paragraph>
      <ScheduleSection canChange={hasPermission(session.data, 'retention.configure')} />
      <PreviewSection />
      {hasPermission(session.data, 'retention.hold') && <LegalHoldsSection />}
      <DeletionLogSection />
    </>
  );
}

function ScheduleSection({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation('retention');
  const queryClient = useQueryClient();
  const schedule = useQuery({
    queryKey: ['retention', 'schedule'],
    queryFn: ({ signal }) => api.get('/api/retention/schedule', retentionScheduleSchema, signal),
  });
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (schedule.data) setAmounts(amountsOf(schedule.data));
  }, [schedule.data]);
  const save = useMutation({
    mutationFn: (body: unknown) =>
      apiRequest('PUT', '/api/retention/schedule', { body, schema: retentionScheduleSchema }),
    onSuccess: (data) => {
      queryClient.setQueryData(['retention', 'schedule'], data);
      void queryClient.invalidateQueries({ queryKey: ['retention', 'preview'] });
      setSaved(true);
    },
  });
  const periods = schedule.data?.periods ?? [];
  const errors = clientErrors ?? (save.error ? formErrorsFrom(save.error) : noFormErrors);
  const submit = () => {
    setSaved(false);
    const input = {
      periods: periods.map((period) => ({ kind: period.kind, amount: Number(amounts[period.kind] ?? '') })),
    };
    const checked = validate(retentionScheduleInputSchema, input);
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors(null);
    save.mutate(checked.value);
  };
  return (
    <section aria-labelledby="retention-schedule">
      <Heading2 id="retention-schedule">{t('retention.schedule.title')}</Heading2>
      <Paragraph>{t('retention.schedule.intro')}</Paragraph>
      {schedule.isError && <ErrorAlert errors={formErrorsFrom(schedule.error)} />}
      {schedule.data && (
        <Form errors={errors} fields={periods.map((_, index) => `periods.${index}.amount`)} onSubmit={submit}>
          {periods.map((period, index) => (
            <TextField
              key={period.kind}
              name={`periods.${index}.amount`}
              type="number"
              inputMode="numeric"
              min={period.min}
              max={period.max}
              readOnly={!canChange}
              label={t('retention.schedule.amountLabel', {
                kind: t(`retention.kinds.${period.kind}`),
                unit: t(`retention.units.${period.unit}`),
              })}
              description={t(`retention.schedule.when.${period.kind}`, {
                standard: period.standard,
                min: period.min,
                max: period.max,
                unit: t(`retention.units.${period.unit}`),
              })}
              value={amounts[period.kind] ?? ''}
              onChange={(value) => {
                setSaved(false);
                setAmounts((current) => ({ ...current, [period.kind]: value }));
              }}
              error={moduleMessageFor('retention', errors, `periods.${index}.amount`)}
            />
          ))}
          {saved && <Paragraph role="status">{t('retention.schedule.saved')}</Paragraph>}
          {canChange && (
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={save.isPending}>
                {t('retention.schedule.save')}
              </PrimaryActionButton>
            </ButtonGroup>
          )}
        </Form>
      )}
    </section>
  );
}

function amountsOf(schedule: RetentionSchedule): Record<string, string> {
  return Object.fromEntries(schedule.periods.map((period) => [period.kind, String(period.amount)]));
}

function PreviewSection() {
  const { t } = useTranslation('retention');
  const format = useFormatters();
  const preview = useQuery({
    queryKey: ['retention', 'preview'],
    queryFn: ({ signal }) => api.get('/api/retention/preview', retentionPreviewSchema, signal),
  });
  return (
    <section aria-labelledby="retention-preview">
      <Heading2 id="retention-preview">{t('retention.preview.title')}</Heading2>
      {preview.isError && <ErrorAlert errors={formErrorsFrom(preview.error)} />}
      {preview.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {preview.data && (
        <>
          <Paragraph>
            {t('retention.preview.intro', { horizon: format.date(preview.data.horizon) })}
          </Paragraph>
          <ScrollTable caption={t('retention.preview.kindsCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('retention.preview.columnKind')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-number-cell">
                  {t('retention.preview.columnDue')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-number-cell">
                  {t('retention.preview.columnUpcoming')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-number-cell">
                  {t('retention.preview.columnHeld')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.data.kinds.map((kind) => (
                <TableRow key={kind.kind}>
                  <TableHeaderCell scope="row">{t(`retention.kinds.${kind.kind}`)}</TableHeaderCell>
                  <TableCell className="passend-number-cell">{format.number(kind.due)}</TableCell>
                  <TableCell className="passend-number-cell">{format.number(kind.upcoming)}</TableCell>
                  <TableCell className="passend-number-cell">{format.number(kind.held)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          {preview.data.filesTruncated && <Paragraph>{t('retention.preview.truncated')}</Paragraph>}
          <ScrollTable caption={t('retention.preview.filesCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('retention.preview.columnDeleteOn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('retention.preview.columnKind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('retention.preview.columnReference')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('retention.preview.columnSchool')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('retention.preview.columnHold')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.data.files.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>{t('retention.preview.noFiles')}</TableCell>
                </TableRow>
              )}
              {preview.data.files.map((file, index) => (
                <TableRow key={`${file.kind}-${file.reference ?? index}-${file.deleteOn}`}>
                  <TableCell className="passend-nowrap">{format.date(file.deleteOn)}</TableCell>
                  <TableCell>{t(`retention.kinds.${file.kind}`)}</TableCell>
                  <TableCell className="passend-nowrap">{file.reference ?? '—'}</TableCell>
                  <TableCell>{file.location}</TableCell>
                  <TableCell>{file.held ? t('retention.preview.held') : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        </>
      )}
    </section>
  );
}

function DeletionLogSection() {
  const { t } = useTranslation('retention');
  const format = useFormatters();
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: ['retention', 'deletion-log', page],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/retention/deletion-log', { page }), deletionLogPageSchema, signal),
  });
  return (
    <section aria-labelledby="retention-log">
      <Heading2 id="retention-log">{t('retention.log.title')}</Heading2>
      <Paragraph>{t('retention.log.intro')}</Paragraph>
      {log.isError && <ErrorAlert errors={formErrorsFrom(log.error)} />}
      {log.data && (
        <>
          <ScrollTable caption={t('retention.log.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('retention.log.columnDay')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('retention.preview.columnKind')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-number-cell">
                  {t('retention.log.columnCount')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="passend-number-cell">
                  {t('retention.log.columnBatches')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {log.data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>{t('retention.log.none')}</TableCell>
                </TableRow>
              )}
              {log.data.items.map((item) => (
                <TableRow key={`${item.day}-${item.kind}`}>
                  <TableCell className="passend-nowrap">{format.date(item.day)}</TableCell>
                  <TableCell>{t(`retention.kinds.${item.kind}`)}</TableCell>
                  <TableCell className="passend-number-cell">{format.number(item.count)}</TableCell>
                  <TableCell className="passend-number-cell">{format.number(item.batches)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <Pagination
            page={log.data.page}
            pageSize={log.data.pageSize}
            total={log.data.total}
            onPageChange={setPage}
          />
        </>
      )}
    </section>
  );
}
