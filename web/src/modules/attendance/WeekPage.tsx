import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  attendanceWeekSchema,
  type CrisisVisit,
  isoWeekSchema,
  type WeekRow,
  weekQuerySchema,
} from '../../../../contracts/attendance.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { fieldRules } from '../../app/contract-fields.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { attendanceKeys } from './attendance.api.ts';
import { clockOf, useDuration, useReasonLabel, weekdayKeys, weekNumberOf } from './labels.ts';
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
  const params = useListParams({ locatie: '', week: '', zoek: '' });
  const locationId = params.filters.locatie || undefined;
  const week = isoWeekSchema.safeParse(params.filters.week).success ? params.filters.week : undefined;
  const q = params.filters.zoek;
  const overview = useQuery({
    queryKey: attendanceKeys.week({ locationId, week, q, page: params.page }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/week', { locationId, week, q, page: params.page, pageSize }),
        attendanceWeekSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  const today = todayInAmsterdam();
  const first = data?.dates[0];
  const last = data?.dates[data.dates.length - 1];
  const columns: Column<WeekRow>[] = [
    {
      key: 'pupil',
      header: t('attendance.week.pupil'),
      rowHeader: true,
      cell: (row) => `${row.firstName} ${row.lastName} (${row.className})`,
    },
    ...(data?.dates ?? []).map(
      (date, index): Column<WeekRow> => ({
        key: date,
        header: `${t(`attendance.weekdays.${weekdayKeys[index] ?? 'mon'}`)} ${format.date(date)}`,
        cell: (row) => {
          const day = row.days.find((candidate) => candidate.date === date);
          if (!day) return '';
          return (
            <>
              {day.visits > 0 ? duration(day.minutes) : day.expected ? '' : '—'}
              {day.reasons.length > 0 && (
                <span className="passend-att-cell-reasons">{day.reasons.map(reasonLabel).join(', ')}</span>
              )}
              {day.expected && (
                <span className="passend-att-cell-reasons">
                  {day.visits === 0 && day.date < today
                    ? t('attendance.week.absentExpected')
                    : t('attendance.week.expected')}
                </span>
              )}
            </>
          );
        },
      }),
    ),
    {
      key: 'total',
      header: t('attendance.week.total'),
      numeric: true,
      nowrap: true,
      cell: (row) => duration(row.totalMinutes),
    },
  ];

  return (
    <div className="passend-att">
      <PageHeading>{t('attendance.week.title')}</PageHeading>
      <Paragraph>{t('attendance.week.intro')}</Paragraph>
      {hasPermission(session, 'attendance.manage') && (
        <Paragraph>
          <RouterLink to="/expertisepunt/vandaag">{t('attendance.week.todayLink')}</RouterLink>
        </Paragraph>
      )}
      <ListToolbar
        search={{
          label: t('attendance.week.search'),
          value: q,
          maxLength: fieldRules(weekQuerySchema, 'q').maxLength ?? 0,
          onSearch: (zoek) => params.setFilters({ zoek }),
        }}
        onClear={q ? () => params.setFilters({ zoek: '' }) : undefined}
      >
        {data && data.locations.length > 1 && (
          <SelectField
            name="locatie"
            label={t('attendance.location')}
            placeholder={t('attendance.location')}
            value={data.location.id}
            onChange={(value) => params.setFilters({ locatie: value })}
            choices={data.locations.map((location) => ({ value: location.id, label: location.name }))}
          />
        )}
      </ListToolbar>
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
              onClick={() => params.setFilters({ week: data.previousWeek })}
            >
              {t('attendance.week.previous')}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              className="passend-att-button"
              onClick={() => params.setFilters({ week: '' })}
            >
              {t('attendance.week.thisWeek')}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              className="passend-att-button"
              onClick={() => params.setFilters({ week: data.nextWeek })}
            >
              {t('attendance.week.next')}
            </Button>
          </nav>
          <div className="passend-att-week">
            {/* A week keeps its grid of days: on a phone it scrolls sideways. */}
            <DataTable
              caption={t('attendance.week.caption', {
                number: weekNumberOf(data.week),
                location: data.location.name,
              })}
              columns={columns}
              rows={data.items}
              rowKey={(row) => row.trajectoryId}
              empty={t('attendance.week.empty')}
              busy={overview.isFetching}
              stackOnSmallScreens={false}
            />
          </div>
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={params.setPage}
          />
          {data.crisis.length > 0 && <CrisisWeek visits={data.crisis} />}
        </>
      )}
    </div>
  );
}

/** The week's care of pupils without a trajectory (E7), for whoever reads the whole point. */
function CrisisWeek({ visits }: { visits: CrisisVisit[] }) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const duration = useDuration();
  const columns: Column<CrisisVisit>[] = [
    {
      key: 'pupil',
      header: t('attendance.week.pupil'),
      rowHeader: true,
      cell: (visit) =>
        t('attendance.today.pupilLabel', {
          name: `${visit.firstName} ${visit.lastName}`,
          className: visit.className,
        }),
    },
    {
      key: 'day',
      header: t('attendance.week.crisisWhen'),
      cell: (visit) => `${format.date(visit.checkedInAt)} ${clockOf(visit.checkedInAt)}`,
    },
    {
      key: 'minutes',
      header: t('attendance.week.total'),
      cell: (visit) => (visit.minutes === null ? '' : duration(visit.minutes)),
    },
  ];
  return (
    <section className="passend-section" aria-labelledby="att-week-crisis">
      <Heading level={2} id="att-week-crisis">
        {t('attendance.crisis.weekHeading')}
      </Heading>
      <DataTable
        caption={t('attendance.crisis.weekHeading')}
        columns={columns}
        rows={visits}
        rowKey={(visit) => visit.id}
        empty={t('attendance.crisis.todayEmpty')}
      />
    </section>
  );
}
