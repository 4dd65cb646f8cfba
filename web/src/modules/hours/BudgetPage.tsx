import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type BudgetOverview,
  budgetOverviewSchema,
  type MemberBudgetPage,
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
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { hoursKeys } from './hours.api.ts';

const OverviewChart = lazy(() =>
  import('./BudgetCharts.tsx').then((module) => ({ default: module.OverviewChart })),
);

const pageSize = 100;
const memberPageSize = 50;

/** A school year as the address gives it (`schooljaar`), or the current one when it is none. */
export function schoolYearFrom(value: string | null): number {
  const asked = Number(value);
  return value && Number.isInteger(asked) && asked >= 1990 && asked <= 2100
    ? asked
    : schoolYearOf(todayInAmsterdam());
}

/** The school year in the address, or the current one, for a page without a list of its own. */
export function useSchoolYearParam(): [number, (year: number) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  return [
    schoolYearFrom(searchParams.get('schooljaar')),
    (year) =>
      setSearchParams((params) => {
        params.set('schooljaar', String(year));
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
  const currentYear = schoolYearOf(todayInAmsterdam());
  // The members' list has a page of its own (`teampagina`), beside the schools' `pagina`.
  const list = useListParams({ schooljaar: String(currentYear), teampagina: '' });
  const schoolYear = schoolYearFrom(list.filters.schooljaar);
  const memberPage = Math.max(1, Math.floor(Number(list.filters.teampagina)) || 1);
  const budgets = useQuery({
    queryKey: hoursKeys.budgetOverview(schoolYear, list.page),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/budgets', { schoolYear, page: list.page, pageSize }),
        budgetOverviewSchema,
        signal,
      ),
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
      <ListToolbar>
        <SchoolYearSelect
          value={schoolYear}
          onChange={(year) => list.setFilters({ schooljaar: String(year), teampagina: '' })}
        />
      </ListToolbar>
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
          <SchoolTable overview={data} busy={budgets.isFetching} />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={list.setPage}
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
      {hasPermission(session, 'budgets.read_members') && (
        <MemberTable
          schoolYear={schoolYear}
          page={memberPage}
          onPageChange={(page) => list.setFilters({ teampagina: page > 1 ? String(page) : '' })}
        />
      )}
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

/** "12,5 %" for a share in %, a dash when there is none. */
function usePercent() {
  const format = useFormatters();
  return (value: number | null) => (value === null ? '—' : `${format.number(value)} %`);
}

function SchoolTable({ overview, busy }: { overview: BudgetOverview; busy: boolean }) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const status = useBudgetStatus();
  const percent = usePercent();
  const hours = (value: number | null) => (value === null ? '—' : format.number(value));
  const columns: Column<SchoolBudgetLine>[] = [
    {
      key: 'school',
      header: t('budget.school'),
      cell: (item) => (
        <RouterLink to={`/budget/${item.locationId}?schooljaar=${overview.schoolYear}`}>
          {item.name}
        </RouterLink>
      ),
      rowHeader: true,
    },
    { key: 'allocated', header: t('budget.allocated'), cell: (item) => hours(item.allocated), numeric: true },
    { key: 'used', header: t('budget.used'), cell: (item) => format.number(item.used), numeric: true },
    { key: 'remaining', header: t('budget.remaining'), cell: (item) => hours(item.remaining), numeric: true },
    {
      key: 'percentUsed',
      header: t('budget.percentUsed'),
      cell: (item) => percent(item.percentUsed),
      numeric: true,
      nowrap: true,
    },
    { key: 'status', header: t('budget.statusLabel'), cell: status, keepWithTitle: true, nowrap: true },
  ];
  return (
    <DataTable
      caption={t('budget.caption', { year: formatSchoolYear(overview.schoolYear) })}
      columns={columns}
      rows={overview.items}
      rowKey={(item) => item.locationId}
      empty={t('budget.empty')}
      busy={busy}
    />
  );
}

type MemberLine = MemberBudgetPage['items'][number];

/** Booked against contracted hours: every member for the staff office, oneself for a member. */
function MemberTable({
  schoolYear,
  page,
  onPageChange,
}: {
  schoolYear: number;
  page: number;
  onPageChange: (page: number) => void;
}) {
  const { t } = useTranslation('hours');
  const format = useFormatters();
  const percent = usePercent();
  const members = useQuery({
    queryKey: hoursKeys.memberBudgets(schoolYear, page),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/budgets/members', { schoolYear, page, pageSize: memberPageSize }),
        memberBudgetPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const columns: Column<MemberLine>[] = [
    { key: 'member', header: t('budget.member'), cell: (member) => member.name, rowHeader: true },
    {
      key: 'contracted',
      header: t('budget.contracted'),
      cell: (member) => format.number(member.contracted),
      numeric: true,
    },
    {
      key: 'booked',
      header: t('budget.booked'),
      cell: (member) => format.number(member.booked),
      numeric: true,
    },
    {
      key: 'percentBooked',
      header: t('budget.percentBooked'),
      cell: (member) => percent(member.percentBooked),
      numeric: true,
      nowrap: true,
    },
  ];
  return (
    <>
      <Heading level={2}>{t('budget.membersTitle')}</Heading>
      {members.error && <ErrorAlert errors={formErrorsFrom(members.error)} />}
      {members.data && (
        <>
          <DataTable
            caption={t('budget.membersCaption', { year: formatSchoolYear(schoolYear) })}
            columns={columns}
            rows={members.data.items}
            rowKey={(member) => member.userId}
            empty={t('budget.noMembers')}
            busy={members.isFetching}
          />
          <Pagination
            page={members.data.page}
            pageSize={members.data.pageSize}
            total={members.data.total}
            onPageChange={onPageChange}
          />
        </>
      )}
    </>
  );
}
