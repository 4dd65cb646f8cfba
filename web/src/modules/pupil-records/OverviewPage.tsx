import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type ExpertisePointOverview,
  expertisePointOverviewSchema,
} from '../../../../contracts/pupil-records.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { LocationPicker, useLocationParam } from './shared.tsx';

/**
 * `/expertisepunt/overzicht`: one expertise point at a glance (issue 7, point 11) — active pupils,
 * attendance this week, OPP evaluations due, contacts in the last 30 days and pending referrals.
 */
export function OverviewPage() {
  const { t } = useTranslation('pupilRecords');
  const format = useFormatters();
  const [locationId, setLocationId] = useLocationParam();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('pagina')) || 1);
  const overview = useQuery({
    queryKey: ['pupil-records', 'overview', locationId ?? null, page],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/overview', { locationId, page }),
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
          <LocationPicker locations={data.locations} value={data.locationId} onChange={setLocationId} />
          <Paragraph>
            {t('pupilRecords.overview.week', {
              start: format.date(data.weekStart),
              end: format.date(data.weekEnd),
            })}
          </Paragraph>
          <Totals overview={data} />
          <Heading level={2}>{t('pupilRecords.overview.pupilsCaption')}</Heading>
          {data.pupils.length === 0 ? (
            <Paragraph>{t('pupilRecords.overview.empty')}</Paragraph>
          ) : (
            <Pupils overview={data} />
          )}
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.totals.activePupils}
            onPageChange={(next) =>
              setSearchParams((params) => {
                params.set('pagina', String(next));
                return params;
              })
            }
          />
        </>
      )}
    </>
  );
}

function Totals({ overview }: { overview: ExpertisePointOverview }) {
  const { t } = useTranslation('pupilRecords');
  const { number } = useFormatters();
  const rows = [
    ['activePupils', overview.totals.activePupils],
    ['visitsThisWeek', overview.totals.visitsThisWeek],
    ['pupilsVisitedThisWeek', overview.totals.pupilsVisitedThisWeek],
    ['evaluationsDue', overview.totals.evaluationsDue],
    ['contactsLast30Days', overview.totals.contactsLast30Days],
    ['referralsPending', overview.totals.referralsPending],
  ] as const;
  return (
    <ScrollTable caption={t('pupilRecords.overview.totalsCaption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.figure')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.value')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([key, value]) => (
          <TableRow key={key}>
            <TableHeaderCell scope="row">{t(`pupilRecords.overview.${key}`)}</TableHeaderCell>
            <TableCell>{number(value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

function Pupils({ overview }: { overview: ExpertisePointOverview }) {
  const { t } = useTranslation('pupilRecords');
  const { number } = useFormatters();
  return (
    <ScrollTable caption={t('pupilRecords.overview.pupilsCaption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.pupil')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.class')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.visits')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.contacts')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.referrals')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.overview.evaluation')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {overview.pupils.map((pupil) => (
          <TableRow key={pupil.trajectoryId}>
            <TableHeaderCell scope="row">
              <RouterLink to={`/trajecten/${pupil.trajectoryId}`}>{pupil.name}</RouterLink>
            </TableHeaderCell>
            <TableCell>{pupil.pupilClass}</TableCell>
            <TableCell>{number(pupil.visitsThisWeek)}</TableCell>
            <TableCell>{number(pupil.contactsLast30Days)}</TableCell>
            <TableCell>{number(pupil.pendingReferrals)}</TableCell>
            <TableCell>
              <span
                className={
                  pupil.evaluationDue
                    ? 'passend-status passend-status--todo'
                    : 'passend-status passend-status--ok'
                }
              >
                {t(
                  pupil.evaluationDue
                    ? 'pupilRecords.overview.evaluationDue'
                    : 'pupilRecords.overview.evaluationOk',
                )}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
