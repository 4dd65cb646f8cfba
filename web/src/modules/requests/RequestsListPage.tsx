import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type PupilSearchReach,
  type RequestListItem,
  requestAttentions,
  requestFilterOptionsSchema,
  requestPageSchema,
  requestSortKeys,
  requestStatuses,
  requestTypes,
} from '../../../../contracts/requests.ts';
import { formatSchoolYear, schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { CheckboxField } from '../../ui/form/ChoiceFields.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { requestKeys } from './requests.api.ts';
import { StatusTag } from './StatusTag.tsx';
import './requests.css';

const pageSize = 25;
// The search box's limit: the list contract's `q`.
const searchMaxLength = 100;
// Filters in the address, under the Dutch names the list has always used.
const filterDefaults = {
  zoek: '',
  status: '',
  soort: '',
  schooljaar: '',
  school: '',
  teamlid: '',
  mijn: '',
  // "Mijn werk" links here with what waits for the school (consent, informing parents).
  aandacht: '',
};
const noConsentYet = ['draft', 'refused', 'withdrawn'];

const searchLabels = {
  all: 'list.search',
  some: 'list.searchSomePupils',
  none: 'list.searchNoPupils',
} as const satisfies Record<PupilSearchReach, string>;

/** `/hulpvragen`: the requests the user may see, filtered, sorted and paged on the server (R1, P1). */
export function RequestsListPage() {
  const { t } = useTranslation('requests');
  const session = useSignedInSession();
  const { i18n } = useTranslation();
  // "6 dec. 2025": day, month, year in a width that fits beside seven other columns.
  const shortDate = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', {
        dateStyle: 'medium',
        timeZone: 'Europe/Amsterdam',
      }),
    [i18n.language],
  );
  const list = useListParams(filterDefaults, { key: 'updated', direction: 'descending' });
  const { filters } = list;
  const isTeamMember = session.user.roles.some((assignment) => assignment.role === 'team_member');
  const currentYear = schoolYearOf(todayInAmsterdam());
  const hasFilters = Object.values(filters).some((value) => value !== '');
  // A sort the server does not know (an edited address) falls back to the server's own order.
  const sortKnown = (requestSortKeys as readonly string[]).includes(list.sort?.key ?? '');
  const apiSort = sortKnown ? list.apiSort : undefined;

  const requests = useQuery({
    queryKey: requestKeys.list({ filters, page: list.page, sort: apiSort }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/requests', {
          page: list.page,
          pageSize,
          q: filters.zoek,
          status: filters.status,
          type: filters.soort,
          schoolYear: filters.schooljaar,
          locationId: filters.school,
          assignedUserId: filters.teamlid,
          mine: filters.mijn === 'ja' ? 'true' : undefined,
          attention: requestAttentions.find((candidate) => candidate === filters.aandacht),
          sort: apiSort,
        }),
        requestPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const choices = useQuery({
    queryKey: requestKeys.filterOptions(),
    queryFn: ({ signal }) => api.get('/api/requests/filter-options', requestFilterOptionsSchema, signal),
  });

  const manySchools = (choices.data?.locations.length ?? 0) > 1;
  // The staff office is shown the pupil only of requests assigned to it: the field says so (P1).
  const pupilSearch = choices.data?.pupilSearch ?? 'none';
  const columns: Column<RequestListItem>[] = [
    {
      key: 'reference',
      header: t('list.reference'),
      rowHeader: true,
      nowrap: true,
      sortable: true,
      cell: (item) => <RouterLink to={`/hulpvragen/${item.id}`}>{item.reference}</RouterLink>,
    },
    {
      key: 'status',
      header: t('list.status'),
      keepWithTitle: true,
      sortable: true,
      cell: (item) => <StatusTag status={item.status} />,
    },
    // Only where the user sees more than one school: for the others every row would say the same.
    ...(manySchools
      ? [
          {
            key: 'school',
            header: t('list.school'),
            sortable: true,
            cell: (item: RequestListItem) => item.location.name,
          },
        ]
      : []),
    {
      key: 'type',
      header: t('list.type'),
      cell: (item) => (item.type ? t(`types.${item.type}`) : '—'),
    },
    {
      key: 'pupil',
      header: t('list.pupil'),
      cell: (item) => (item.pupilHidden ? t('list.hidden') : (item.pupilName ?? '—')),
    },
    {
      key: 'consent',
      header: t('list.consent'),
      cell: (item) => (noConsentYet.includes(item.status) ? '—' : t(`consentStatus.${item.consentStatus}`)),
    },
    { key: 'assignedTo', header: t('list.assignedTo'), cell: (item) => item.assignedTo?.name ?? '—' },
    {
      key: 'updated',
      header: t('list.updated'),
      nowrap: true,
      sortable: true,
      cell: (item) => shortDate.format(new Date(item.updatedAt)),
    },
  ];

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <Paragraph>{t('list.intro')}</Paragraph>
      {hasPermission(session, 'requests.create') && (
        <Paragraph>
          <RouterLink to="/hulpvragen/nieuw">{t('list.new')}</RouterLink>
        </Paragraph>
      )}
      <ListToolbar
        search={{
          label: t(
            pupilSearch === 'all' && !manySchools ? 'list.searchOneSchool' : searchLabels[pupilSearch],
          ),
          description: pupilSearch === 'some' ? t('list.searchSomePupilsHint') : undefined,
          value: filters.zoek,
          maxLength: searchMaxLength,
          onSearch: (zoek) => list.setFilters({ zoek }),
        }}
        onClear={hasFilters ? list.clear : undefined}
      >
        <SelectField
          name="status"
          label={t('list.status')}
          placeholder={t('list.all')}
          required={false}
          value={filters.status}
          onChange={(status) => list.setFilters({ status })}
          choices={requestStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
        />
        <SelectField
          name="soort"
          label={t('list.type')}
          placeholder={t('list.all')}
          required={false}
          value={filters.soort}
          onChange={(soort) => list.setFilters({ soort })}
          choices={requestTypes.map((value) => ({ value, label: t(`types.${value}`) }))}
        />
        <SelectField
          name="schooljaar"
          label={t('list.schoolYear')}
          placeholder={t('list.all')}
          required={false}
          value={filters.schooljaar}
          onChange={(schooljaar) => list.setFilters({ schooljaar })}
          choices={[currentYear, currentYear - 1, currentYear - 2].map((year) => ({
            value: String(year),
            label: formatSchoolYear(year),
          }))}
        />
        {(choices.data?.locations.length ?? 0) > 1 && (
          <SelectField
            name="school"
            label={t('list.school')}
            placeholder={t('list.all')}
            required={false}
            value={filters.school}
            onChange={(school) => list.setFilters({ school })}
            choices={(choices.data?.locations ?? []).map((location) => ({
              value: location.id,
              label: location.name,
            }))}
          />
        )}
        {(choices.data?.members.length ?? 0) > 0 && (
          <SelectField
            name="teamlid"
            label={t('list.member')}
            placeholder={t('list.all')}
            required={false}
            value={filters.teamlid}
            onChange={(teamlid) => list.setFilters({ teamlid })}
            choices={(choices.data?.members ?? []).map((member) => ({
              value: member.id,
              label: member.name,
            }))}
          />
        )}
        {isTeamMember && (
          <CheckboxField
            name="mijn"
            label={t('list.mine')}
            checked={filters.mijn === 'ja'}
            onChange={(checked) => list.setFilters({ mijn: checked ? 'ja' : '' })}
          />
        )}
      </ListToolbar>
      {requests.isError && <ErrorAlert errors={formErrorsFrom(requests.error)} />}
      {requests.data && (
        <div className="passend-requests-list">
          <DataTable
            caption={t('list.caption', { count: requests.data.total })}
            columns={columns}
            rows={requests.data.items}
            rowKey={(item) => item.id}
            empty={t('list.empty')}
            busy={requests.isFetching}
            sort={sortKnown ? list.sort : null}
            onSortChange={list.setSort}
          />
          <Pagination
            page={requests.data.page}
            pageSize={requests.data.pageSize}
            total={requests.data.total}
            onPageChange={list.setPage}
          />
        </div>
      )}
      {requests.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
    </>
  );
}
