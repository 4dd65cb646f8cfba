import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { attendanceWeekSchema, isoWeekSchema } from '../../../../contracts/attendance.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useDuration, useReasonLabel, weekdayKeys, weekNumberOf } from './labels.ts';
import './attendance.css';

const pageSize = 25;

/**
 * `/expertisepunt/week`: pupils × school days of one week at one expertise point, with minutes and
 * reasons (E7). Location, week, search and page live in the address, so the view can be shared.
 */
export function WeekPage() {
  const { t } = useTranslation('attendance');
  const session = useSignedInSession();
  const format = useFormatters();
  const duration = useDuration();
  const reasonLabel = useReasonLabel();
  const [params, setParams] = useSearchParams();
  const locationId = params.get('locatie') ?? undefined;
  const askedWeek = params.get('week') ?? '';
  const week = isoWeekSchema.safeParse(askedWeek).success ? askedWeek : undefined;
  const q = params.get('zoek') ?? '';
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const [search, setSearch] = useState(q);
  const overview = useQuery({
    queryKey: ['attendance', 'week', { locationId, week, q, page }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/week', { locationId, week, q, page, pageSize }),
        attendanceWeekSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const change = (changes: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      return next;
    });
  const data = overview.data;
  const today = todayInAmsterdam();
  const first = data?.dates[0];
  const last = data?.dates[data.dates.length - 1];

  return (
    <div className="passend-att">
      <PageHeading>{t('attendance.week.title')}</PageHeading>
      <Paragraph>{t('attendance.week.intro')}</Paragraph>
      {hasPermission(session, 'attendance.manage') && (
        <Paragraph>
          <RouterLink to="/expertisepunt/vandaag">{t('attendance.week.todayLink')}</RouterLink>
        </Paragraph>
      )}
      <search className="passend-toolbar">
        {data && data.locations.length > 1 && (
          <SelectField
            name="location"
            label={t('attendance.location')}
            placeholder={t('attendance.location')}
            value={data.location.id}
            onChange={(value) => change({ locatie: value, pagina: '' })}
            choices={data.locations.map((location) => ({ value: location.id, label: location.name }))}
          />
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            change({ zoek: search.trim(), pagina: '' });
          }}
        >
          <TextField
            name="q"
            type="search"
            label={t('attendance.week.search')}
            required={false}
            maxLength={100}
            value={search}
            onChange={setSearch}
          />
        </form>
      </search>
      {overview.error && <ErrorAlert errors={formErrorsFrom(overview.error)} />}
      {overview.isPending && <Paragraph role="status">{t('attendance.loading')}</Paragraph>}
      {data && first && last && (
        <>
          <Heading level={2}>
            {t('attendance.week.heading', {
              number: weekNumberOf(data.week),
              from: format.date(first),
              to: format.date(last),
            })}
          </Heading>
          <nav className="passend-att-week-nav" aria-label={t('attendance.week.title')}>
            <Button
              type="button"
              appearance="secondary-action-button"
              className="passend-att-button"
              onClick={() => change({ week: data.previousWeek, pagina: '' })}
            >
              {t('attendance.week.previous')}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              className="passend-att-button"
              onClick={() => change({ week: '', pagina: '' })}
            >
              {t('attendance.week.thisWeek')}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              className="passend-att-button"
              onClick={() => change({ week: data.nextWeek, pagina: '' })}
            >
              {t('attendance.week.next')}
            </Button>
          </nav>
          <div className="passend-att-week">
            <ScrollTable
              caption={t('attendance.week.caption', {
                number: weekNumberOf(data.week),
                location: data.location.name,
              })}
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('attendance.week.pupil')}</TableHeaderCell>
                  {data.dates.map((date, index) => (
                    <TableHeaderCell key={date} scope="col">
                      {t(`attendance.weekdays.${weekdayKeys[index] ?? 'mon'}`)} {format.date(date)}
                    </TableHeaderCell>
                  ))}
                  <TableHeaderCell scope="col">{t('attendance.week.total')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={data.dates.length + 2}>{t('attendance.week.empty')}</TableCell>
                  </TableRow>
                )}
                {data.items.map((row) => (
                  <TableRow key={row.trajectoryId}>
                    <TableHeaderCell scope="row">
                      {row.firstName} {row.lastName} ({row.className})
                    </TableHeaderCell>
                    {row.days.map((day) => (
                      <TableCell key={day.date}>
                        {day.visits > 0 ? duration(day.minutes) : day.expected ? '' : '—'}
                        {day.reasons.length > 0 && (
                          <span className="passend-att-cell-reasons">
                            {day.reasons.map(reasonLabel).join(', ')}
                          </span>
                        )}
                        {day.expected && (
                          <span className="passend-att-cell-reasons">
                            {day.visits === 0 && day.date < today
                              ? t('attendance.week.absentExpected')
                              : t('attendance.week.expected')}
                          </span>
                        )}
                      </TableCell>
                    ))}
                    <TableCell>{duration(row.totalMinutes)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ScrollTable>
          </div>
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={(next) => change({ pagina: String(next) })}
          />
        </>
      )}
    </div>
  );
}
