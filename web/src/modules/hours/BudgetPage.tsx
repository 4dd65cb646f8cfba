import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type BudgetOverview,
  budgetOverviewSchema,
  memberBudgetPageSchema,
  type SchoolBudgetLine,
} from '../../../../contracts/hours.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
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

const OverviewChart = lazy(() =>
  import('./BudgetCharts.tsx').then((module) => ({ default: module.OverviewChart })),
);

const pageSize = 100;

/** The school year in the address, or the current one. */
export function useSchoolYearParam(): [number, (year: number) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const current = schoolYearOf(todayInAmsterdam());
  const asked = Number(searchParams.get('schooljaar'));
  const schoolYear = Number.isInteger(asked) && asked >= 1990 && asked <= 2100 ? asked : current;
  return [
    schoolYear,
    (year) =>
      setSearchParams((params) => {
        params.set('schooljaar', String(year));
        params.delete('pagina');
        return params;
      }),
  ];
}

/** Choose among the last, this and next school year. */
export function SchoolYearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('hours');
  const current = schoolYearOf(todayInAmsterdam());
  const years = [...new Set([current - 1, current, current + 1, value])].sort();
  return (
    <SelectField
      name="schoolYear"
      label={t('budget.schoolYear')}
      placeholder={t('budget.chooseSchoolYear')}
      value={String(value)}
      onChange={(year) => year && onChange(Number(year))}
      choices={years.map((year) => ({ value: String(year), label: formatSchoolYear(year) }))}
    />
  );
}

/** How far a school is through its hours, in words: the status column and the school page. */
export function useBudgetStatus() {
  const { t } = useTranslation('hours');
  return (line: Pick<SchoolBudgetLine, 'allocated' | 'warning'>) => {
    if (line.allocated === null) return t('budget.status.none');
    if (line.warning === 100) return t('budget.status.over');
    if (line.warning === 80) return t('budget.status.warning');
    return t('budget.status.ok');
  };
}

/**
 * `/budget`: the hours of the schools the reader may see — all for the staff office, the pair's
 * schools for a team member, the own school for a school — with the 80 %/100 % warnings, a chart
 * with its numbers as a table, and for the staff office the members' booked against contracted hours.
 */
export function BudgetPage() {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const session = useSignedInSession();
  const [schoolYear, setSchoolYear] = useSchoolYearParam();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('pagina')) || 1);
  const budgets = useQuery({
    queryKey: ['budgets', schoolYear, page],
    queryFn: ({ signal }) =>
      api.get(withQuery('/api/budgets', { schoolYear, page, pageSize }), budgetOverviewSchema, signal),
    placeholderData: keepPreviousData,
  });
  const data = budgets.data;
  return (
    <>
      <PageHeading>{t('budget.title')}</PageHeading>
      <Paragraph>
        {t(
          // What the page holds depends on the reader: every school, the schools one serves, or one's own.
          hasPermission(session, 'allocations.manage')
            ? 'budget.intro'
            : hasPermission(session, 'time.register')
              ? 'budget.introTeamMember'
              : 'budget.introSchool',
        )}
      </Paragraph>
      <SchoolYearSelect value={schoolYear} onChange={setSchoolYear} />
      {budgets.error && <ErrorAlert errors={formErrorsFrom(budgets.error)} />}
      {data && (
        <>
          {!data.hasAdoptedAllocation && (
            <Alert type="info">
              <Paragraph>{t('budget.noAllocation', { year: formatSchoolYear(schoolYear) })}</Paragraph>
            </Alert>
          )}
          <Warnings overview={data} />
          <Paragraph>
            {t('budget.totals', {
              allocated: format.number(data.totals.allocated),
              used: format.number(data.totals.used),
              remaining: format.number(data.totals.remaining),
            })}
          </Paragraph>
          <SchoolTable overview={data} />
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
          {data.items.length > 0 && (
            <figure className="passend-chart">
              <figcaption>
                <Heading level={2}>{t('budget.chartTitle')}</Heading>
              </figcaption>
              <div role="img" aria-label={t('budget.chartAlt')}>
                <Suspense fallback={<Paragraph>{t('budget.chartLoading')}</Paragraph>}>
                  <OverviewChart
                    items={data.items}
                    labels={{ allocated: t('budget.allocated'), used: t('budget.used') }}
                  />
                </Suspense>
              </div>
            </figure>
          )}
        </>
      )}
      {hasPermission(session, 'budgets.read_members') && <MemberTable schoolYear={schoolYear} />}
    </>
  );
}

