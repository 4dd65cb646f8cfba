import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormField,
  FormLabel,
  Paragraph,
  SecondaryActionButton,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type LocationSort,
  locationPageSchema,
  locationSortSchema,
  type SortDirection,
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
import { TextField } from '../../ui/TextField.tsx';
import { schoolsKeys, useSchoolBoards } from './schools.api.ts';
import './schools.css';

const pageSize = 25;

function positiveInteger(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 1;
}

type Filters = { q: string; sector: string; boardId: string };
type ListState = Filters & { sort: LocationSort; direction: SortDirection; page: number };

/** Reads the list state from the address, so a filtered, sorted page can be bookmarked and shared. */
function useListState(): [ListState, (next: Partial<ListState>) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const sort = locationSortSchema.safeParse(searchParams.get('sorteer'));
  const sector = sectorSchema.safeParse(searchParams.get('sector'));
  const state: ListState = {
    q: searchParams.get('zoek') ?? '',
    sector: sector.success ? sector.data : '',
    boardId: searchParams.get('bestuur') ?? '',
    sort: sort.success ? sort.data : 'name',
    direction: searchParams.get('richting') === 'desc' ? 'desc' : 'asc',
    page: positiveInteger(searchParams.get('pagina')),
  };
  const go = (next: Partial<ListState>) => {
    const merged = { ...state, ...next };
    const params = new URLSearchParams();
    if (merged.q) params.set('zoek', merged.q);
    if (merged.sector) params.set('sector', merged.sector);
    if (merged.boardId) params.set('bestuur', merged.boardId);
    if (merged.sort !== 'name') params.set('sorteer', merged.sort);
    if (merged.direction === 'desc') params.set('richting', 'desc');
    if (merged.page > 1) params.set('pagina', String(merged.page));
    setSearchParams(params);
  };
  return [state, go];
}

