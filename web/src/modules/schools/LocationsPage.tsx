import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { uuidPattern } from '../../../../contracts/fields.ts';
import {
  type LocationListItem,
  locationPageSchema,
  locationSortSchema,
  sectorSchema,
  sectors,
} from '../../../../contracts/locations.ts';
import { formatSchoolYear } from '../../../../contracts/school-year.ts';
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
import { schoolsKeys, useSchoolBoards } from './schools.api.ts';
import './schools.css';

const pageSize = 25;

/**
 * `/scholen`: the locations the user may see, searchable, filterable, sorted and paged on the server;
 * search, filters, sort and page live in the address so a list can be bookmarked and shared.
 */
export function LocationsPage() {
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  const { number } = useFormatters();
  const session = useSignedInSession();
  const list = useListParams({ zoek: '', sector: '', bestuur: '' }, { key: 'name', direction: 'ascending' });
  const boards = useSchoolBoards();
  const canManage = hasPermission(session, 'locations.manage');
  const canImport = hasPermission(session, 'locations.import');
  const sector = sectorSchema.safeParse(list.filters.sector).data;
  const boardId = uuidPattern.test(list.filters.bestuur) ? list.filters.bestuur : undefined;
  const sort = locationSortSchema.safeParse(list.sort?.key).data ?? 'name';
  const direction = list.sort?.direction === 'descending' ? 'desc' : 'asc';

  const query = { page: list.page, pageSize, q: list.filters.zoek, sector, boardId, sort, direction };
  const locations = useQuery({
    queryKey: [...schoolsKeys.lists, query],
    queryFn: ({ signal }) => api.get(withQuery('/api/locations', query), locationPageSchema, signal),
    placeholderData: keepPreviousData,
  });
  const year = locations.data ? formatSchoolYear(locations.data.schoolYear) : '';
  const filtered = Boolean(list.filters.zoek || sector || boardId);

  const columns: Column<LocationListItem>[] = [
    {
      key: 'name',
      header: t('locationList.columnName'),
      cell: (location) => <RouterLink to={`/scholen/${location.id}`}>{location.name}</RouterLink>,
      rowHeader: true,
      sortable: true,
    },
    {
      key: 'brin',
      header: t('locationList.columnBrin'),
      cell: (location) => `${location.brin} ${location.locationCode}`,
      nowrap: true,
      sortable: true,
    },
    {
      key: 'place',
      header: t('locationList.columnPlace'),
      cell: (location) => location.place,
      sortable: true,
    },
    {
      key: 'sector',
      header: t('locationList.columnSector'),
      cell: (location) => common(`sectors.${location.sector}`),
      sortable: true,
    },
    {
      key: 'board',
      header: t('locationList.columnBoard'),
      cell: (location) => location.boardName ?? t('locationList.noBoard'),
    },
    {
      key: 'pupils',
      header: t('locationList.columnPupils'),
      cell: (location) => (location.pupils === null ? t('locationList.noCount') : number(location.pupils)),
      numeric: true,
      sortable: true,
    },
    {
      key: 'status',
      header: t('locationList.columnStatus'),
      cell: (location) => (location.active ? t('locationList.active') : t('locationList.inactive')),
      keepWithTitle: true,
      nowrap: true,
    },
  ];

  return (
    <>
      <PageHeading>{t('locationList.title')}</PageHeading>
      <Paragraph>{t('locationList.intro', { year: year || '…' })}</Paragraph>
      {(canManage || canImport) && (
        <ButtonGroup>
          {canManage && <RouterLink to="/scholen/nieuw">{t('locationList.add')}</RouterLink>}
          {canImport && <RouterLink to="/scholen/importeren">{t('locationList.import')}</RouterLink>}
        </ButtonGroup>
      )}
      <ListToolbar
        search={{
          label: t('locationList.searchLabel'),
          value: list.filters.zoek,
          onSearch: (zoek) => list.setFilters({ zoek }),
        }}
        onClear={filtered ? list.clear : undefined}
      >
        <SelectField
          name="sector"
          label={t('locationList.sectorLabel')}
          placeholder={t('locationList.sectorAll')}
          required={false}
          value={sector ?? ''}
          onChange={(value) => list.setFilters({ sector: value })}
          choices={sectors.map((value) => ({ value, label: common(`sectors.${value}`) }))}
        />
        <SelectField
          name="boardId"
          label={t('locationList.boardLabel')}
          placeholder={t('locationList.boardAll')}
          required={false}
          value={boardId ?? ''}
          onChange={(value) => list.setFilters({ bestuur: value })}
          choices={(boards.data?.items ?? []).map((board) => ({ value: board.id, label: board.name }))}
        />
      </ListToolbar>
      {locations.isError && <ErrorAlert errors={formErrorsFrom(locations.error)} />}
      {locations.isPending && <Paragraph role="status">{common('app.loading')}</Paragraph>}
      {locations.data && (
        <>
          <DataTable
            caption={t(filtered ? 'locationList.tableCaptionFiltered' : 'locationList.tableCaption', {
              year,
            })}
            columns={columns}
            rows={locations.data.items}
            rowKey={(location) => location.id}
            empty={t('locationList.empty')}
            busy={locations.isFetching}
            sort={list.sort}
            onSortChange={list.setSort}
          />
          <Pagination
            page={locations.data.page}
            pageSize={locations.data.pageSize}
            total={locations.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
    </>
  );
}
