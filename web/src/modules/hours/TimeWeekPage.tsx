import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closedPeriodListSchema,
  closePeriodInputSchema,
  copyWeekResultSchema,
  type TimeEntry,
  timeActivities,
  timeEntryInputSchema,
  timeEntrySchema,
} from '../../../../contracts/hours.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
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
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import {
  EntryCells,
  EntryHeaderCells,
  MemberSelect,
  mondayOf,
  monthsFrom,
  useMemberRequests,
  useMemberSchools,
  useRemoveTimeEntry,
  useTimeEntries,
  useTimeMember,
  useUrlState,
} from './time.hooks.tsx';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Validation errors thrown by the form itself, or what the API answered. */
function errorsOf(error: unknown): FormErrors {
  return !(error instanceof Error) && 'fields' in (error as object)
    ? (error as FormErrors)
    : formErrorsFrom(error);
}

type EntryForm = {
  date: string;
  hours: string;
  locationId: string;
  requestId: string;
  activity: string;
  note: string;
};

/** `/uren`: a member's week: what was logged, hours per day, a quick form, and "copy last week". */
export function TimeWeekPage() {
  const { t, i18n } = useTranslation('hours');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const today = todayInAmsterdam();
  const [params, update] = useUrlState();
  const member = useTimeMember();
  const { userId } = member;
  const askedWeek = params.get('week');
  const weekStart =
    askedWeek && isoDatePattern.test(askedWeek) && askedWeek <= today ? mondayOf(askedWeek) : mondayOf(today);
  const days = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
  const weekEnd = days[6] ?? weekStart;
  const isCurrentWeek = addDays(weekStart, 7) > today;
  const selectableDays = days.filter((day) => day <= today);
  const [form, setForm] = useState<EntryForm>({
    date: today,
    hours: '',
    locationId: '',
    requestId: '',
    activity: '',
    note: '',
  });
  // A date of another week (after moving on) is no choice here: today, or nothing to choose yet.
  const date = selectableDays.includes(form.date) ? form.date : selectableDays.includes(today) ? today : '';
  const [editingId, setEditingId] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [done, setDone] = useState<string | null>(null);
  const hoursRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLElement>(null);
  const captionId = useId();
  const dayFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone: 'Europe/Amsterdam',
      }),
    [i18n.language],
  );

  const entries = useTimeEntries(userId, { from: weekStart, to: weekEnd });
  const schools = useMemberSchools(userId, entries.data);
  const requests = useMemberRequests(userId, form.locationId);
  const editing = entries.data?.items.find((entry) => entry.id === editingId && !entry.locked) ?? null;

  const startEdit = useCallback(
    (entry: TimeEntry) => {
      setEditingId(entry.id);
      setErrors(noFormErrors);
      setDone(null);
      setForm({
        date: entry.date,
        hours: format.number(entry.hours),
        locationId: entry.location.id,
        requestId: entry.requestId ?? '',
        activity: entry.activity,
        note: entry.note ?? '',
      });
      // The form is below the table: take the keyboard user there.
      hoursRef.current?.focus();
    },
    [format],
  );
  const stopEdit = () => {
    setEditingId(null);
    setErrors(noFormErrors);
    setForm((current) => ({ ...current, hours: '', note: '' }));
  };

  // The list view links here with `wijzig` to open one of its entries in this form.
  const requestedEdit = params.get('wijzig');
  useEffect(() => {
    if (!requestedEdit || !entries.data) return;
    const entry = entries.data.items.find((item) => item.id === requestedEdit);
    if (entry && !entry.locked) startEdit(entry);
    update({ wijzig: null });
  }, [requestedEdit, entries.data, startEdit, update]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['time-entries'] });
  const save = useMutation({
    mutationFn: async (entryId: string | null) => {
      const checked = validate(timeEntryInputSchema, {
        date,
        hours: form.hours.trim() === '' ? Number.NaN : Number(form.hours.replace(',', '.')),
        locationId: form.locationId || undefined,
        requestId: form.requestId || null,
        activity: form.activity || undefined,
        note: form.note.trim() || null,
        userId: userId ?? undefined,
      });
      if (!checked.ok) throw checked.errors;
      return entryId
        ? apiRequest('PUT', `/api/time-entries/${entryId}`, { body: checked.value, schema: timeEntrySchema })
        : api.post('/api/time-entries', checked.value, timeEntrySchema);
    },
    onSuccess: (_, entryId) => {
      setErrors(noFormErrors);
      setEditingId(null);
      // Date, school and activity stay: the next line of the same day is only hours away.
      setForm((current) => ({ ...current, hours: '', note: '' }));
      setDone(t(entryId ? 'time.changed' : 'time.added'));
      hoursRef.current?.focus();
      void refresh();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const remove = useRemoveTimeEntry((entryId) => {
    if (entryId === editingId) stopEdit();
    setDone(t('time.removed'));
    // The row and its button are gone: keep the keyboard user in the table.
    tableRef.current?.focus();
  });
  const copy = useMutation({
    mutationFn: () => api.post('/api/time-entries/copy-week', { weekStart }, copyWeekResultSchema),
    onSuccess: (result) => {
      setDone(t('time.copied', { copied: result.copied, skipped: result.skipped }));
      void refresh();
    },
  });
  const goToWeek = (start: string) => {
    stopEdit();
    setDone(null);
    update({ week: start === mondayOf(today) ? null : start });
  };
  const message = (path: string) => moduleMessageFor('hours', errors, path);
  const hoursOn = (day: string) =>
    (entries.data?.items ?? [])
      .filter((entry) => entry.date === day)
      .reduce((sum, entry) => sum + entry.hours, 0);

  return (
    <>
      <PageHeading>{t('time.title')}</PageHeading>
      <Paragraph>{t(member.isOwn ? 'time.intro' : 'time.introForMember')}</Paragraph>
      <Paragraph>
        <RouterLink to={withQuery('/uren/lijst', { teamlid: member.isOwn ? null : userId })}>
          {t('time.listView')}
        </RouterLink>
      </Paragraph>
      <MemberSelect member={member} />
      <ButtonGroup>
        <SecondaryActionButton type="button" onClick={() => goToWeek(addDays(weekStart, -7))}>
          {t('time.previousWeek')}
        </SecondaryActionButton>
        <SecondaryActionButton
          type="button"
          // aria-disabled instead of disabled: the button keeps focus on reaching this week.
          aria-disabled={isCurrentWeek || undefined}
          onClick={() => !isCurrentWeek && goToWeek(addDays(weekStart, 7))}
        >
          {t('time.nextWeek')}
        </SecondaryActionButton>
        {member.isOwn && (
          <SecondaryActionButton type="button" busy={copy.isPending} onClick={() => copy.mutate()}>
            {t('time.copyLastWeek')}
          </SecondaryActionButton>
        )}
      </ButtonGroup>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {(entries.error ?? remove.error ?? copy.error) && (
        <ErrorAlert errors={formErrorsFrom(entries.error ?? remove.error ?? copy.error)} />
      )}
      {entries.isLoading && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {entries.data && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
          <section ref={tableRef} className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <Table>
              <TableCaption id={captionId}>
                {t('time.caption', {
                  from: format.date(weekStart),
                  to: format.date(weekEnd),
                  hours: format.number(entries.data.totalHours),
                })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <EntryHeaderCells />
                  <TableHeaderCell scope="col">{t('time.actions')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {entries.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={6}>{t('time.empty')}</TableCell>
                  </TableRow>
                )}
                {entries.data.items.map((entry) => (
                  <TableRow key={entry.id}>
                    <EntryCells entry={entry} />
                    <TableCell>
                      {entry.locked ? (
                        t('time.locked')
                      ) : (
                        <ButtonGroup>
                          <SecondaryActionButton type="button" onClick={() => startEdit(entry)}>
                            {t('time.edit', { date: format.date(entry.date) })}
                          </SecondaryActionButton>
                          <SecondaryActionButton type="button" onClick={() => remove.mutate(entry.id)}>
                            {t('time.remove', { date: format.date(entry.date) })}
                          </SecondaryActionButton>
                        </ButtonGroup>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <ScrollTable caption={t('time.dayTotals', { from: format.date(weekStart) })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('time.day')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('time.hours')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {days.map((day) => (
                <TableRow key={day}>
                  <TableHeaderCell scope="row">
                    {dayFormat.format(new Date(`${day}T12:00:00Z`))}
                  </TableHeaderCell>
                  <TableCell>{format.number(hoursOn(day))}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <TableHeaderCell scope="row">{t('time.total')}</TableHeaderCell>
                <TableCell>{format.number(entries.data.totalHours)}</TableCell>
              </TableRow>
            </TableFooter>
          </ScrollTable>
        </>
      )}
      {userId && (
        <>
          <Heading level={2}>{t(editing ? 'time.editHeading' : 'time.addHeading')}</Heading>
          {!editing && <Paragraph>{t('time.keyboardHint')}</Paragraph>}
          <Form
            errors={errors}
            fields={['date', 'hours', 'locationId', 'activity', 'note']}
            onSubmit={() => save.mutate(editing?.id ?? null)}
          >
            <SelectField
              name="date"
              label={t('time.date')}
              placeholder={t('time.chooseDate')}
              value={date}
              onChange={(value) => setForm((current) => ({ ...current, date: value }))}
              choices={selectableDays.map((day) => ({ value: day, label: format.date(day) }))}
              error={message('date')}
            />
            <TextField
              name="hours"
              inputMode="decimal"
              inputRef={hoursRef}
              label={t('time.hours')}
              description={t('time.hoursHint')}
              value={form.hours}
              onChange={(value) => setForm((current) => ({ ...current, hours: value }))}
              error={message('hours')}
            />
            <SelectField
              name="locationId"
              label={t('time.school')}
              placeholder={t('time.chooseSchool')}
              value={form.locationId}
              onChange={(value) => setForm((current) => ({ ...current, locationId: value, requestId: '' }))}
              choices={schools}
              error={message('locationId')}
            />
            <SelectField
              name="requestId"
              label={t('time.request')}
              placeholder={t('time.noRequest')}
              description={t(member.isOwn ? 'time.requestHintOwn' : 'time.requestHint')}
              required={false}
              busy={requests.isFetching}
              value={form.requestId}
              onChange={(value) => setForm((current) => ({ ...current, requestId: value }))}
              choices={requests.choices}
              error={message('requestId')}
            />
            <SelectField
              name="activity"
              label={t('time.activity')}
              placeholder={t('time.chooseActivity')}
              value={form.activity}
              onChange={(value) => setForm((current) => ({ ...current, activity: value }))}
              choices={timeActivities.map((activity) => ({
                value: activity,
                label: t(`activities.${activity}`),
              }))}
              error={message('activity')}
            />
            <TextField
              name="note"
              label={t('time.note')}
              required={false}
              maxLength={500}
              value={form.note}
              onChange={(value) => setForm((current) => ({ ...current, note: value }))}
              error={message('note')}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={save.isPending}>
                {t(editing ? 'time.save' : 'time.add')}
              </PrimaryActionButton>
              {editing && (
                <SecondaryActionButton
                  type="button"
                  onClick={() => {
                    stopEdit();
                    hoursRef.current?.focus();
                  }}
                >
                  {t('common.cancel', { ns: 'translation' })}
                </SecondaryActionButton>
              )}
            </ButtonGroup>
          </Form>
        </>
      )}
      {member.isStaffOffice && <CloseMonthSection />}
    </>
  );
}

/** The staff office closes a month of this school year; the months closed so far are listed. */
function CloseMonthSection() {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const headingId = useId();
  const today = todayInAmsterdam();
  const schoolYear = schoolYearOf(today);
  const [month, setMonth] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [done, setDone] = useState<string | null>(null);
  const closed = useQuery({
    queryKey: ['closed-periods', schoolYear],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/closed-periods', { schoolYear }), closedPeriodListSchema, signal),
  });
  const closedMonths = new Set(closed.data?.items.map((item) => item.month));
  const openMonths = monthsFrom(`${schoolYear}-08`, today.slice(0, 7)).filter(
    (candidate) => !closedMonths.has(candidate),
  );
  const close = useMutation({
    mutationFn: async () => {
      const checked = validate(closePeriodInputSchema, { month });
      if (!checked.ok) throw checked.errors;
      await api.post('/api/closed-periods', checked.value);
      return checked.value.month;
    },
    onSuccess: (closedMonth) => {
      setErrors(noFormErrors);
      setMonth('');
      setDone(t('time.closeDone', { month: format.month(closedMonth) }));
      void queryClient.invalidateQueries({ queryKey: ['closed-periods'] });
      void queryClient.invalidateQueries({ queryKey: ['time-entries'] });
    },
    onError: (error) => setErrors(errorsOf(error)),
  });

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('time.closeHeading')}
      </Heading>
      <Paragraph>{t('time.closeIntro')}</Paragraph>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {closed.error && <ErrorAlert errors={formErrorsFrom(closed.error)} />}
      {closed.data && openMonths.length === 0 && <Paragraph>{t('time.noOpenMonths')}</Paragraph>}
      {closed.data && openMonths.length > 0 && (
        <Form
          errors={errors}
          fields={['month']}
          onSubmit={() => {
            // Closing cannot be undone: one explicit yes first (an empty choice gets its field error).
            if (!month || window.confirm(t('time.closeConfirm', { month: format.month(month) })))
              close.mutate();
          }}
        >
          <SelectField
            name="month"
            label={t('time.closeMonth')}
            placeholder={t('time.chooseMonth')}
            value={month}
            onChange={setMonth}
            choices={openMonths.map((candidate) => ({ value: candidate, label: format.month(candidate) }))}
            error={moduleMessageFor('hours', errors, 'month')}
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={close.isPending}>
              {t('time.closeSubmit')}
            </PrimaryActionButton>
          </ButtonGroup>
        </Form>
      )}
      {closed.data && closed.data.items.length > 0 && (
        <>
          <Heading level={3}>{t('time.closedHeading')}</Heading>
          <UnorderedList>
            {closed.data.items.map((item) => (
              <UnorderedListItem key={item.month}>
                {t('time.closedLine', {
                  month: format.month(item.month),
                  name: item.closedByName,
                  date: format.date(item.closedAt),
                })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}
