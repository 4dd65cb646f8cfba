import { useQuery } from '@tanstack/react-query';
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type SchoolBudget, schoolBudgetSchema } from '../../../../contracts/hours.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import {
  type AllocationLineFacts,
  KeyInWords,
  useAllocationLineColumns,
  useSharePercent,
} from './allocation.parts.tsx';
import { SchoolYearSelect, useBudgetStatus, useSchoolYearParam } from './BudgetPage.tsx';
import { hoursKeys } from './hours.api.ts';

const TrendChart = lazy(() =>
  import('./BudgetCharts.tsx').then((module) => ({ default: module.TrendChart })),
);

type TrendMonth = SchoolBudget['trend'][number];
type ActivityHours = SchoolBudget['byActivity'][number];

/**
 * `/budget/:locationId`: one school's hours — allocated, used, remaining — with the trend through the
 * year, the use per kind of work, and how the allocation key arrived at the school's hours.
 */
export function SchoolBudgetPage() {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const status = useBudgetStatus();
  const { locationId = '' } = useParams();
  const [schoolYear, setSchoolYear] = useSchoolYearParam();
  const budget = useQuery({
    queryKey: hoursKeys.schoolBudget(locationId, schoolYear),
    queryFn: ({ signal }) =>
      api.get(withQuery(`/api/budgets/${locationId}`, { schoolYear }), schoolBudgetSchema, signal),
  });
  const data = budget.data;
  const hours = (value: number | null) => (value === null ? '—' : format.number(value));
  const summaryColumns: Column<SchoolBudget>[] = [
    {
      key: 'schoolYear',
      header: t('budget.schoolYear'),
      cell: (row) => formatSchoolYear(row.schoolYear),
      rowHeader: true,
      nowrap: true,
    },
    { key: 'allocated', header: t('budget.allocated'), cell: (row) => hours(row.allocated), numeric: true },
    { key: 'used', header: t('budget.used'), cell: (row) => format.number(row.used), numeric: true },
    { key: 'remaining', header: t('budget.remaining'), cell: (row) => hours(row.remaining), numeric: true },
    {
      key: 'percentUsed',
      header: t('budget.percentUsed'),
      cell: (row) => (row.percentUsed === null ? '—' : `${format.number(row.percentUsed)} %`),
      numeric: true,
      nowrap: true,
    },
    { key: 'status', header: t('budget.statusLabel'), cell: status, keepWithTitle: true, nowrap: true },
  ];
  return (
    <>
      <PageHeading>{data ? data.name : t('budget.schoolTitle')}</PageHeading>
      <Paragraph>
        <RouterLink to={`/budget?schooljaar=${schoolYear}`}>{t('budget.back')}</RouterLink>
      </Paragraph>
      <SchoolYearSelect value={schoolYear} onChange={setSchoolYear} />
      {budget.error && <ErrorAlert errors={formErrorsFrom(budget.error)} />}
      {data && (
        <>
          {data.warning !== null && (
            <Alert type={data.warning === 100 ? 'error' : 'warning'}>
              <Paragraph>{t(data.warning === 100 ? 'budget.overText' : 'budget.warningText')}</Paragraph>
            </Alert>
          )}
          <DataTable
            caption={t('budget.summaryCaption', { year: formatSchoolYear(schoolYear) })}
            columns={summaryColumns}
            rows={[data]}
            rowKey={(row) => `${row.locationId}-${row.schoolYear}`}
            empty={t('budget.noUse')}
          />
          <Trend budget={data} />
          <Activities budget={data} />
          <AllocationExplained budget={data} />
        </>
      )}
    </>
  );
}

function Trend({ budget }: { budget: SchoolBudget }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const columns: Column<TrendMonth>[] = [
    {
      key: 'month',
      header: t('budget.month'),
      cell: (month) => format.month(month.month),
      rowHeader: true,
      nowrap: true,
    },
    {
      key: 'usedInMonth',
      header: t('budget.usedInMonth'),
      cell: (month) => format.number(month.used),
      numeric: true,
    },
    {
      key: 'usedSoFar',
      header: t('budget.usedSoFar'),
      cell: (month) => (month.cumulative === null ? '—' : format.number(month.cumulative)),
      numeric: true,
    },
  ];
  return (
    <>
      <figure className="passend-chart">
        <figcaption>
          <Heading level={2}>{t('budget.trendTitle')}</Heading>
        </figcaption>
        <div role="img" aria-label={t('budget.trendAlt')}>
          <Suspense fallback={<Paragraph>{t('budget.chartLoading')}</Paragraph>}>
            <TrendChart
              budget={budget}
              labels={{ allocated: t('budget.allocated'), used: t('budget.usedSoFar') }}
              monthLabel={format.shortMonth}
            />
          </Suspense>
        </div>
      </figure>
      <DataTable
        caption={t('budget.trendCaption')}
        columns={columns}
        rows={budget.trend}
        rowKey={(month) => month.month}
        empty={t('budget.noUse')}
      />
    </>
  );
}

function Activities({ budget }: { budget: SchoolBudget }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const columns: Column<ActivityHours>[] = [
    {
      key: 'activity',
      header: t('time.activity'),
      cell: (row) => t(`activities.${row.activity}`),
      rowHeader: true,
    },
    {
      key: 'hours',
      header: t('time.hours'),
      cell: (row) => format.number(row.hours),
      numeric: true,
      width: '8rem',
    },
  ];
  return (
    <>
      <Heading level={2}>{t('budget.activitiesTitle')}</Heading>
      {budget.byActivity.length === 0 ? (
        <Paragraph>{t('budget.noUse')}</Paragraph>
      ) : (
        <DataTable
          caption={t('budget.activitiesCaption')}
          columns={columns}
          rows={budget.byActivity}
          rowKey={(row) => row.activity}
          empty={t('budget.noUse')}
        />
      )}
    </>
  );
}

/** The school's line of the key, in words and numbers, for school leaders. */
function AllocationExplained({ budget }: { budget: SchoolBudget }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const allocation = budget.allocation;
  const percent = useSharePercent();
  const lineColumns = useAllocationLineColumns<AllocationLineFacts & { name: string }>();
  const columns: Column<AllocationLineFacts & { name: string }>[] = [
    { key: 'school', header: t('allocation.school'), cell: (line) => line.name, rowHeader: true },
    ...lineColumns,
  ];
  return (
    <>
      <Heading level={2}>{t('budget.explanationTitle')}</Heading>
      {allocation === null ? (
        <Paragraph>{t('budget.noAllocation', { year: formatSchoolYear(budget.schoolYear) })}</Paragraph>
      ) : (
        <>
          <KeyInWords allocation={allocation} />
          <Paragraph>
            {t('budget.forThisSchool', {
              schools: allocation.schools,
              pupils: format.number(allocation.line.pupils),
              pupilShare: percent(allocation.line.pupilShare),
              requests: format.number(allocation.line.requests),
              requestShare: percent(allocation.line.requestShare),
              hours: format.number(allocation.line.hours),
            })}
          </Paragraph>
          <DataTable
            caption={t('budget.lineCaption', { version: allocation.version })}
            columns={columns}
            rows={[{ ...allocation.line, name: budget.name }]}
            rowKey={(line) => line.name}
            empty={t('budget.noUse')}
          />
        </>
      )}
    </>
  );
}
