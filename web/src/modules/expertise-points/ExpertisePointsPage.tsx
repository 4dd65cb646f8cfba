import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ExpertisePointOverview,
  expertisePointPageSchema,
} from '../../../../contracts/expertise-points.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { CheckboxField } from '../../ui/form/ChoiceFields.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { expertisePointKeys } from './expertise-points.keys.ts';
import { WarningStatus } from './WarningStatus.tsx';

const pageSize = 25;

/** `/expertisepunten`: every secondary location with its expertise point, and the coordinator's warnings (E1). */
export function ExpertisePointsPage() {
  const { t } = useTranslation('expertisePoints');
  const { t: tCore } = useTranslation();
  const session = useSignedInSession();
  const canManage = hasPermission(session, 'expertise_points.manage');
  const list = useListParams({ zoek: '', waarschuwingen: '' });
  const page = list.page;
  const q = list.filters.zoek;
  const warningsOnly = list.filters.waarschuwingen === 'ja';
  // The address changes in a transition: the box shows the tick at once and follows the address after.
  const [warningsTicked, setWarningsTicked] = useState(warningsOnly);
  useEffect(() => setWarningsTicked(warningsOnly), [warningsOnly]);

  const points = useQuery({
    queryKey: expertisePointKeys.list({ page, pageSize, q, warningsOnly }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-points', { page, pageSize, q, warning: warningsOnly ? 'true' : undefined }),
        expertisePointPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const filtered = Boolean(q) || warningsOnly;
  const notSet = t('overview.notSet');
  const columns: Column<ExpertisePointOverview>[] = [
    {
      key: 'location',
      header: t('overview.columnLocation'),
      cell: (item) => (
        <>
          {item.locationName}
          <span className="passend-ep-location-place">{item.place}</span>
        </>
      ),
      rowHeader: true,
    },
    {
      key: 'status',
      header: t('overview.columnStatus'),
      cell: (item) => <WarningStatus warning={item.warning} />,
      keepWithTitle: true,
    },
    { key: 'room', header: t('overview.columnRoom'), cell: (item) => item.expertisePoint?.room || notSet },
    {
      key: 'openingHours',
      header: t('overview.columnOpeningHours'),
      cell: (item) => item.expertisePoint?.openingHours || notSet,
    },
    {
      key: 'homework',
      header: t('overview.columnHomework'),
      cell: (item) =>
        item.expertisePoint
          ? item.expertisePoint.offersHomeworkSupport
            ? t('overview.homeworkYes')
            : t('overview.homeworkNo')
          : notSet,
    },
    {
      key: 'teachers',
      header: t('overview.columnTeachers'),
      cell: (item) =>
        item.vsoTeachers.length === 0 ? (
          t('overview.noTeachers')
        ) : (
          <ul className="passend-role-list">
            {item.vsoTeachers.map((teacher) => (
              <li key={teacher.id}>{teacher.name}</li>
            ))}
          </ul>
        ),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            header: t('overview.columnActions'),
            cell: (item: ExpertisePointOverview) => (
              <span className="passend-ep-action-cell">
                <RouterLink to={`/expertisepunten/${item.locationId}`}>
                  {item.expertisePoint ? t('overview.edit') : t('overview.create')}
                  <span className="passend-visually-hidden">
                    {' '}
                    {t('overview.actionFor', { name: item.locationName })}
                  </span>
                </RouterLink>
              </span>
            ),
            nowrap: true,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeading>{t('overview.title')}</PageHeading>
      <Paragraph>{t('overview.intro')}</Paragraph>
      {canManage && <Paragraph>{t('overview.teachersHint')}</Paragraph>}
      <ListToolbar
        search={{ label: t('overview.searchLabel'), value: q, onSearch: (zoek) => list.setFilters({ zoek }) }}
        onClear={filtered ? list.clear : undefined}
      >
        <CheckboxField
          name="warnings"
          label={t('overview.warningsOnly')}
          checked={warningsTicked}
          onChange={(checked) => {
            setWarningsTicked(checked);
            list.setFilters({ waarschuwingen: checked ? 'ja' : '' });
          }}
        />
      </ListToolbar>
      {points.isError && <ErrorAlert errors={formErrorsFrom(points.error)} />}
      {points.isPending && <Paragraph role="status">{tCore('app.loading')}</Paragraph>}
      {points.data && (
        <>
          <DataTable
            caption={warningsOnly ? t('overview.captionWarnings') : t('overview.caption')}
            columns={columns}
            rows={points.data.items}
            rowKey={(item) => item.locationId}
            empty={warningsOnly && !q ? t('overview.emptyWarnings') : t('overview.empty')}
            busy={points.isFetching}
          />
          <Pagination
            page={points.data.page}
            pageSize={points.data.pageSize}
            total={points.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
    </>
  );
}
