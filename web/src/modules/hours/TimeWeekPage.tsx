import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useEffectEvent, useId, useMemo, useRef, useState } from 'react';
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
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { type ContractFormState, useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { hoursKeys } from './hours.api.ts';
import {
  MemberSelect,
  mondayOf,
  monthsFrom,
  useEntryColumns,
  useMemberRequests,
  useMemberSchools,
  useRefreshTimeEntries,
  useRemoveTimeEntry,
  useTimeEntries,
  useTimeMember,
  useUrlState,
} from './time.hooks.tsx';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

type EntryValues = {
  date: string;
  hours: string;
  locationId: string;
  requestId: string;
  activity: string;
  note: string;
};

/** Hours as typed, with a decimal comma or point; nothing typed is no answer rather than zero. */
function hoursOf(typed: string): number | undefined {
  const trimmed = typed.trim();
  return trimmed === '' ? undefined : Number(trimmed.replace(',', '.'));
}

/** `/uren`: a member's week: what was logged, hours per day, a quick form, and "copy last week". */
export function TimeWeekPage() {
  const { t, i18n } = useTranslation('hours');
  const format = useFormatters();
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
  const [editingId, setEditingId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Bumped after a line is saved: the cursor goes back to Hours for the next line (see the effect).
  const [nextLine, setNextLine] = useState(0);
  const hoursRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
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
  const editing = entries.data?.items.find((entry) => entry.id === editingId && !entry.locked) ?? null;
  const refresh = useRefreshTimeEntries();

  // A date of another week (after moving on) is no choice here: today, or nothing to choose yet.
  const selectable = (day: string) =>
    selectableDays.includes(day) ? day : selectableDays.includes(today) ? today : '';
  const form: ContractFormState<EntryValues> = useContractForm({
    schema: timeEntryInputSchema,
    namespace: 'hours',
    initial: (): EntryValues => ({
      date: today,
      hours: '',
      locationId: '',
      requestId: '',
      activity: '',
      note: '',
    }),
    toInput: (values) => ({
      date: selectable(values.date) || undefined,
      hours: hoursOf(values.hours),
      locationId: values.locationId || undefined,
      requestId: values.requestId || null,
      activity: values.activity || undefined,
      note: values.note.trim() || null,
      userId: userId ?? undefined,
    }),
    send: (input) =>
      editing
        ? api.put(`/api/time-entries/${editing.id}`, input, timeEntrySchema)
        : api.post('/api/time-entries', input, timeEntrySchema),
    successNotice: (saved) => t(saved.id === editingId ? 'time.changed' : 'time.added'),
    onSuccess: () => {
      setEditingId(null);
      // Date, school and activity stay: the next line of the same day is only hours away.
      form.update((values) => ({ ...values, hours: '', note: '' }));
      setNextLine((count) => count + 1);
      void refresh();
    },
  });
  const date = selectable(form.values.date);
  const schools = useMemberSchools(userId, entries.data);
  const requests = useMemberRequests(userId, form.values.locationId);

  // After the form's notice took focus (a child's effect runs first), the cursor goes to Hours.
  useEffect(() => {
    if (nextLine > 0) hoursRef.current?.focus();
  }, [nextLine]);

  const startEdit = (entry: TimeEntry) => {
    setEditingId(entry.id);
    setDone(null);
    form.reset({
      date: entry.date,
      hours: format.number(entry.hours),
      locationId: entry.location.id,
      requestId: entry.requestId ?? '',
      activity: entry.activity,
      note: entry.note ?? '',
    });
    // The form is below the table: take the keyboard user there.
    hoursRef.current?.focus();
  };
  const stopEdit = () => {
    setEditingId(null);
    form.reset({ ...form.values, hours: '', note: '' });
  };

  // The list view links here with `wijzig` to open one of its entries in this form: once, as the
  // address loses the parameter only after the renders the edit itself causes.
  const requestedEdit = params.get('wijzig');
  const openedEdit = useRef<string | null>(null);
  const openRequestedEdit = useEffectEvent((entry: TimeEntry) => startEdit(entry));
  useEffect(() => {
    if (!requestedEdit || !entries.data || openedEdit.current === requestedEdit) return;
    openedEdit.current = requestedEdit;
    const entry = entries.data.items.find((item) => item.id === requestedEdit);
    if (entry && !entry.locked) openRequestedEdit(entry);
    update({ wijzig: null });
  }, [requestedEdit, entries.data, update]);

  const remove = useRemoveTimeEntry((entryId) => {
    if (entryId === editingId) stopEdit();
    setDone(t('time.removed'));
  });
  // The row and its button are gone: the keyboard user hears what happened where focus lands.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
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
  const hoursOn = (day: string) =>
    (entries.data?.items ?? [])
      .filter((entry) => entry.date === day)
      .reduce((sum, entry) => sum + entry.hours, 0);

  const entryColumns = useEntryColumns();
  const columns: Column<TimeEntry>[] = [
    ...entryColumns,
    {
      key: 'actions',
      header: t('time.actions'),
      cell: (entry) =>
        entry.locked ? (
          t('time.locked')
        ) : (
          <ButtonGroup>
            <SecondaryActionButton type="button" onClick={() => startEdit(entry)}>
              {t('time.edit', { date: format.date(entry.date) })}
            </SecondaryActionButton>
            <SecondaryActionButton type="button" onClick={(event) => remove.ask(entry, event.currentTarget)}>
              {t('time.remove', { date: format.date(entry.date) })}
            </SecondaryActionButton>
          </ButtonGroup>
        ),
    },
  ];
  const dayColumns: Column<string>[] = [
    {
      key: 'day',
      header: t('time.day'),
      cell: (day) => dayFormat.format(new Date(`${day}T12:00:00Z`)),
      rowHeader: true,
      nowrap: true,
    },
    {
      key: 'hours',
      header: t('time.hours'),
      cell: (day) => format.number(hoursOn(day)),
      numeric: true,
      width: '6rem',
    },
  ];

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
      {done && (
        <Paragraph role="status" ref={doneRef} tabIndex={-1}>
          {done}
        </Paragraph>
      )}
      {(entries.error ?? remove.error ?? copy.error) && (
        <ErrorAlert errors={formErrorsFrom(entries.error ?? remove.error ?? copy.error)} />
      )}
      {entries.isLoading && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {entries.data && (
        <>
          <DataTable
            caption={t('time.caption', {
              from: format.date(weekStart),
              to: format.date(weekEnd),
              hours: format.number(entries.data.totalHours),
            })}
            columns={columns}
            rows={entries.data.items}
            rowKey={(entry) => entry.id}
            empty={t('time.empty')}
            busy={entries.isFetching}
            // A week keeps its grid on a phone and scrolls sideways.
            stackOnSmallScreens={false}
          />
          <DataTable
            caption={t('time.dayTotals', { from: format.date(weekStart) })}
            columns={dayColumns}
            rows={days}
            rowKey={(day) => day}
            empty={t('time.empty')}
            stackOnSmallScreens={false}
            footer={
              <TableRow>
                <TableHeaderCell scope="row">{t('time.total')}</TableHeaderCell>
                <TableCell className="passend-cell--numeric">
                  {format.number(entries.data.totalHours)}
                </TableCell>
              </TableRow>
            }
          />
        </>
      )}
      {remove.dialog}
      {userId && (
        <>
          <Heading level={2}>{t(editing ? 'time.editHeading' : 'time.addHeading')}</Heading>
          {!editing && <Paragraph>{t('time.keyboardHint')}</Paragraph>}
          <ContractForm form={form}>
            <SelectField
              label={t('time.date')}
              placeholder={t('time.chooseDate')}
              choices={selectableDays.map((day) => ({ value: day, label: format.date(day) }))}
              {...form.field('date', 'choice')}
              value={date}
            />
            <TextField
              inputMode="decimal"
              inputRef={hoursRef}
              label={t('time.hours')}
              description={t('time.hoursHint')}
              {...form.field('hours')}
            />
            <SelectField
              label={t('time.school')}
              placeholder={t('time.chooseSchool')}
              choices={schools}
              {...form.field('locationId', 'choice')}
              onChange={(value) => {
                form.set('locationId', value);
                // Another school has other requests.
                form.set('requestId', '');
              }}
            />
            <SelectField
              label={t('time.request')}
              placeholder={t('time.noRequest')}
              description={t(member.isOwn ? 'time.requestHintOwn' : 'time.requestHint')}
              busy={requests.isFetching}
              choices={requests.choices}
              {...form.field('requestId', 'choice')}
            />
            <SelectField
              label={t('time.activity')}
              placeholder={t('time.chooseActivity')}
              choices={timeActivities.map((activity) => ({
                value: activity,
                label: t(`activities.${activity}`),
              }))}
              {...form.field('activity', 'choice')}
            />
            <TextField label={t('time.note')} {...form.field('note')} />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={form.pending}>
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
          </ContractForm>
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
  const closed = useQuery({
    queryKey: hoursKeys.closedPeriodList(schoolYear),
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/closed-periods', { schoolYear }), closedPeriodListSchema, signal),
  });
  const form = useContractForm({
    schema: closePeriodInputSchema,
    namespace: 'hours',
    initial: { month: '' },
    // Closing cannot be undone: one explicit yes first.
    confirm: (input) => ({
      title: t('time.closeConfirmTitle', { month: format.month(input.month) }),
      body: t('time.closeConfirm', { month: format.month(input.month) }),
      confirmLabel: t('time.closeConfirmButton', { month: format.month(input.month) }),
      danger: true,
    }),
    send: async (input) => {
      await api.post('/api/closed-periods', input);
      return input.month;
    },
    successNotice: (month) => t('time.closeDone', { month: format.month(month) }),
    onSuccess: () => {
      form.reset({ month: '' });
      void queryClient.invalidateQueries({ queryKey: hoursKeys.closedPeriods });
      void queryClient.invalidateQueries({ queryKey: hoursKeys.timeEntries });
    },
  });
  const closedMonths = new Set(closed.data?.items.map((item) => item.month));
  const openMonths = monthsFrom(`${schoolYear}-08`, today.slice(0, 7)).filter(
    (candidate) => !closedMonths.has(candidate),
  );

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('time.closeHeading')}
      </Heading>
      <Paragraph>{t('time.closeIntro')}</Paragraph>
      {closed.error && <ErrorAlert errors={formErrorsFrom(closed.error)} />}
      {closed.data && openMonths.length === 0 && <Paragraph>{t('time.noOpenMonths')}</Paragraph>}
      {closed.data && (openMonths.length > 0 || form.notice) && (
        <ContractForm form={form} aria-labelledby={headingId}>
          {openMonths.length > 0 && (
            <>
              <SelectField
                label={t('time.closeMonth')}
                placeholder={t('time.chooseMonth')}
                choices={openMonths.map((candidate) => ({
                  value: candidate,
                  label: format.month(candidate),
                }))}
                {...form.field('month', 'choice')}
              />
              <ButtonGroup>
                <PrimaryActionButton type="submit" busy={form.pending}>
                  {t('time.closeSubmit')}
                </PrimaryActionButton>
              </ButtonGroup>
            </>
          )}
        </ContractForm>
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