function Warnings({ overview }: { overview: BudgetOverview }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  if (overview.warnings.length === 0) return null;
  return (
    <Alert type="warning">
      <Heading level={2}>{t('budget.warningsTitle')}</Heading>
      <UnorderedList>
        {overview.warnings.map((warning) => (
          <UnorderedListItem key={`${warning.locationId}-${warning.threshold}`}>
            {t(warning.threshold === 100 ? 'budget.warning100' : 'budget.warning80', {
              school: warning.name,
              date: format.date(warning.reachedAt),
            })}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </Alert>
  );
}

function SchoolTable({ overview }: { overview: BudgetOverview }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const status = useBudgetStatus();
  const hours = (value: number | null) => (value === null ? '—' : format.number(value));
  if (overview.items.length === 0) return <Paragraph>{t('budget.empty')}</Paragraph>;
  return (
    <ScrollTable caption={t('budget.caption', { year: formatSchoolYear(overview.schoolYear) })}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('budget.school')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('budget.allocated')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('budget.used')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('budget.remaining')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('budget.percentUsed')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('budget.statusLabel')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {overview.items.map((item) => (
          <TableRow key={item.locationId}>
            <TableHeaderCell scope="row">
              <RouterLink to={`/budget/${item.locationId}?schooljaar=${overview.schoolYear}`}>
                {item.name}
              </RouterLink>
            </TableHeaderCell>
            <TableCell>{hours(item.allocated)}</TableCell>
            <TableCell>{format.number(item.used)}</TableCell>
            <TableCell>{hours(item.remaining)}</TableCell>
            <TableCell>{item.percentUsed === null ? '—' : `${format.number(item.percentUsed)} %`}</TableCell>
            <TableCell>{status(item)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      {overview.total > 1 && (
        <TableFooter>
          <TableRow>
            <TableHeaderCell scope="row">{t('budget.allSchools')}</TableHeaderCell>
            <TableCell>{format.number(overview.totals.allocated)}</TableCell>
            <TableCell>{format.number(overview.totals.used)}</TableCell>
            <TableCell>{format.number(overview.totals.remaining)}</TableCell>
            <TableCell colSpan={2} />
          </TableRow>
        </TableFooter>
      )}
    </ScrollTable>
  );
}

/** Booked against contracted hours: every member for the staff office, oneself for a member. */
function MemberTable({ schoolYear }: { schoolYear: number }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const [page, setPage] = useState(1);
  const members = useQuery({
    queryKey: ['budgets', 'members', schoolYear, page],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/budgets/members', { schoolYear, page, pageSize: 50 }),
        memberBudgetPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Heading level={2}>{t('budget.membersTitle')}</Heading>
      {members.error && <ErrorAlert errors={formErrorsFrom(members.error)} />}
      {members.data && (
        <>
          <ScrollTable caption={t('budget.membersCaption', { year: formatSchoolYear(schoolYear) })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.member')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.contracted')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.booked')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.percentBooked')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.data.items.map((member) => (
                <TableRow key={member.userId}>
                  <TableHeaderCell scope="row">{member.name}</TableHeaderCell>
                  <TableCell>{format.number(member.contracted)}</TableCell>
                  <TableCell>{format.number(member.booked)}</TableCell>
                  <TableCell>
                    {member.percentBooked === null ? '—' : `${format.number(member.percentBooked)} %`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
          <Pagination
            page={members.data.page}
            pageSize={members.data.pageSize}
            total={members.data.total}
            onPageChange={setPage}
          />
        </>
      )}
    </>
  );
}
