import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ExpertisePointOverview,
  expertisePointOverviewSchema,
  type OverviewPupil,
} from '../../../../contracts/pupil-records.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import type { SortOrder } from '../../ui/table/list-params.ts';
import { useListParams } from '../../ui/table/useListParams.ts';
import { pupilRecordKeys } from './pupil-records.api.ts';
import { LocationPicker } from './shared.tsx';

/**
 * `/expertisepunt/overzicht`: one expertise point at a glance (issue 7, point 11) — active pupils,
 * attendance this week, OPP evaluations due, contacts in the last 30 days and pending referrals.
 */
export function OverviewPage() {
  const { t } = useTranslation('pupilRecords');
  const format = useFormatters();
  const params = useListParams({ locatie: '' });
  const locationId = params.filters.locatie || undefined;
  const overview = useQuery({
    queryKey: pupilRecordKeys.overview(locationId, params.page),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/overview', { locationId, page: params.page }),
        expertisePointOverviewSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = overview.data;
  return (
    <>
      <PageHeading>{t('pupilRecords.overview.title')}</PageHeading>
      <Paragraph>{t('pupilRecords.overview.intro')}</Paragraph>
      {overview.error && <ErrorAlert errors={formErrorsFrom(overview.error)} />}
      {!data && !overview.error && <Paragraph>{t('pupilRecords.common.loading')}</Paragraph>}
      {data && !data.locationId && <Paragraph>{t('pupilRecords.common.noLocation')}</Paragraph>}
      {data?.locationId && (
        <>
          <LocationPicker
            locations={data.locations}
            value={data.locationId}
            onChange={(locatie) => params.setFilters({ locatie })}
          />
          <Paragraph>
            {t('pupilRecords.overview.week', {
              start: format.date(data.weekStart),
              end: format.date(data.weekEnd),
            })}
          </Paragraph>
          <Totals overview={data} />
          <Heading level={2}>{t('pupilRecords.overview.pupilsCaption')}</Heading>
          <Pupils overview={data} sort={params.sort} onSortChange={params.setSort} />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.totals.activePupils}
            onPageChange={params.setPage}
          />
        </>
      )}
    </>
  );
}

type Figure = { key: keyof ExpertisePointOverview['totals']; value: number };

function Totals({ overview }: { overview: ExpertisePointOverview }) {
  const { t } = useTranslation('pupilRecords');
  const { number } = useFormatters();
  const rows: Figure[] = (
    [
      'activePupils',
      'visitsThisWeek',
      'pupilsVisitedThisWeek',
      'evaluationsDue',
      'contactsLast30Days',
      'referralsPending',
    ] as const
  ).map((key) => ({ key, value: overview.totals[key] }));
  const columns: Column<Figure>[] = [
    {
      key: 'figure',
      header: t('pupilRecords.overview.figure'),
      rowHeader: true,
      cell: (row) => t(`pupilRecords.overview.${row.key}`),
    },
    {
      key: 'value',
      header: t('pupilRecords.overview.value'),
      numeric: true,
      width: '8rem',
      cell: (row) => number(row.value),
    },
  ];
  return (
    <DataTable
      caption={t('pupilRecords.overview.totalsCaption')}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.key}
      empty={t('pupilRecords.overview.empty')}
      // Two short columns fit a phone: the figures stay a grid to compare.
      stackOnSmallScreens={false}
    />
  );
}

function Pupils({
  overview,
  sort,
  onSortChange,
}: {
  overview: ExpertisePointOverview;
  sort: SortOrder | null;
  onSortChange: (sort: SortOrder) => void;
}) {
  const { t } = useTranslation('pupilRecords');
  const { number } = useFormatters();
  // Sorting a page of a longer list would mislead: only a list that is all here sorts itself.
  const complete = overview.totals.activePupils <= overview.pupils.length;
  const columns: Column<OverviewPupil>[] = [
    {
      key: 'pupil',
      header: t('pupilRecords.overview.pupil'),
      rowHeader: true,
      sortable: complete,
      sortValue: (pupil) => pupil.name,
      cell: (pupil) => <RouterLink to={`/trajecten/${pupil.trajectoryId}`}>{pupil.name}</RouterLink>,
    },
    {
      key: 'evaluation',
      header: t('pupilRecords.overview.evaluation'),
      keepWithTitle: true,
      nowrap: true,
      sortable: complete,
      sortValue: (pupil) => (pupil.evaluationDue ? 0 : 1),
      cell: (pupil) => (
        <span
          className={
            pupil.evaluationDue ? 'passend-status passend-status--todo' : 'passend-status passend-status--ok'
          }
        >
          {t(
            pupil.evaluationDue
              ? 'pupilRecords.overview.evaluationDue'
              : 'pupilRecords.overview.evaluationOk',
          )}
        </span>
      ),
    },
    {
      key: 'class',
      header: t('pupilRecords.overview.class'),
      nowrap: true,
      width: '6rem',
      sortable: complete,
      sortValue: (pupil) => pupil.pupilClass,
      cell: (pupil) => pupil.pupilClass,
    },
    {
      key: 'visits',
      header: t('pupilRecords.overview.visits'),
      numeric: true,
      sortable: complete,
      sortValue: (pupil) => pupil.visitsThisWeek,
      cell: (pupil) => number(pupil.visitsThisWeek),
    },
    {
      key: 'contacts',
      header: t('pupilRecords.overview.contacts'),
      numeric: true,
      sortable: complete,
      sortValue: (pupil) => pupil.contactsLast30Days,
      cell: (pupil) => number(pupil.contactsLast30Days),
    },
    {
      key: 'referrals',
      header: t('pupilRecords.overview.referrals'),
      numeric: true,
      sortable: complete,
      sortValue: (pupil) => pupil.pendingReferrals,
      cell: (pupil) => number(pupil.pendingReferrals),
    },
  ];
  return (
    <DataTable
      caption={t('pupilRecords.overview.pupilsCaption')}
      columns={columns}
      rows={overview.pupils}
      rowKey={(pupil) => pupil.trajectoryId}
      empty={t('pupilRecords.overview.empty')}
      sort={complete ? sort : null}
      onSortChange={onSortChange}
    />
  );
}
