import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type AttendanceExpectation,
  attendanceExpectationSchema,
  attendanceExpectationsInputSchema,
  attendancePeriodSchema,
} from '../../../../contracts/attendance.ts';
import { amsterdamDateOf } from '../../../../contracts/school-year.ts';
import { type VisitReason, visitReasons } from '../../../../contracts/trajectories.ts';
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { clockOf, useDuration, useReasonLabel, weekdayKeys } from './labels.ts';
import './attendance.css';

const pageSize = 20;

/** Validation errors thrown by the form itself, or what the API answered. */
function errorsOf(error: unknown): FormErrors {
  return !(error instanceof Error) && 'fields' in (error as object)
    ? (error as FormErrors)
    : formErrorsFrom(error);
}

/**
 * The trajectory page's attendance part (E3, E7): the pupil's weekly expected times (the VSO teacher
 * edits them) and the overview of a period with totals per reason and the stays themselves.
 */
export function AttendanceSection({ trajectoryId, status }: TrajectorySectionProps) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const duration = useDuration();
  const reasonLabel = useReasonLabel();
  const headingId = useId();
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [page, setPage] = useState(1);
  const overview = useQuery({
    queryKey: ['attendance', 'period', trajectoryId, { ...period, page }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/attendance`, { ...period, page, pageSize }),
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
      {overview.error && <ErrorAlert errors={formErrorsFrom(overview.error)} />}
      {overview.isPending && <Paragraph role="status">{t('attendance.loading')}</Paragraph>}
      {data && (
        <>
          <Heading level={3}>{t('attendance.section.expectationsHeading')}</Heading>
          <ExpectationList expectations={data.expectations} />
          {data.canManage && (status === 'active' || status === 'eligible') && (
            <ExpectationEditor
              key={data.expectations.map((expectation) => expectation.id).join()}
              trajectoryId={trajectoryId}
              expectations={data.expectations}
            />
          )}

          <Heading level={3}>{t('attendance.section.periodHeading')}</Heading>
          <form
            className="passend-toolbar"
            onSubmit={(event) => {
              event.preventDefault();
              setPage(1);
              setPeriod({ from: draft.from || undefined, to: draft.to || undefined });
            }}
          >
            <TextField
              name="from"
              type="date"
              label={t('attendance.section.from')}
              required={false}
              value={draft.from || data.from}
              onChange={(from) => setDraft((current) => ({ ...current, from }))}
            />
            <TextField
              name="to"
              type="date"
              label={t('attendance.section.to')}
              required={false}
              value={draft.to || data.to}
              onChange={(to) => setDraft((current) => ({ ...current, to }))}
            />
            <ButtonGroup>
              <SecondaryActionButton type="submit">{t('attendance.section.show')}</SecondaryActionButton>
            </ButtonGroup>
          </form>
          {data.total === 0 ? (
            <Paragraph>{t('attendance.section.empty')}</Paragraph>
          ) : (
            <>
              <ScrollTable
                caption={t('attendance.section.totalsCaption', {
                  from: format.date(data.from),
                  to: format.date(data.to),
                })}
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('attendance.section.reason')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('attendance.section.visits')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('attendance.section.time')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.totals.map((row) => (
                    <TableRow key={row.reason}>
                      <TableHeaderCell scope="row">{reasonLabel(row.reason)}</TableHeaderCell>
                      <TableCell>{format.number(row.visits)}</TableCell>
                      <TableCell>{duration(row.minutes)}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow>
                    <TableHeaderCell scope="row">{t('attendance.section.total')}</TableHeaderCell>
                    <TableCell>
                      {format.number(data.totals.reduce((sum, row) => sum + row.visits, 0))}
                    </TableCell>
                    <TableCell>{duration(data.totalMinutes)}</TableCell>
                  </TableRow>
                </TableBody>
              </ScrollTable>
              <ScrollTable
                caption={t('attendance.section.visitsCaption', {
                  from: format.date(data.from),
                  to: format.date(data.to),
                })}
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('attendance.section.day')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('attendance.section.checkedIn')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('attendance.section.checkedOut')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('attendance.section.reason')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('attendance.section.time')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('attendance.section.note')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.items.map((visit) => (
                    <TableRow key={visit.id}>
                      <TableHeaderCell scope="row">
                        {format.date(amsterdamDateOf(new Date(visit.checkedInAt)))}
                      </TableHeaderCell>
                      <TableCell>{clockOf(visit.checkedInAt)}</TableCell>
                      <TableCell>
                        {visit.checkedOutAt
                          ? clockOf(visit.checkedOutAt)
                          : t('attendance.section.stillPresent')}
                      </TableCell>
                      <TableCell>{reasonLabel(visit.reason)}</TableCell>
                      <TableCell>{visit.minutes === null ? '—' : duration(visit.minutes)}</TableCell>
                      <TableCell>{visit.note ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </ScrollTable>
              <Pagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onPageChange={setPage}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

function ExpectationList({ expectations }: { expectations: AttendanceExpectation[] }) {
  const { t } = useTranslation('attendance');
  const reasonLabel = useReasonLabel();
  if (expectations.length === 0) return <Paragraph>{t('attendance.section.expectationsEmpty')}</Paragraph>;
  return (
    <ScrollTable caption={t('attendance.section.expectationsCaption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('attendance.section.weekday')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('attendance.section.start')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('attendance.section.end')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('attendance.section.reason')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {expectations.map((expectation) => (
          <TableRow key={expectation.id}>
            <TableHeaderCell scope="row">
              {t(`attendance.weekdays.${weekdayKeys[expectation.weekday - 1] ?? 'mon'}`)}
            </TableHeaderCell>
            <TableCell>{expectation.startTime}</TableCell>
            <TableCell>{expectation.endTime}</TableCell>
            <TableCell>{reasonLabel(expectation.reason)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
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
  const [times, setTimes] = useState<DraftTime[]>(
    expectations.map((expectation, key) => ({
      key,
      weekday: String(expectation.weekday),
      startTime: expectation.startTime,
      endTime: expectation.endTime,
      reason: expectation.reason,
    })),
  );
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      const checked = validate(attendanceExpectationsInputSchema, {
        expectations: times.map((time) => ({
          weekday: time.weekday ? Number(time.weekday) : undefined,
          startTime: time.startTime,
          endTime: time.endTime,
          reason: time.reason || undefined,
        })),
      });
      if (!checked.ok) throw checked.errors;
      return apiRequest('PUT', `/api/trajectories/${trajectoryId}/attendance-expectations`, {
        body: checked.value,
        schema: z.array(attendanceExpectationSchema),
      });
    },
    onSuccess: async () => {
      setErrors(noFormErrors);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['attendance'] });
    },
    onError: (error) => {
      setSaved(false);
      setErrors(errorsOf(error));
    },
  });
  const message = (path: string) => moduleMessageFor('attendance', errors, path);
  const update = (key: number, change: Partial<DraftTime>) =>
    setTimes((current) => current.map((time) => (time.key === key ? { ...time, ...change } : time)));
  const fields = times.flatMap((_time, index) =>
    ['weekday', 'startTime', 'endTime', 'reason'].map((field) => `expectations.${index}.${field}`),
  );

  return (
    <>
      <Heading level={4}>{t('attendance.section.editHeading')}</Heading>
      {saved && <Paragraph role="status">{t('attendance.section.saved')}</Paragraph>}
      <Form errors={errors} fields={fields} onSubmit={() => save.mutate()}>
        {times.map((time, index) => (
          <Fieldset key={time.key} className="passend-fieldset-card">
            <FieldsetLegend>
              {t('attendance.section.expectationLegend', { number: index + 1 })}
            </FieldsetLegend>
            <div className="passend-att-expectation">
              <SelectField
                name="weekday"
                label={t('attendance.section.weekday')}
                placeholder={t('attendance.section.weekday')}
                value={time.weekday}
                onChange={(weekday) => update(time.key, { weekday })}
                choices={weekdayKeys.map((key, position) => ({
                  value: String(position + 1),
                  label: t(`attendance.weekdays.${key}`),
                }))}
                error={message(`expectations.${index}.weekday`)}
              />
              <TextField
                name="startTime"
                type="time"
                label={t('attendance.section.start')}
                value={time.startTime}
                onChange={(startTime) => update(time.key, { startTime })}
                error={message(`expectations.${index}.startTime`)}
              />
              <TextField
                name="endTime"
                type="time"
                label={t('attendance.section.end')}
                value={time.endTime}
                onChange={(endTime) => update(time.key, { endTime })}
                error={message(`expectations.${index}.endTime`)}
              />
              <SelectField
                name="reason"
                label={t('attendance.section.reason')}
                placeholder={t('attendance.section.reason')}
                value={time.reason}
                onChange={(reason) => update(time.key, { reason })}
                choices={visitReasons.map((reason: VisitReason) => ({
                  value: reason,
                  label: reasonLabel(reason),
                }))}
                error={message(`expectations.${index}.reason`)}
              />
            </div>
            <Button
              type="button"
              appearance="subtle-button"
              onClick={() => setTimes((current) => current.filter((other) => other.key !== time.key))}
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
              setTimes((current) => [
                ...current,
                { key: nextKey.current, weekday: '', startTime: '', endTime: '', reason: 'planned' },
              ]);
            }}
          >
            {t('attendance.section.addTime')}
          </SecondaryActionButton>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('attendance.section.save')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
