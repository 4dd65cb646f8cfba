import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type SubjectRequestSummary,
  subjectRequestKinds,
  subjectRequestPageSchema,
  subjectRequestStatuses,
} from '../../../../contracts/subject-access.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { subjectAccessKeys } from './subject-access.api.ts';

const pageSize = 25;

/**
 * `/privacy/verzoeken`: the register of data-subject requests, newest first, filtered by status, kind
 * and deadline; a request past its deadline stands out in words, not in colour alone.
 */
export function SubjectRequestsPage() {
  const { t } = useTranslation('subjectAccess');
  const format = useFormatters();
  const session = useSignedInSession();
  const list = useListParams({ status: '', soort: '', termijn: '' });
  const query = {
    status: list.filters.status || undefined,
    kind: list.filters.soort || undefined,
    overdue: list.filters.termijn || undefined,
  };
  const filtered = Object.values(list.filters).some(Boolean);

  const register = useQuery({
    queryKey: subjectAccessKeys.list({ ...query, page: list.page }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/subject-requests', { ...query, page: list.page, pageSize }),
        subjectRequestPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <Paragraph>{t('list.intro')}</Paragraph>
      {hasPermission(session, 'subject_requests.manage') && (
        <Paragraph>
          <RouterLink to="/privacy/verzoeken/nieuw">{t('list.new')}</RouterLink>
        </Paragraph>
      )}
      <ListToolbar onClear={filtered ? list.clear : undefined}>
        <SelectField
          name="status"
          label={t('list.status')}
          placeholder={t('list.allStatuses')}
          required={false}
          value={list.filters.status}
          onChange={(status) => list.setFilters({ status })}
          choices={subjectRequestStatuses.map((status) => ({
            value: status,
            label: t(`statuses.${status}`),
          }))}
        />
        <SelectField
          name="kind"
          label={t('list.kind')}
          placeholder={t('list.allKinds')}
          required={false}
          value={list.filters.soort}
          onChange={(soort) => list.setFilters({ soort })}
          choices={subjectRequestKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        />
        <SelectField
          name="overdue"
          label={t('list.overdue')}
          placeholder={t('list.allDeadlines')}
          required={false}
          value={list.filters.termijn}
          onChange={(termijn) => list.setFilters({ termijn })}
          choices={[
            { value: 'true', label: t('list.onlyOverdue') },
            { value: 'false', label: t('list.notOverdue') },
          ]}
        />
      </ListToolbar>
      {register.isError && <ErrorAlert errors={formErrorsFrom(register.error)} />}
      {register.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {register.data && (
        <>
          <DataTable<SubjectRequestSummary>
            caption={t('list.caption')}
            rows={register.data.items}
            rowKey={(item) => item.id}
            busy={register.isFetching}
            empty={filtered ? t('list.emptyFiltered') : t('list.empty')}
            columns={[
              {
                key: 'received',
                header: t('list.columnReceived'),
                rowHeader: true,
                nowrap: true,
                cell: (item) => (
                  <RouterLink to={`/privacy/verzoeken/${item.id}`}>{format.date(item.receivedOn)}</RouterLink>
                ),
              },
              { key: 'kind', header: t('list.columnKind'), cell: (item) => t(`kinds.${item.kind}`) },
              {
                key: 'pupil',
                header: t('list.columnPupil'),
                cell: (item) => (
                  <>
                    {item.pupilName}
                    <br />
                    <span className="passend-meta">
                      {format.date(item.birthDate)}
                      {item.location ? `, ${item.location.name}` : ''}
                    </span>
                  </>
                ),
              },
              {
                key: 'requester',
                header: t('list.columnRequester'),
                cell: (item) => (
                  <>
                    {item.requesterName}
                    <br />
                    <span className="passend-meta">{t(`relations.${item.requesterRelation}`)}</span>
                  </>
                ),
              },
              {
                key: 'deadline',
                header: t('list.columnDeadline'),
                nowrap: true,
                cell: (item) =>
                  item.isOverdue ? (
                    <span className="passend-status passend-status--todo">
                      <strong>{t('list.overdueTag')}</strong>: {format.date(item.deadlineOn)}
                    </span>
                  ) : (
                    format.date(item.deadlineOn)
                  ),
              },
              {
                key: 'status',
                header: t('list.columnStatus'),
                keepWithTitle: true,
                cell: (item) => t(`statuses.${item.status}`),
              },
            ]}
          />
          <Pagination
            page={register.data.page}
            pageSize={register.data.pageSize}
            total={register.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
    </>
  );
}
