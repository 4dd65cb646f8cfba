import {
  ButtonGroup,
  Paragraph,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeActivities } from '../../../../contracts/hours.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import {
  EntryCells,
  EntryHeaderCells,
  MemberSelect,
  mondayOf,
  monthsFrom,
  useMemberSchools,
  useRemoveTimeEntry,
  useTimeEntries,
  useTimeMember,
  useUrlState,
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
  const [params, update] = useUrlState();
  const member = useTimeMember();
  const { userId } = member;
  // This school year and the last, newest first: older hours are rarely looked up here.
  const months = monthsFrom(`${schoolYearOf(today) - 1}-08`, currentMonth).reverse();
  const askedMonth = params.get('maand') ?? '';
  const month = months.includes(askedMonth) ? askedMonth : currentMonth;
  const locationId = params.get('school') ?? '';
  const activity = timeActivities.find((candidate) => candidate === params.get('soort')) ?? '';
  const [done, setDone] = useState<string | null>(null);

  const entries = useTimeEntries(userId, {
    ...monthBounds(month),
    locationId: locationId || undefined,
    activity: activity || undefined,
  });
  const schools = useMemberSchools(userId, entries.data);
  const remove = useRemoveTimeEntry(() => setDone(t('time.removed')));
  const teamlid = member.isOwn ? null : userId;

  return (
    <>
      <PageHeading>{t('timeList.title')}</PageHeading>
      <Paragraph>{t('timeList.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to={withQuery('/uren', { teamlid })}>{t('timeList.weekView')}</RouterLink>
      </Paragraph>
      <search aria-label={t('timeList.filters')} className="passend-toolbar">
        <MemberSelect member={member} />
        <SelectField
          name="month"
          label={t('timeList.month')}
          placeholder={t('time.chooseMonth')}
          value={month}
          onChange={(value) => update({ maand: value === currentMonth ? null : value })}
          choices={months.map((candidate) => ({ value: candidate, label: format.month(candidate) }))}
        />
        <SelectField
          name="school"
          label={t('time.school')}
          placeholder={t('timeList.allSchools')}
          value={locationId}
          onChange={(value) => update({ school: value })}
          choices={schools}
        />
        <SelectField
          name="activity"
          label={t('time.activity')}
          placeholder={t('timeList.allActivities')}
          value={activity}
          onChange={(value) => update({ soort: value })}
          choices={timeActivities.map((candidate) => ({
            value: candidate,
            label: t(`activities.${candidate}`),
          }))}
        />
      </search>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {(entries.error ?? remove.error) && (
        <ErrorAlert errors={formErrorsFrom(entries.error ?? remove.error)} />
      )}
      {entries.isLoading && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {entries.data && (
        <ScrollTable
          caption={t('timeList.caption', {
            month: format.month(month),
            hours: format.number(entries.data.totalHours),
          })}
        >
          <TableHeader>
            <TableRow>
              <EntryHeaderCells />
              <TableHeaderCell scope="col">{t('timeList.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('time.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.data.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>{t('timeList.empty')}</TableCell>
              </TableRow>
            )}
            {entries.data.items.map((entry) => (
              <TableRow key={entry.id}>
                <EntryCells entry={entry} />
                <TableCell>{entry.locked ? t('time.locked') : t('timeList.open')}</TableCell>
                <TableCell>
                  {entry.locked ? (
                    '—'
                  ) : (
                    <ButtonGroup>
                      <RouterLink
                        to={withQuery('/uren', { week: mondayOf(entry.date), teamlid, wijzig: entry.id })}
                      >
                        {t('time.edit', { date: format.date(entry.date) })}
                      </RouterLink>
                      <SecondaryActionButton type="button" onClick={() => remove.mutate(entry.id)}>
                        {t('time.remove', { date: format.date(entry.date) })}
                      </SecondaryActionButton>
                    </ButtonGroup>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableHeaderCell scope="row" colSpan={3}>
                {t('time.total')}
              </TableHeaderCell>
              <TableCell>{format.number(entries.data.totalHours)}</TableCell>
              <TableCell colSpan={3} />
            </TableRow>
          </TableFooter>
        </ScrollTable>
      )}
    </>
  );
}
