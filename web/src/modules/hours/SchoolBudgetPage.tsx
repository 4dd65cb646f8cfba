import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
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
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import {
  AllocationLineCells,
  AllocationLineHeaders,
  KeyInWords,
  useSharePercent,
} from './allocation.parts.tsx';
import { SchoolYearSelect, useBudgetStatus, useSchoolYearParam } from './BudgetPage.tsx';

const TrendChart = lazy(() =>
  import('./BudgetCharts.tsx').then((module) => ({ default: module.TrendChart })),
);

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
    queryKey: ['budgets', 'school', locationId, schoolYear],
    queryFn: ({ signal }) =>
      api.get(withQuery(`/api/budgets/${locationId}`, { schoolYear }), schoolBudgetSchema, signal),
  });
  const data = budget.data;
  const hours = (value: number | null) => (value === null ? '—' : format.number(value));
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
          <ScrollTable caption={t('budget.summaryCaption', { year: formatSchoolYear(schoolYear) })}>
            <TableBody>
              <TableRow>
                <TableHeaderCell scope="row">{t('budget.allocated')}</TableHeaderCell>
                <TableCell>{hours(data.allocated)}</TableCell>
              </TableRow>
              <TableRow>
                <TableHeaderCell scope="row">{t('budget.used')}</TableHeaderCell>
                <TableCell>{format.number(data.used)}</TableCell>
              </TableRow>
              <TableRow>
                <TableHeaderCell scope="row">{t('budget.remaining')}</TableHeaderCell>
                <TableCell>{hours(data.remaining)}</TableCell>
              </TableRow>
              <TableRow>
                <TableHeaderCell scope="row">{t('budget.percentUsed')}</TableHeaderCell>
                <TableCell>
                  {data.percentUsed === null ? '—' : `${format.number(data.percentUsed)} %`}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableHeaderCell scope="row">{t('budget.statusLabel')}</TableHeaderCell>
                <TableCell>{status(data)}</TableCell>
              </TableRow>
            </TableBody>
          </ScrollTable>
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
      <ScrollTable caption={t('budget.trendCaption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('budget.month')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('budget.usedInMonth')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('budget.usedSoFar')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {budget.trend.map((month) => (
            <TableRow key={month.month}>
              <TableHeaderCell scope="row">{format.month(month.month)}</TableHeaderCell>
              <TableCell>{format.number(month.used)}</TableCell>
              <TableCell>{month.cumulative === null ? '—' : format.number(month.cumulative)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
    </>
  );
}

function Activities({ budget }: { budget: SchoolBudget }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  return (
    <>
      <Heading level={2}>{t('budget.activitiesTitle')}</Heading>
      {budget.byActivity.length === 0 ? (
        <Paragraph>{t('budget.noUse')}</Paragraph>
      ) : (
        <ScrollTable caption={t('budget.activitiesCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('time.activity')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('time.hours')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {budget.byActivity.map((row) => (
              <TableRow key={row.activity}>
                <TableHeaderCell scope="row">{t(`activities.${row.activity}`)}</TableHeaderCell>
                <TableCell>{format.number(row.hours)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
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
          <ScrollTable caption={t('budget.lineCaption', { version: allocation.version })}>
            <TableHeader>
              <TableRow>
                <AllocationLineHeaders />
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow>
                <AllocationLineCells line={allocation.line} />
              </TableRow>
            </TableBody>
          </ScrollTable>
        </>
      )}
    </>
  );
}