/** `/scholen`: the locations the user may see, searchable, filterable, sortable and paged. */
export function LocationsPage() {
  const { t } = useTranslation('schools');
  const { t: common } = useTranslation();
  const { number } = useFormatters();
  const session = useSignedInSession();
  const captionId = useId();
  const [state, go] = useListState();
  const [draft, setDraft] = useState<Filters>({ q: state.q, sector: state.sector, boardId: state.boardId });
  const boards = useSchoolBoards();
  const canManage = hasPermission(session, 'locations.manage');
  const canImport = hasPermission(session, 'locations.import');

  const query = {
    page: state.page,
    pageSize,
    q: state.q,
    sector: state.sector,
    boardId: state.boardId,
    sort: state.sort,
    direction: state.direction,
  };
  const locations = useQuery({
    queryKey: [...schoolsKeys.lists, query],
    queryFn: ({ signal }) => api.get(withQuery('/api/locations', query), locationPageSchema, signal),
    placeholderData: keepPreviousData,
  });
  const year = locations.data ? formatSchoolYear(locations.data.schoolYear) : '';
  const filtered = Boolean(state.q || state.sector || state.boardId);

  const columns: Array<{ sort: LocationSort | null; label: string; numeric?: boolean }> = [
    { sort: 'name', label: t('locationList.columnName') },
    { sort: 'brin', label: t('locationList.columnBrin') },
    { sort: 'place', label: t('locationList.columnPlace') },
    { sort: 'sector', label: t('locationList.columnSector') },
    { sort: null, label: t('locationList.columnBoard') },
    { sort: 'pupils', label: t('locationList.columnPupils'), numeric: true },
    { sort: null, label: t('locationList.columnStatus') },
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
      <search>
        <form
          className="passend-toolbar"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            go({ ...draft, q: draft.q.trim(), page: 1 });
          }}
        >
          <TextField
            name="q"
            type="search"
            label={t('locationList.searchLabel')}
            required={false}
            autoComplete="off"
            maxLength={100}
            value={draft.q}
            onChange={(q) => setDraft((current) => ({ ...current, q }))}
          />
          <FilterSelect
            name="sector"
            label={t('locationList.sectorLabel')}
            value={draft.sector}
            onChange={(sector) => setDraft((current) => ({ ...current, sector }))}
            choices={[
              { value: '', label: t('locationList.sectorAll') },
              ...sectors.map((sector) => ({ value: sector, label: common(`sectors.${sector}`) })),
            ]}
          />
          <FilterSelect
            name="boardId"
            label={t('locationList.boardLabel')}
            value={draft.boardId}
            onChange={(boardId) => setDraft((current) => ({ ...current, boardId }))}
            choices={[
              { value: '', label: t('locationList.boardAll') },
              ...(boards.data?.items ?? []).map((board) => ({ value: board.id, label: board.name })),
            ]}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('locationList.apply')}</SecondaryActionButton>
            {filtered && (
              <SecondaryActionButton
                type="button"
                onClick={() => {
                  setDraft({ q: '', sector: '', boardId: '' });
                  go({ q: '', sector: '', boardId: '', page: 1 });
                }}
              >
                {t('locationList.clear')}
              </SecondaryActionButton>
            )}
          </ButtonGroup>
        </form>
      </search>
      {locations.isError && <ErrorAlert errors={formErrorsFrom(locations.error)} />}
      {locations.data && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
          <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <Table busy={locations.isFetching}>
              <TableCaption id={captionId}>
                {t(filtered ? 'locationList.tableCaptionFiltered' : 'locationList.tableCaption', { year })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  {columns.map((column) => {
                    const current = column.sort !== null && column.sort === state.sort;
                    const ariaSort = current
                      ? state.direction === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : undefined;
                    return (
                      <TableHeaderCell
                        key={column.label}
                        scope="col"
                        aria-sort={ariaSort}
                        className={column.numeric ? 'passend-number-cell' : undefined}
                      >
                        {column.sort ? (
                          <button
                            type="button"
                            className="passend-sort-button"
                            onClick={() =>
                              go({
                                sort: column.sort as LocationSort,
                                direction: current && state.direction === 'asc' ? 'desc' : 'asc',
                                page: 1,
                              })
                            }
                          >
                            {column.label}
                            <span aria-hidden="true">
                              {current ? (state.direction === 'asc' ? '▲' : '▼') : '↕'}
                            </span>
                            <span className="passend-visually-hidden">
                              {current
                                ? t(
                                    state.direction === 'asc'
                                      ? 'locationList.sortedAscending'
                                      : 'locationList.sortedDescending',
                                  )
                                : ''}
                            </span>
                          </button>
                        ) : (
                          column.label
                        )}
                      </TableHeaderCell>
                    );
                  })}
                </TableRow>
              </TableHeader>
              <TableBody>
                {locations.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={columns.length}>{t('locationList.empty')}</TableCell>
                  </TableRow>
                )}
                {locations.data.items.map((location) => (
                  <TableRow key={location.id}>
                    <TableHeaderCell scope="row">
                      <RouterLink to={`/scholen/${location.id}`}>{location.name}</RouterLink>
                    </TableHeaderCell>
                    <TableCell>
                      {location.brin} {location.locationCode}
                    </TableCell>
                    <TableCell>{location.place}</TableCell>
                    <TableCell>{common(`sectors.${location.sector}`)}</TableCell>
                    <TableCell>{location.boardName ?? t('locationList.noBoard')}</TableCell>
                    <TableCell className="passend-number-cell">
                      {location.pupils === null ? t('locationList.noCount') : number(location.pupils)}
                    </TableCell>
                    <TableCell>
                      {location.active ? t('locationList.active') : t('locationList.inactive')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <Pagination
            page={locations.data.page}
            pageSize={locations.data.pageSize}
            total={locations.data.total}
            onPageChange={(page) => go({ page })}
          />
        </>
      )}
      {locations.isPending && <Paragraph role="status">{common('app.loading')}</Paragraph>}
    </>
  );
}

type FilterSelectProps = {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  choices: Array<{ value: string; label: string }>;
};

/** A labelled filter select; unlike SelectField it is optional, its first choice means "all". */
function FilterSelect({ name, label, value, onChange, choices }: FilterSelectProps) {
  const id = `${useId()}-${name}`;
  return (
    <FormField
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      input={
        <Select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)}>
          {choices.map((choice) => (
            <SelectOption key={choice.value} value={choice.value}>
              {choice.label}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}
