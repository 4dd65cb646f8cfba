import { ButtonGroup, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TimeEntry, timeActivities } from '../../../../contracts/hours.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import {
  MemberSelect,
  mondayOf,
  monthsFrom,
  useEntryColumns,
  useMemberSchools,
  useRemoveTimeEntry,
  useTimeEntries,
  useTimeMember,
} from './time.hooks.tsx';

/** First and last day (YYYY-MM-DD) of a month (YYYY-MM). */
function monthBounds(month: string): { from: string; to: string } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  // Day 0 of the next month is the last day of this one.
  return { from: `${month}-01`, to: new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10) };
}

/** `/uren/lijst`: a member's entries of one month as a list, by school and activity; filters in the address. */
export function TimeListPage() {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const today = todayInAmsterdam();
  const currentMonth = today.slice(0, 7);
  // `teamlid` is the staff office's choice of member (see useTimeMember): kept with the filters.
  const list = useListParams({ maand: '', school: '', soort: '', teamlid: '' }, null);
  const member = useTimeMember();
  const { userId } = member;
  // This school year and the last, newest first: older hours are rarely looked up here.
  const months = monthsFrom(`${schoolYearOf(today) - 1}-08`, currentMonth).reverse();
  const month = months.includes(list.filters.maand) ? list.filters.maand : currentMonth;
  const locationId = list.filters.school;
  const activity = timeActivities.find((candidate) => candidate === list.filters.soort) ?? '';
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const entries = useTimeEntries(userId, {
    ...monthBounds(month),
    locationId: locationId || undefined,
    activity: activity || undefined,
  });
  const schools = useMemberSchools(userId, entries.data);
  const remove = useRemoveTimeEntry(() => setDone(t('time.removed')));
  // The row and its button are gone: the keyboard user hears what happened where focus lands.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const teamlid = member.isOwn ? null : userId;
  const isFiltered = month !== currentMonth || locationId !== '' || activity !== '';

  const entryColumns = useEntryColumns({ sortable: true });
  const columns: Column<TimeEntry>[] = [
    ...entryColumns,
    {
      key: 'status',
      header: t('timeList.status'),
      cell: (entry) => (entry.locked ? t('time.locked') : t('timeList.open')),
      keepWithTitle: true,
      sortable: true,
      sortValue: (entry) => (entry.locked ? t('time.locked') : t('timeList.open')),
    },
    {
      key: 'actions',
      header: t('time.actions'),
      cell: (entry) =>
        entry.locked ? (
          '—'
        ) : (
          <ButtonGroup>
            <RouterLink to={withQuery('/uren', { week: mondayOf(entry.date), teamlid, wijzig: entry.id })}>
              {t('time.edit', { date: format.date(entry.date) })}
            </RouterLink>
            <SecondaryActionButton type="button" onClick={(event) => remove.ask(entry, event.currentTarget)}>
              {t('time.remove', { date: format.date(entry.date) })}
            </SecondaryActionButton>
          </ButtonGroup>
        ),
    },
  ];

  return (
    <>
      <PageHeading>{t('timeList.title')}</PageHeading>
      <Paragraph>{t('timeList.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to={withQuery('/uren', { teamlid })}>{t('timeList.weekView')}</RouterLink>
      </Paragraph>
      <ListToolbar
        // The member stays chosen: clearing is about what of their hours is shown.
        onClear={isFiltered ? () => list.setFilters({ maand: '', school: '', soort: '' }) : undefined}
      >
        <MemberSelect member={member} />
        <SelectField
          name="month"
          label={t('timeList.month')}
          placeholder={t('time.chooseMonth')}
          value={month}
          onChange={(value) => list.setFilters({ maand: value === currentMonth ? '' : value })}
          choices={months.map((candidate) => ({ value: candidate, label: format.month(candidate) }))}
        />
        <SelectField
          name="school"
          label={t('time.school')}
          placeholder={t('timeList.allSchools')}
          required={false}
          value={locationId}
          onChange={(value) => list.setFilters({ school: value })}
          choices={schools}
        />
        <SelectField
          name="activity"
          label={t('time.activity')}
          placeholder={t('timeList.allActivities')}
          required={false}
          value={activity}
          onChange={(value) => list.setFilters({ soort: value })}
          choices={timeActivities.map((candidate) => ({
            value: candidate,
            label: t(`activities.${candidate}`),
          }))}
        />
      </ListToolbar>
      {done && (
        <Paragraph role="status" ref={doneRef} tabIndex={-1}>
          {done}
        </Paragraph>
      )}
      {(entries.error ?? remove.error) && (
        <ErrorAlert errors={formErrorsFrom(entries.error ?? remove.error)} />
      )}
      {entries.isLoading && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {entries.data && (
        <DataTable
          caption={t('timeList.caption', {
            month: format.month(month),
            hours: format.number(entries.data.totalHours),
          })}
          columns={columns}
          rows={entries.data.items}
          rowKey={(entry) => entry.id}
          empty={t('timeList.empty')}
          busy={entries.isFetching}
          sort={list.sort}
          onSortChange={list.setSort}
        />
      )}
      {remove.dialog}
    </>
  );
}
