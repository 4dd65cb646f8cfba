import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { type PupilSummary, pupilListQuerySchema, pupilPageSchema } from '../../../../contracts/pupils.ts';
import { api, withQuery } from '../../app/api.ts';
import { fieldRules } from '../../app/contract-fields.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { locationsOf, pupilKeys } from './pupils.api.ts';

const pageSize = 25;

/** `/leerlingen`: the pupil register of one of the user's schools, searched by name and paged (Y1). */
export function PupilsPage() {
  const { t } = useTranslation('pupils');
  const session = useSignedInSession();
  const format = useFormatters();
  const locations = locationsOf(session.user.roles);
  const params = useListParams({ zoek: '', vestiging: '' });
  const locationId =
    locations.find((location) => location.id === params.filters.vestiging)?.id ?? locations[0]?.id ?? '';
  const q = params.filters.zoek;
  const list = useQuery({
    queryKey: pupilKeys.list(locationId, q, params.page),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/pupils', { locationId, q: q || undefined, page: params.page, pageSize }),
        pupilPageSchema,
        signal,
      ),
    enabled: Boolean(locationId),
    placeholderData: keepPreviousData,
  });
  const columns: Column<PupilSummary>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      rowHeader: true,
      cell: (item) => <RouterLink to={`/leerlingen/${item.id}`}>{item.name}</RouterLink>,
    },
    {
      key: 'birthDate',
      header: t('fields.birthDate'),
      nowrap: true,
      cell: (item) => (item.birthDate ? format.date(item.birthDate) : t('detail.unknown')),
    },
    { key: 'className', header: t('fields.className'), nowrap: true, cell: (item) => item.className ?? '' },
    { key: 'mentor', header: t('fields.mentor'), cell: (item) => item.mentor?.name ?? '' },
  ];
  const data = list.data;
  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <Paragraph>{t('list.intro')}</Paragraph>
      <ListToolbar
        search={{
          label: t('list.search'),
          value: q,
          maxLength: fieldRules(pupilListQuerySchema, 'q').maxLength ?? 0,
          onSearch: (zoek) => params.setFilters({ zoek }),
        }}
        onClear={q ? params.clear : undefined}
      >
        {locations.length > 1 && (
          <SelectField
            name="vestiging"
            label={t('fields.location')}
            placeholder={t('fields.location')}
            required={false}
            value={locationId}
            onChange={(value) => params.setFilters({ vestiging: value })}
            choices={locations.map((location) => ({ value: location.id, label: location.name }))}
          />
        )}
      </ListToolbar>
      {list.error && <ErrorAlert errors={formErrorsFrom(list.error)} />}
      {list.isPending && locationId && (
        <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>
      )}
      {data && (
        <>
          <DataTable
            caption={t('list.caption', { count: data.total })}
            columns={columns}
            rows={data.items}
            rowKey={(item) => item.id}
            empty={t(q ? 'list.emptyFiltered' : 'list.empty')}
            busy={list.isFetching}
          />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={params.setPage}
          />
        </>
      )}
    </>
  );
}
