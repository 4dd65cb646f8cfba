import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Heading2, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  deletionLogPageSchema,
  type RetentionSchedule,
  retentionPreviewSchema,
  retentionScheduleInputSchema,
  retentionScheduleSchema,
} from '../../../../contracts/retention.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { DataTable } from '../../ui/table/DataTable.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { LegalHoldsSection } from './LegalHoldsSection.tsx';
import { retentionKeys } from './retention.api.ts';

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
  const schedule = useQuery({
    queryKey: retentionKeys.schedule,
    queryFn: ({ signal }) => api.get('/api/retention/schedule', retentionScheduleSchema, signal),
  });
  return (
    <section aria-labelledby="retention-schedule">
      <Heading2 id="retention-schedule">{t('retention.schedule.title')}</Heading2>
      <Paragraph>{t('retention.schedule.intro')}</Paragraph>
      {schedule.isError && <ErrorAlert errors={formErrorsFrom(schedule.error)} />}
      {schedule.data && <ScheduleForm schedule={schedule.data} canChange={canChange} />}
    </section>
  );
}

function ScheduleForm({ schedule, canChange }: { schedule: RetentionSchedule; canChange: boolean }) {
  const { t } = useTranslation('retention');
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: retentionScheduleInputSchema,
    initial: {
      periods: schedule.periods.map((period) => ({ kind: period.kind, amount: String(period.amount) })),
    },
    namespace: 'retention',
    toInput: (values) => ({
      periods: values.periods.map((period) => ({
        kind: period.kind,
        amount: Number(period.amount || Number.NaN),
      })),
    }),
    send: (input) => api.put('/api/retention/schedule', input, retentionScheduleSchema),
    successNotice: t('retention.schedule.saved'),
    onSuccess: (data) => {
      queryClient.setQueryData(retentionKeys.schedule, data);
      void queryClient.invalidateQueries({ queryKey: retentionKeys.preview });
    },
  });
  return (
    <ContractForm form={form}>
      {schedule.periods.map((period, index) => (
        <TextField
          key={period.kind}
          type="number"
          inputMode="numeric"
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
          {...form.field(`periods.${index}.amount`)}
          // The bounds differ per kind; the contract checks them on the server, the page shows them.
          min={period.min}
          max={period.max}
        />
      ))}
      {canChange && (
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('retention.schedule.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      )}
    </ContractForm>
  );
}

function PreviewSection() {
  const { t } = useTranslation('retention');
  const format = useFormatters();
  const preview = useQuery({
    queryKey: retentionKeys.preview,
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
          <DataTable
            caption={t('retention.preview.kindsCaption')}
            rows={preview.data.kinds}
            rowKey={(kind) => kind.kind}
            empty={t('retention.preview.noFiles')}
            columns={[
              {
                key: 'kind',
                header: t('retention.preview.columnKind'),
                rowHeader: true,
                cell: (kind) => t(`retention.kinds.${kind.kind}`),
              },
              {
                key: 'due',
                header: t('retention.preview.columnDue'),
                numeric: true,
                cell: (kind) => format.number(kind.due),
              },
              {
                key: 'upcoming',
                header: t('retention.preview.columnUpcoming'),
                numeric: true,
                cell: (kind) => format.number(kind.upcoming),
              },
              {
                key: 'held',
                header: t('retention.preview.columnHeld'),
                numeric: true,
                cell: (kind) => format.number(kind.held),
              },
            ]}
          />
          {preview.data.filesTruncated && <Paragraph>{t('retention.preview.truncated')}</Paragraph>}
          <DataTable
            caption={t('retention.preview.filesCaption')}
            rows={preview.data.files.map((file, index) => ({
              ...file,
              key: `${file.kind}-${file.reference ?? index}-${file.deleteOn}`,
            }))}
            rowKey={(file) => file.key}
            empty={t('retention.preview.noFiles')}
            columns={[
              {
                key: 'deleteOn',
                header: t('retention.preview.columnDeleteOn'),
                nowrap: true,
                rowHeader: true,
                cell: (file) => format.date(file.deleteOn),
              },
              {
                key: 'kind',
                header: t('retention.preview.columnKind'),
                cell: (file) => t(`retention.kinds.${file.kind}`),
              },
              {
                key: 'reference',
                header: t('retention.preview.columnReference'),
                nowrap: true,
                cell: (file) => file.reference ?? '—',
              },
              { key: 'school', header: t('retention.preview.columnSchool'), cell: (file) => file.location },
              {
                key: 'hold',
                header: t('retention.preview.columnHold'),
                keepWithTitle: true,
                cell: (file) => (file.held ? t('retention.preview.held') : '—'),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

function DeletionLogSection() {
  const { t } = useTranslation('retention');
  const format = useFormatters();
  const list = useListParams({});
  const log = useQuery({
    queryKey: retentionKeys.deletionLog(list.page),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/retention/deletion-log', { page: list.page }), deletionLogPageSchema, signal),
  });
  return (
    <section aria-labelledby="retention-log">
      <Heading2 id="retention-log">{t('retention.log.title')}</Heading2>
      <Paragraph>{t('retention.log.intro')}</Paragraph>
      {log.isError && <ErrorAlert errors={formErrorsFrom(log.error)} />}
      {log.data && (
        <>
          <DataTable
            caption={t('retention.log.caption')}
            rows={log.data.items}
            rowKey={(item) => `${item.day}-${item.kind}`}
            empty={t('retention.log.none')}
            busy={log.isFetching}
            columns={[
              {
                key: 'day',
                header: t('retention.log.columnDay'),
                rowHeader: true,
                nowrap: true,
                cell: (item) => format.date(item.day),
              },
              {
                key: 'kind',
                header: t('retention.preview.columnKind'),
                cell: (item) => t(`retention.kinds.${item.kind}`),
              },
              {
                key: 'count',
                header: t('retention.log.columnCount'),
                numeric: true,
                cell: (item) => format.number(item.count),
              },
              {
                key: 'batches',
                header: t('retention.log.columnBatches'),
                numeric: true,
                cell: (item) => format.number(item.batches),
              },
            ]}
          />
          <Pagination
            page={log.data.page}
            pageSize={log.data.pageSize}
            total={log.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
    </section>
  );
}
