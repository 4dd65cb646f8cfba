import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type AttendanceExpectation,
  type AttendancePeriod,
  type AttendanceVisit,
  attendanceExpectationSchema,
  attendanceExpectationsInputSchema,
  attendancePeriodSchema,
} from '../../../../contracts/attendance.ts';
import { amsterdamDateOf } from '../../../../contracts/school-year.ts';
import { type VisitReason, visitReasons } from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useSectionListParams } from '../trajectories/section-params.ts';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { ActionError } from './ActionError.tsx';
import { attendanceKeys } from './attendance.api.ts';
import { clockOf, useDuration, useReasonLabel, weekdayKeys } from './labels.ts';
import './attendance.css';

const pageSize = 20;

/**
 * The trajectory page's attendance part (E3, E7): the pupil's weekly expected times (the VSO teacher
 * edits them) and the overview of a period with totals per reason and the stays themselves. The
 * period and the page are in the address.
 */
export function AttendanceSection({ trajectoryId, status }: TrajectorySectionProps) {
  const { t } = useTranslation('attendance');
  const headingId = useId();
  const params = useSectionListParams({ van: '', tot: '' });
  const from = params.filters.van || undefined;
  const to = params.filters.tot || undefined;
  const overview = useQuery({
    queryKey: attendanceKeys.period(trajectoryId, { from, to, page: params.page }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/attendance`, { from, to, page: params.page, pageSize }),
        attendancePeriodSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('attendance.section.heading')}
      </Heading>
      <Paragraph>{t('attendance.section.intro')}</Paragraph>
      {overview.error && <ActionError error={overview.error} />}
      {overview.isPending && <Paragraph role="status">{t('attendance.loading')}</Paragraph>}
      {data && (
        <>
          <Heading level={3}>{t('attendance.section.expectationsHeading')}</Heading>
          <ExpectationList expectations={data.expectations} />
          {data.canManage && (status === 'active' || status === 'eligible') && (
            <ExpectationEditor trajectoryId={trajectoryId} expectations={data.expectations} />
          )}

          <Heading level={3}>{t('attendance.section.periodHeading')}</Heading>
          <PeriodFilter
            from={data.from}
            to={data.to}
            onApply={(period) => params.setFilters({ van: period.from, tot: period.to })}
          />
          {data.total === 0 ? (
            <Paragraph>{t('attendance.section.empty')}</Paragraph>
          ) : (
            <>
              <Totals data={data} />
              <Visits data={data} />
              <Pagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onPageChange={params.setPage}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The period's two dates, applied together with the button: a date typed digit by digit would
 * otherwise ask for a period at every keystroke.
 */
function PeriodFilter({
  from,
  to,
  onApply,
}: {
  from: string;
  to: string;
  onApply: (period: { from: string; to: string }) => void;
}) {
  const { t } = useTranslation('attendance');
  const [draft, setDraft] = useState({ from, to });
  // The address is the truth: another period there (back button, a link) fills the fields again.
  useEffect(() => setDraft({ from, to }), [from, to]);
  return (
    <ListToolbar>
      <TextField
        name="van"
        type="date"
        label={t('attendance.section.from')}
        required={false}
        value={draft.from}
        onChange={(value) => setDraft((current) => ({ ...current, from: value }))}
      />
      <TextField
        name="tot"
        type="date"
        label={t('attendance.section.to')}
        required={false}
        value={draft.to}
        onChange={(value) => setDraft((current) => ({ ...current, to: value }))}
      />
      {/* The toolbar's form submits with Enter too: this button is its default. */}
      <SecondaryActionButton type="submit" onClick={() => onApply(draft)}>
        {t('attendance.section.show')}
      </SecondaryActionButton>
    </ListToolbar>
  );
}

function Totals({ data }: { data: AttendancePeriod }) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const duration = useDuration();
  const reasonLabel = useReasonLabel();
  type Total = AttendancePeriod['totals'][number];
  const columns: Column<Total>[] = [
    {
      key: 'reason',
      header: t('attendance.section.reason'),
      rowHeader: true,
      cell: (row) => reasonLabel(row.reason),
    },
    {
      key: 'visits',
      header: t('attendance.section.visits'),
      numeric: true,
      width: '6rem',
      cell: (row) => format.number(row.visits),
    },
    {
      key: 'time',
      header: t('attendance.section.time'),
      numeric: true,
      nowrap: true,
      width: '9rem',
      cell: (row) => duration(row.minutes),
    },
  ];
  return (
    <DataTable
      caption={t('attendance.section.totalsCaption', {
        from: format.date(data.from),
        to: format.date(data.to),
      })}
      columns={columns}
      rows={data.totals}
      rowKey={(row) => row.reason}
      empty={t('attendance.section.empty')}
      // Three short columns fit a phone: the totals stay a grid to compare.
      stackOnSmallScreens={false}
      footer={
        <TableRow>
          <TableHeaderCell scope="row">{t('attendance.section.total')}</TableHeaderCell>
          <TableCell className="passend-cell--numeric">
            {format.number(data.totals.reduce((sum, row) => sum + row.visits, 0))}
          </TableCell>
          <TableCell className="passend-cell--numeric passend-nowrap">
            {duration(data.totalMinutes)}
          </TableCell>
        </TableRow>
      }
    />
  );
}

function Visits({ data }: { data: AttendancePeriod }) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const duration = useDuration();
  const reasonLabel = useReasonLabel();
  const columns: Column<AttendanceVisit>[] = [
    {
      key: 'day',
      header: t('attendance.section.day'),
      rowHeader: true,
      nowrap: true,
      cell: (visit) => format.date(amsterdamDateOf(new Date(visit.checkedInAt))),
    },
    {
      key: 'reason',
      header: t('attendance.section.reason'),
      keepWithTitle: true,
      cell: (visit) => reasonLabel(visit.reason),
    },
    {
      key: 'in',
      header: t('attendance.section.checkedIn'),
      nowrap: true,
      cell: (visit) => clockOf(visit.checkedInAt),
    },
    {
      key: 'out',
      header: t('attendance.section.checkedOut'),
      nowrap: true,
      cell: (visit) =>
        visit.checkedOutAt ? clockOf(visit.checkedOutAt) : t('attendance.section.stillPresent'),
    },
    {
      key: 'time',
      header: t('attendance.section.time'),
      numeric: true,
      nowrap: true,
      cell: (visit) => (visit.minutes === null ? '—' : duration(visit.minutes)),
    },
    { key: 'note', header: t('attendance.section.note'), cell: (visit) => visit.note ?? '' },
  ];
  return (
    <DataTable
      caption={t('attendance.section.visitsCaption', {
        from: format.date(data.from),
        to: format.date(data.to),
      })}
      columns={columns}
      rows={data.items}
      rowKey={(visit) => visit.id}
      empty={t('attendance.section.empty')}
    />
  );
}

function ExpectationList({ expectations }: { expectations: AttendanceExpectation[] }) {
  const { t } = useTranslation('attendance');
  const reasonLabel = useReasonLabel();
  const columns: Column<AttendanceExpectation>[] = [
    {
      key: 'weekday',
      header: t('attendance.section.weekday'),
      rowHeader: true,
      cell: (expectation) => t(`attendance.weekdays.${weekdayKeys[expectation.weekday - 1] ?? 'mon'}`),
    },
    { key: 'start', header: t('attendance.section.start'), nowrap: true, cell: (row) => row.startTime },
    { key: 'end', header: t('attendance.section.end'), nowrap: true, cell: (row) => row.endTime },
    { key: 'reason', header: t('attendance.section.reason'), cell: (row) => reasonLabel(row.reason) },
  ];
  if (expectations.length === 0) return <Paragraph>{t('attendance.section.expectationsEmpty')}</Paragraph>;
  return (
    <DataTable
      caption={t('attendance.section.expectationsCaption')}
      columns={columns}
      rows={expectations}
      rowKey={(expectation) => expectation.id}
      empty={t('attendance.section.expectationsEmpty')}
    />
  );
}

type DraftTime = { key: number; weekday: string; startTime: string; endTime: string; reason: string };

/** The weekly expected times as one form: add, change or remove times, then save them all (E3). */
function ExpectationEditor({
  trajectoryId,
  expectations,
}: {
  trajectoryId: string;
  expectations: AttendanceExpectation[];
}) {
  const { t } = useTranslation('attendance');
  const reasonLabel = useReasonLabel();
  const queryClient = useQueryClient();
  const nextKey = useRef(expectations.length);
  const form = useContractForm({
    schema: attendanceExpectationsInputSchema,
    initial: () => ({
      times: expectations.map(
        (expectation, key): DraftTime => ({
          key,
          weekday: String(expectation.weekday),
          startTime: expectation.startTime,
          endTime: expectation.endTime,
          reason: expectation.reason,
        }),
      ),
    }),
    toInput: (values) => ({
      expectations: values.times.map((time) => ({
        weekday: time.weekday ? Number(time.weekday) : undefined,
        startTime: time.startTime,
        endTime: time.endTime,
        reason: time.reason || undefined,
      })),
    }),
    namespace: 'attendance',
    send: (input) =>
      api.put(
        `/api/trajectories/${trajectoryId}/attendance-expectations`,
        input,
        z.array(attendanceExpectationSchema),
      ),
    successNotice: t('attendance.section.saved'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.all }),
  });
  const times = form.values.times;
  // The form's rows are `times`, the contract's `expectations`: the same index, so the same problems.
  const bind = (index: number, key: Exclude<keyof DraftTime, 'key'>, kind?: 'choice') => ({
    ...form.field(`expectations.${index}.${key}`, kind),
    value: times[index]?.[key] ?? '',
    onChange: (value: string) => form.set(`times.${index}.${key}`, value),
  });

  return (
    <>
      <Heading level={4}>{t('attendance.section.editHeading')}</Heading>
      <ContractForm form={form}>
        {times.map((time, index) => (
          <Fieldset key={time.key} className="passend-fieldset-card">
            <FieldsetLegend>
              {t('attendance.section.expectationLegend', { number: index + 1 })}
            </FieldsetLegend>
            <div className="passend-att-expectation">
              <SelectField
                label={t('attendance.section.weekday')}
                placeholder={t('attendance.section.weekday')}
                choices={weekdayKeys.map((key, position) => ({
                  value: String(position + 1),
                  label: t(`attendance.weekdays.${key}`),
                }))}
                {...bind(index, 'weekday', 'choice')}
              />
              <TextField type="time" label={t('attendance.section.start')} {...bind(index, 'startTime')} />
              <TextField type="time" label={t('attendance.section.end')} {...bind(index, 'endTime')} />
              <SelectField
                label={t('attendance.section.reason')}
                placeholder={t('attendance.section.reason')}
                choices={visitReasons.map((reason: VisitReason) => ({
                  value: reason,
                  label: reasonLabel(reason),
                }))}
                {...bind(index, 'reason', 'choice')}
              />
            </div>
            <Button
              type="button"
              appearance="subtle-button"
              onClick={() =>
                form.set(
                  'times',
                  times.filter((other) => other.key !== time.key),
                )
              }
            >
              {t('attendance.section.removeTime', { number: index + 1 })}
            </Button>
          </Fieldset>
        ))}
        <ButtonGroup>
          <SecondaryActionButton
            type="button"
            onClick={() => {
              nextKey.current += 1;
              form.set('times', [
                ...times,
                { key: nextKey.current, weekday: '', startTime: '', endTime: '', reason: 'planned' },
              ]);
            }}
          >
            {t('attendance.section.addTime')}
          </SecondaryActionButton>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('attendance.section.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </>
  );
}
