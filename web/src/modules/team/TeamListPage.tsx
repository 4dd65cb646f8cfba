import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { uuidPattern } from '../../../../contracts/fields.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  type TeamMemberSummary,
  teamMemberStatusSchema,
  teamPageSchema,
  teamSortSchema,
} from '../../../../contracts/team.ts';
import { api, withQuery } from '../../app/api.ts';
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
import { formatHours, schoolYearLabel, teamKeys, useExpertiseTags } from './team.api.ts';
import './team.css';

const pageSize = 25;

/**
 * `/team`: the expertise team with expertise, contracted hours and the schools each member serves (R1);
 * search, filters, page and sort in the address, sorted and paged on the server.
 */
export function TeamListPage() {
  const { t, i18n } = useTranslation('team');
  const session = useSignedInSession();
  const currentYear = schoolYearOf(todayInAmsterdam());
  const list = useListParams(
    { zoek: '', schooljaar: String(currentYear), status: '', expertise: '' },
    { key: 'name', direction: 'ascending' },
  );
  const years = [currentYear - 1, currentYear, currentYear + 1];
  const schoolYear = years.find((year) => String(year) === list.filters.schooljaar) ?? currentYear;
  const status = teamMemberStatusSchema.safeParse(list.filters.status).data;
  const tagId = uuidPattern.test(list.filters.expertise) ? list.filters.expertise : undefined;
  const sort = teamSortSchema.safeParse(list.apiSort).data;
  const q = list.filters.zoek;
  const tags = useExpertiseTags();

  const team = useQuery({
    queryKey: teamKeys.list({ page: list.page, q, schoolYear, status, tagId, sort }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/team', { page: list.page, pageSize, q, schoolYear, status, tagId, sort }),
        teamPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const isFiltered = q !== '' || schoolYear !== currentYear || status !== undefined || tagId !== undefined;

  const columns: Column<TeamMemberSummary>[] = [
    {
      key: 'name',
      header: t('teamList.columnName'),
      cell: (member) => <RouterLink to={`/team/${member.userId}`}>{member.name}</RouterLink>,
      rowHeader: true,
      sortable: true,
    },
    {
      key: 'teamRole',
      header: t('teamList.columnTeamRole'),
      cell: (member) => t(`teamRoles.${member.teamRole}`),
      sortable: true,
    },
    {
      key: 'tags',
      header: t('teamList.columnTags'),
      cell: (member) => member.tags.map((tag) => tag.name).join(', ') || t('common.none'),
    },
    {
      key: 'hours',
      header: t('teamList.columnHours'),
      cell: (member) =>
        member.contractedHours === null
          ? t('common.noHours')
          : t('common.hours', { hours: formatHours(member.contractedHours, i18n.language) }),
      numeric: true,
      nowrap: true,
      sortable: true,
    },
    {
      key: 'schools',
      header: t('teamList.columnSchools'),
      cell: (member) => (
        <>
          <Paragraph>{t('teamList.schoolCount', { count: member.schoolCount })}</Paragraph>
          {member.schools.length > 0 && (
            <ul className="passend-team-list">
              {member.schools.map((school) => (
                <li key={school.locationId}>
                  {school.name} {school.isContact ? t('teamList.contactMark') : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      ),
    },
    {
      key: 'status',
      header: t('teamList.columnStatus'),
      cell: (member) => t(`memberStatus.${member.status}`),
      keepWithTitle: true,
      nowrap: true,
      sortable: true,
    },
  ];

  return (
    <>
      <PageHeading>{t('teamList.title')}</PageHeading>
      <Paragraph>{t('teamList.intro')}</Paragraph>
      <Paragraph>{t('teamList.loadNote')}</Paragraph>
      {hasPermission(session, 'team.manage') && (
        <Paragraph>
          <RouterLink to="/team/expertise">{t('teamList.manageTags')}</RouterLink>
        </Paragraph>
      )}
      <ListToolbar
        search={{
          label: t('teamList.searchLabel'),
          value: q,
          onSearch: (zoek) => list.setFilters({ zoek }),
        }}
        onClear={isFiltered ? list.clear : undefined}
      >
        <SelectField
          name="schoolYear"
          label={t('teamList.schoolYearLabel')}
          placeholder={schoolYearLabel(currentYear)}
          required={false}
          value={schoolYear === currentYear ? '' : String(schoolYear)}
          onChange={(value) => list.setFilters({ schooljaar: value || String(currentYear) })}
          choices={years
            .filter((year) => year !== currentYear)
            .map((year) => ({ value: String(year), label: schoolYearLabel(year) }))}
        />
        <SelectField
          name="status"
          label={t('teamList.statusLabel')}
          placeholder={t('teamList.statusAll')}
          required={false}
          value={status ?? ''}
          onChange={(value) => list.setFilters({ status: value })}
          choices={teamMemberStatusSchema.options.map((value) => ({
            value,
            label: t(`memberStatus.${value}`),
          }))}
        />
        <SelectField
          name="tag"
          label={t('teamList.tagLabel')}
          placeholder={t('teamList.tagAll')}
          required={false}
          value={tagId ?? ''}
          onChange={(value) => list.setFilters({ expertise: value })}
          choices={(tags.data?.items ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
        />
      </ListToolbar>
      {team.isError && <ErrorAlert errors={formErrorsFrom(team.error)} />}
      {team.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
      {team.data && (
        <>
          <DataTable
            caption={t('teamList.tableCaption', { year: schoolYearLabel(team.data.schoolYear) })}
            columns={columns}
            rows={team.data.items}
            rowKey={(member) => member.userId}
            empty={t('teamList.empty')}
            busy={team.isFetching}
            sort={list.sort}
            onSortChange={list.setSort}
          />
          <Pagination
            page={team.data.page}
            pageSize={team.data.pageSize}
            total={team.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
    </>
  );
}
