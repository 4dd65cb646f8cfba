import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Heading,
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
import { useSearchParams } from 'react-router';
import {
  type MeetingOverview,
  meetingOverviewSchema,
  meetingSettingsInputSchema,
  meetingSettingsSchema,
} from '../../../../contracts/meetings.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
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
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { SchoolYearSelect, useSchoolYearParam } from '../hours/BudgetPage.tsx';
import { dayMonthOf, monthDayOf } from './day-month.ts';

/**
 * `/overleg/overzicht`: the staff office's overview per primary school — the annual talk held,
 * planned, not planned or late (R11) and the SOT meetings planned (R12); a school is green when its
 * talk is held and two to four SOT meetings are planned. Below it, the dates the overview checks.
 */
export function MeetingOverviewPage() {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const [schoolYear, setSchoolYear] = useSchoolYearParam();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('pagina')) || 1);
  const overview = useQuery({
    queryKey: ['meeting-overview', schoolYear, page],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/meeting-overview', { schoolYear, page }), meetingOverviewSchema, signal),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  return (
    <>
      <PageHeading>{t('overview.title')}</PageHeading>
      <Paragraph>
        <RouterLink to="/overleg">{t('overview.back')}</RouterLink>
      </Paragraph>
      <SchoolYearSelect value={schoolYear} onChange={setSchoolYear} />
      {overview.error && <ErrorAlert errors={formErrorsFrom(overview.error)} />}
      {data && (
        <>
          <Paragraph>
            {t('overview.intro', {
              plannedBy: format.date(data.annualTalkDeadline),
              sotBy: format.date(data.sotMinimumBy),
            })}
          </Paragraph>
          <Paragraph>
            {t('overview.summary', {
              ok: data.items.filter((item) => item.ok).length,
              total: data.items.length,
            })}
          </Paragraph>
          <OverviewTable overview={data} />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={(next) =>
              setSearchParams((params) => {
                params.set('pagina', String(next));
                return params;
              })
            }
          />
        </>
      )}
      <SettingsForm />
    </>
  );
}

function OverviewTable({ overview }: { overview: MeetingOverview }) {
  const { t } = useTranslation('meetings');
  return (
    <ScrollTable caption={t('overview.caption', { year: formatSchoolYear(overview.schoolYear) })}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('overview.school')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('overview.annualTalk')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('overview.sotPlanned')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('overview.state')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {overview.items.map((item) => (
          <TableRow key={item.locationId}>
            <TableHeaderCell scope="row">
              <RouterLink
                to={withQuery('/overleg', { school: item.locationId, schooljaar: overview.schoolYear })}
              >
                {item.name}
              </RouterLink>
            </TableHeaderCell>
            <TableCell>{t(`overview.talk.${item.annualTalk}`)}</TableCell>
            <TableCell>
              {item.sotPlanned}
              {item.sotWarning && ` — ${t(`overview.sotWarning.${item.sotWarning}`)}`}
            </TableCell>
            <TableCell>
              <span
                className={
                  item.ok ? 'passend-status passend-status--ok' : 'passend-status passend-status--todo'
                }
              >
                {t(item.ok ? 'overview.ok' : 'overview.todo')}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

/** The staff office's dates: annual talks planned by, two SOT meetings planned by, reminder lead time. */
function SettingsForm() {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['meeting-settings'],
    queryFn: ({ signal }) => api.get('/api/meeting-settings', meetingSettingsSchema, signal),
  });
  const [form, setForm] = useState({ annualTalkPlannedBy: '', sotMinimumBy: '', reminderDaysBefore: '' });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data)
      setForm({
        annualTalkPlannedBy: dayMonthOf(settings.data.annualTalkPlannedBy),
        sotMinimumBy: dayMonthOf(settings.data.sotMinimumBy),
        reminderDaysBefore: String(settings.data.reminderDaysBefore),
      });
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async () => {
      const checked = validate(meetingSettingsInputSchema, {
        annualTalkPlannedBy: monthDayOf(form.annualTalkPlannedBy),
        sotMinimumBy: monthDayOf(form.sotMinimumBy),
        reminderDaysBefore:
          form.reminderDaysBefore.trim() === '' ? Number.NaN : Number(form.reminderDaysBefore),
      });
      if (!checked.ok)
        throw {
          ...checked.errors,
          // "Not the right form" says little: the message names the form a day and month take.
          fields: checked.errors.fields.map((field) =>
            field.code === 'invalid_format' ? { ...field, code: 'invalid_day_month' } : field,
          ),
        } satisfies FormErrors;
      return apiRequest('PUT', '/api/meeting-settings', {
        body: checked.value,
        schema: meetingSettingsSchema,
      });
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: ['meeting-overview'] });
      void queryClient.invalidateQueries({ queryKey: ['meeting-settings'] });
    },
    onError: (error) => {
      setSaved(false);
      setErrors(
        !(error instanceof Error) && 'fields' in (error as object)
          ? (error as FormErrors)
          : formErrorsFrom(error),
      );
    },
  });
  const message = (path: string) => moduleMessageFor('meetings', errors, path);
  const set = (key: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  return (
    <section aria-labelledby="meeting-settings-heading">
      <Heading level={2} id="meeting-settings-heading">
        {t('overview.settingsTitle')}
      </Heading>
      <Form
        errors={errors}
        fields={['annualTalkPlannedBy', 'sotMinimumBy', 'reminderDaysBefore']}
        onSubmit={() => save.mutate()}
      >
        <TextField
          name="annualTalkPlannedBy"
          label={t('overview.annualTalkPlannedBy')}
          description={t('overview.monthDayHint')}
          value={form.annualTalkPlannedBy}
          onChange={set('annualTalkPlannedBy')}
          error={message('annualTalkPlannedBy')}
        />
        <TextField
          name="sotMinimumBy"
          label={t('overview.sotMinimumBy')}
          description={t('overview.monthDayHint')}
          value={form.sotMinimumBy}
          onChange={set('sotMinimumBy')}
          error={message('sotMinimumBy')}
        />
        <TextField
          name="reminderDaysBefore"
          inputMode="numeric"
          label={t('overview.reminderDaysBefore')}
          value={form.reminderDaysBefore}
          onChange={set('reminderDaysBefore')}
          error={message('reminderDaysBefore')}
        />
        <PrimaryActionButton type="submit" busy={save.isPending}>
          {t('overview.saveSettings')}
        </PrimaryActionButton>
        {saved && <Paragraph role="status">{t('overview.settingsSaved')}</Paragraph>}
      </Form>
    </section>
  );
}
