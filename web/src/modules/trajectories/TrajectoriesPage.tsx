import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../../../contracts/actions.ts';
import {
  type TrajectorySummary,
  trajectoryAttentions,
  trajectoryListQuerySchema,
  trajectoryPageSchema,
  trajectorySorts,
  trajectoryStatuses,
} from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { fieldRules } from '../../app/contract-fields.ts';
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
import { BronExportSection } from './BronExportSection.tsx';
import { TrajectoryStatusTag } from './TrajectoryStatusTag.tsx';
import { trajectoryKeys } from './trajectories.api.ts';

const pageSize = 25;

/**
 * `/trajecten`: the pupils at the expertise point the user may see (P1), and `/signalen`: the signals a
 * teacher recorded themselves. Status, search text and page live in the address; the server filters.
 */
/** A link to another screen, offered only with its action. */
type PageLink = { to: string; action: Action; label: string };

export function TrajectoriesPage({ ownSignals = false }: { ownSignals?: boolean }) {
  const { t } = useTranslation('trajectories');
  const session = useSignedInSession();
  const format = useFormatters();
  const params = useListParams({ zoek: '', status: '', aandacht: '', vestiging: '' });
  const status = trajectoryStatuses.find((candidate) => candidate === params.filters.status);
  // "Mijn werk" links here with what the files wait for (an OPP to adopt or evaluate).
  const attention = trajectoryAttentions.find((candidate) => candidate === params.filters.aandacht);
  // A sort the server does not know (an old or edited address) falls back to its own order.
  const sort = trajectorySorts.find((candidate) => candidate === params.apiSort);
  const q = params.filters.zoek;
  // The figures drill down to one school's pupils; an address with something else shows every school.
  const locationId = trajectoryListQuerySchema.shape.locationId.safeParse(params.filters.vestiging).data;
  const list = useQuery({
    queryKey: trajectoryKeys.list({ ownSignals, status, attention, locationId, q, page: params.page, sort }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery(ownSignals ? '/api/signals' : '/api/trajectories', {
          status,
          attention: ownSignals ? undefined : attention,
          locationId: ownSignals ? undefined : locationId,
          q: q || undefined,
          sort,
          page: params.page,
          pageSize,
        }),
        trajectoryPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const base = ownSignals ? '/signalen' : '/trajecten';
  const columns: Column<TrajectorySummary>[] = [
    {
      key: 'pupil',
      header: t('list.pupil'),
      rowHeader: true,
      sortable: true,
      cell: (item) => <RouterLink to={`${base}/${item.id}`}>{item.pupilName}</RouterLink>,
    },
    {
      key: 'status',
      header: t('list.status'),
      keepWithTitle: true,
      nowrap: true,
      width: '9rem',
      cell: (item) => <TrajectoryStatusTag status={item.status} />,
    },
    {
      key: 'pupilClass',
      header: t('fields.pupilClass'),
      nowrap: true,
      sortable: true,
      width: '6rem',
      cell: (item) => item.pupilClass,
    },
    { key: 'location', header: t('fields.locationId'), cell: (item) => item.locationName },
    { key: 'mentor', header: t('fields.mentorUserId'), cell: (item) => item.mentorName },
    {
      key: 'signalledOn',
      header: t('list.signalledOn'),
      nowrap: true,
      sortable: true,
      width: '10rem',
      cell: (item) => format.date(item.signalledOn),
    },
  ];

  return (
    <>
      <PageHeading>{t(ownSignals ? 'list.ownTitle' : 'list.title')}</PageHeading>
      <Paragraph>{t(ownSignals ? 'list.ownIntro' : 'list.intro')}</Paragraph>
      <nav aria-label={t('list.more')}>
        <UnorderedList>
          {(
            [
              { to: '/signalen/nieuw', action: 'trajectories.signal', label: t('list.new') },
              ...(ownSignals
                ? []
                : ([
                    { to: '/expertisepunt/vandaag', action: 'attendance.manage', label: t('list.today') },
                    { to: '/expertisepunt/week', action: 'trajectories.read', label: t('list.week') },
                    {
                      to: '/expertisepunt/overzicht',
                      action: 'expertise_point.overview',
                      label: t('list.overview'),
                    },
                    {
                      to: '/expertisepunt/docenten',
                      action: 'teacher_support.read',
                      label: t('list.teachers'),
                    },
                  ] satisfies PageLink[])),
            ] satisfies PageLink[]
          )
            .filter((link) => hasPermission(session, link.action))
            .map((link) => (
              <UnorderedListItem key={link.to}>
                <RouterLink to={link.to}>{link.label}</RouterLink>
              </UnorderedListItem>
            ))}
        </UnorderedList>
      </nav>
      <ListToolbar
        search={{
          label: t('list.search'),
          value: q,
          maxLength: fieldRules(trajectoryListQuerySchema, 'q').maxLength ?? 0,
          onSearch: (zoek) => params.setFilters({ zoek }),
        }}
        onClear={q || status || locationId || params.sort ? params.clear : undefined}
      >
        <SelectField
          name="status"
          label={t('list.status')}
          placeholder={t('list.allStatuses')}
          required={false}
          value={status ?? ''}
          onChange={(value) => params.setFilters({ status: value })}
          choices={trajectoryStatuses.map((value) => ({ value, label: t(`statuses.${value}`) }))}
        />
      </ListToolbar>
      {locationId && !ownSignals && <Paragraph>{t('list.oneLocation')}</Paragraph>}
      {list.error && <ErrorAlert errors={formErrorsFrom(list.error)} />}
      {list.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {data && (
        <>
          <DataTable
            caption={t(ownSignals ? 'list.ownCaption' : 'list.caption', { count: data.total })}
            columns={columns}
            rows={data.items}
            rowKey={(item) => item.id}
            empty={t(
              q || status || locationId ? 'list.emptyFiltered' : ownSignals ? 'list.ownEmpty' : 'list.empty',
            )}
            busy={list.isFetching}
            sort={params.sort}
            onSortChange={params.setSort}
          />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={params.setPage}
          />
        </>
      )}
      {!ownSignals && hasPermission(session, 'opp.bron_export') && <BronExportSection />}
    </>
  );
}
