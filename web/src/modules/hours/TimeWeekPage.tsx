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
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  copyWeekResultSchema,
  timeActivities,
  timeEntryInputSchema,
  timeEntryListSchema,
  timeEntrySchema,
} from '../../../../contracts/hours.ts';
import { addDays, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { teamMemberDetailSchema } from '../../../../contracts/team.ts';
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** The Monday of the week a date (YYYY-MM-DD) falls in. */
function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** `/uren`: a team member's week: what was logged, a quick form, and "copy last week". */
export function TimeWeekPage() {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const today = todayInAmsterdam();
  const [weekStart, setWeekStart] = useState(mondayOf(today));
  const days = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
  const weekEnd = days[6] ?? weekStart;
  const captionId = useId();
  const [form, setForm] = useState({ date: today, hours: '', locationId: '', activity: '', note: '' });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [done, setDone] = useState<string | null>(null);

  const entries = useQuery({
    queryKey: ['time-entries', weekStart],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/time-entries', { from: weekStart, to: weekEnd }), timeEntryListSchema, signal),
  });
  const profile = useQuery({
    queryKey: ['team', session.user.id],
    queryFn: ({ signal }) => api.get(`/api/team/${session.user.id}`, teamMemberDetailSchema, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['time-entries'] });
  const add = useMutation({
    mutationFn: async () => {
      const checked = validate(timeEntryInputSchema, {
        date: form.date,
        hours: form.hours.trim() === '' ? Number.NaN : Number(form.hours.replace(',', '.')),
        locationId: form.locationId || undefined,
        activity: form.activity || undefined,
        note: form.note.trim() || null,
      });
      if (!checked.ok) throw checked.errors;
      return api.post('/api/time-entries', checked.value, timeEntrySchema);
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      setForm((current) => ({ ...current, hours: '', note: '' }));
      setDone(t('time.added'));
      void refresh();
    },
    onError: (error) =>
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      ),
  });
  const remove = useMutation({
    mutationFn: (entryId: string) => apiRequest('DELETE', `/api/time-entries/${entryId}`),
    onSuccess: () => {
      setDone(t('time.removed'));
      void refresh();
    },
  });
  const copy = useMutation({
    mutationFn: () => api.post('/api/time-entries/copy-week', { weekStart }, copyWeekResultSchema),
    onSuccess: (result) => {
      setDone(t('time.copied', { copied: result.copied, skipped: result.skipped }));
      void refresh();
    },
  });
  const message = (path: string) => moduleMessageFor('hours', errors, path);
  const schools = profile.data?.schools ?? [];

  return (
    <>
      <PageHeading>{t('time.title')}</PageHeading>
      <Paragraph>{t('time.intro')}</Paragraph>
      <ButtonGroup>
        <SecondaryActionButton type="button" onClick={() => setWeekStart(addDays(weekStart, -7))}>
          {t('time.previousWeek')}
        </SecondaryActionButton>
        <SecondaryActionButton
          type="button"
          disabled={addDays(weekStart, 7) > today}
          onClick={() => setWeekStart(addDays(weekStart, 7))}
        >
          {t('time.nextWeek')}
        </SecondaryActionButton>
        <SecondaryActionButton type="button" busy={copy.isPending} onClick={() => copy.mutate()}>
          {t('time.copyLastWeek')}
        </SecondaryActionButton>
      </ButtonGroup>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {(remove.error ?? copy.error) && <ErrorAlert errors={formErrorsFrom(remove.error ?? copy.error)} />}
      {entries.data && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard.
        <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
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
                <TableHeaderCell scope="col">{t('time.date')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('time.school')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('time.activity')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('time.hours')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('time.note')}</TableHeaderCell>
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
                  <TableHeaderCell scope="row">{format.date(entry.date)}</TableHeaderCell>
                  <TableCell>{entry.location.name}</TableCell>
                  <TableCell>{t(`activities.${entry.activity}`)}</TableCell>
                  <TableCell>{format.number(entry.hours)}</TableCell>
                  <TableCell>{entry.note ?? '—'}</TableCell>
                  <TableCell>
                    {entry.locked ? (
                      t('time.locked')
                    ) : (
                      <SecondaryActionButton type="button" onClick={() => remove.mutate(entry.id)}>
                        {t('time.remove', { date: format.date(entry.date) })}
                      </SecondaryActionButton>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
      <Heading level={2}>{t('time.addHeading')}</Heading>
      <Form
        errors={errors}
        fields={['date', 'hours', 'locationId', 'activity', 'note']}
        onSubmit={() => add.mutate()}
      >
        <SelectField
          name="date"
          label={t('time.date')}
          placeholder={t('time.chooseDate')}
          value={form.date}
          onChange={(value) => setForm((current) => ({ ...current, date: value }))}
          choices={days.filter((day) => day <= today).map((day) => ({ value: day, label: format.date(day) }))}
          error={message('date')}
        />
        <TextField
          name="hours"
          inputMode="decimal"
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
          onChange={(value) => setForm((current) => ({ ...current, locationId: value }))}
          choices={schools.map((school) => ({ value: school.locationId, label: school.name }))}
          error={message('locationId')}
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
          <PrimaryActionButton type="submit" busy={add.isPending}>
            {t('time.add')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
