import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Heading, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type MeetingOverview,
  type MeetingSettings,
  meetingOverviewSchema,
  meetingSettingsInputSchema,
  meetingSettingsSchema,
  schoolMeetingAttentions,
} from '../../../../contracts/meetings.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { SchoolYearSelect, schoolYearFrom } from '../hours/BudgetPage.tsx';
import { dayMonthOf, monthDayOf } from './day-month.ts';
import { meetingKeys } from './meetings.api.ts';

type OverviewLine = MeetingOverview['items'][number];

/**
 * `/overleg/overzicht`: the overview per primary school — the annual talk held, planned, not planned
 * or late (R11) and the SOT meetings planned (R12); a school is green when its talk is held and two to
 * four SOT meetings are planned. The staff office sees every school and, below, the dates the overview
 * checks; the team the schools it serves, a school itself. "Mijn werk" links here with `aandacht`: the
 * schools that still have a meeting to plan.
 */
export function MeetingOverviewPage() {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const session = useSignedInSession();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const list = useListParams({ schooljaar: String(currentYear), aandacht: '' });
  const schoolYear = schoolYearFrom(list.filters.schooljaar);
  const attention = schoolMeetingAttentions.find((candidate) => candidate === list.filters.aandacht);
  const isFiltered = schoolYear !== currentYear || attention !== undefined;
  const overview = useQuery({
    queryKey: meetingKeys.overview(schoolYear, list.page, attention),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/meeting-overview', { schoolYear, attention, page: list.page }),
        meetingOverviewSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  return (
    <>
      <PageHeading>{t('overview.title')}</PageHeading>
      <Paragraph>
        <RouterLink to="/overleg">{t('overview.back')}</RouterLink>
      </Paragraph>
      <ListToolbar onClear={isFiltered ? list.clear : undefined}>
        <SchoolYearSelect
          value={schoolYear}
          onChange={(year) => list.setFilters({ schooljaar: String(year) })}
        />
        <SelectField
          name="attention"
          label={t('overview.attention')}
          placeholder={t('overview.allSchools')}
          required={false}
          value={attention ?? ''}
          onChange={(value) => list.setFilters({ aandacht: value })}
          choices={schoolMeetingAttentions.map((value) => ({
            value,
            label: t(`overview.attentions.${value}`),
          }))}
        />
      </ListToolbar>
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
          <OverviewTable overview={data} busy={overview.isFetching} filtered={attention !== undefined} />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
      {hasPermission(session, 'meetings.settings') && <SettingsSection />}
    </>
  );
}

function OverviewTable({
  overview,
  busy,
  filtered,
}: {
  overview: MeetingOverview;
  busy: boolean;
  filtered: boolean;
}) {
  const { t } = useTranslation('meetings');
  const columns: Column<OverviewLine>[] = [
    {
      key: 'school',
      header: t('overview.school'),
      cell: (item) => (
        <RouterLink to={withQuery('/overleg', { school: item.locationId, schooljaar: overview.schoolYear })}>
          {item.name}
        </RouterLink>
      ),
      rowHeader: true,
    },
    {
      key: 'annualTalk',
      header: t('overview.annualTalk'),
      cell: (item) => t(`overview.talk.${item.annualTalk}`),
    },
    {
      key: 'sotPlanned',
      header: t('overview.sotPlanned'),
      cell: (item) => (
        <>
          {item.sotPlanned}
          {item.sotWarning && ` (${t(`overview.sotWarning.${item.sotWarning}`)})`}
        </>
      ),
      numeric: true,
    },
    {
      key: 'state',
      header: t('overview.state'),
      cell: (item) => (
        <span
          className={item.ok ? 'passend-status passend-status--ok' : 'passend-status passend-status--todo'}
        >
          {t(item.ok ? 'overview.ok' : 'overview.todo')}
        </span>
      ),
      keepWithTitle: true,
      nowrap: true,
    },
  ];
  return (
    <DataTable
      caption={t('overview.caption', { year: formatSchoolYear(overview.schoolYear) })}
      columns={columns}
      rows={overview.items}
      rowKey={(item) => item.locationId}
      empty={t(filtered ? 'overview.emptyFiltered' : 'overview.empty')}
      busy={busy}
    />
  );
}

/**
 * A stored day and month as the form checks it: the contract's own check on what was typed (turned
 * month first), with a message that names the form a day and month take rather than "not the right form".
 */
function dayMonthField(contractField: z.ZodType) {
  return z
    .string()
    .min(1)
    .refine((value) => contractField.safeParse(value).success, { message: 'invalid_day_month' });
}

const settingsFormSchema = meetingSettingsInputSchema.extend({
  annualTalkPlannedBy: dayMonthField(meetingSettingsInputSchema.shape.annualTalkPlannedBy),
  sotMinimumBy: dayMonthField(meetingSettingsInputSchema.shape.sotMinimumBy),
});

/** The staff office's dates: annual talks planned by, two SOT meetings planned by, reminder lead time. */
function SettingsSection() {
  const { t } = useTranslation('meetings');
  const headingId = useId();
  const settings = useQuery({
    queryKey: meetingKeys.settings,
    queryFn: ({ signal }) => api.get('/api/meeting-settings', meetingSettingsSchema, signal),
  });
  return (
    <section aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('overview.settingsTitle')}
      </Heading>
      {settings.error && <ErrorAlert errors={formErrorsFrom(settings.error)} />}
      {settings.data && <SettingsForm settings={settings.data} headingId={headingId} />}
    </section>
  );
}

function SettingsForm({ settings, headingId }: { settings: MeetingSettings; headingId: string }) {
  const { t } = useTranslation('meetings');
  const queryClient = useQueryClient();
  const form = useContractForm({
    schema: settingsFormSchema,
    namespace: 'meetings',
    initial: {
      annualTalkPlannedBy: dayMonthOf(settings.annualTalkPlannedBy),
      sotMinimumBy: dayMonthOf(settings.sotMinimumBy),
      reminderDaysBefore: String(settings.reminderDaysBefore),
    },
    // Dates are typed day first, as everywhere in Dutch; the contract keeps them month first.
    toInput: (values) => ({
      annualTalkPlannedBy: monthDayOf(values.annualTalkPlannedBy),
      sotMinimumBy: monthDayOf(values.sotMinimumBy),
      reminderDaysBefore:
        values.reminderDaysBefore.trim() === '' ? undefined : Number(values.reminderDaysBefore.trim()),
    }),
    send: (input) => api.put('/api/meeting-settings', input, meetingSettingsSchema),
    successNotice: t('overview.settingsSaved'),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: meetingKeys.overviews });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.settings });
    },
  });
  return (
    <ContractForm form={form} aria-labelledby={headingId}>
      <TextField
        label={t('overview.annualTalkPlannedBy')}
        description={t('overview.monthDayHint')}
        {...form.field('annualTalkPlannedBy')}
      />
      <TextField
        label={t('overview.sotMinimumBy')}
        description={t('overview.monthDayHint')}
        {...form.field('sotMinimumBy')}
      />
      <TextField
        inputMode="numeric"
        label={t('overview.reminderDaysBefore')}
        {...form.field('reminderDaysBefore')}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {t('overview.saveSettings')}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}
