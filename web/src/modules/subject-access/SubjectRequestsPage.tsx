import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type SubjectRequestSummary,
  subjectRequestKinds,
  subjectRequestPageSchema,
  subjectRequestStatuses,
} from '../../../../contracts/subject-access.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';

const pageSize = 25;

/** The filters as the address holds them (Dutch names, like the other lists); empty is "no filter". */
type Filters = { status: string; kind: string; overdue: string };
const noFilters: Filters = { status: '', kind: '', overdue: '' };
const addressNames: Record<keyof Filters, string> = { status: 'status', kind: 'soort', overdue: 'termijn' };

function filtersFrom(params: URLSearchParams): Filters {
  return {
    status: params.get(addressNames.status) ?? '',
    kind: params.get(addressNames.kind) ?? '',
    overdue: params.get(addressNames.overdue) ?? '',
  };
}

function apiQueryOf(filters: Filters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
}

/**
 * `/privacy/verzoeken`: the register of data-subject requests, newest first, filtered by status, kind
 * and deadline; a request past its deadline stands out in words, not in colour alone.
 */
export function SubjectRequestsPage() {
  const { t } = useTranslation('subjectAccess');
  const session = useSignedInSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const pageParam = Number(params.get('pagina'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const filtered = Object.keys(apiQueryOf(filters)).length > 0;

  const list = useQuery({
    queryKey: ['subject-requests', { ...apiQueryOf(filters), page }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/subject-requests', { ...apiQueryOf(filters), page, pageSize }),
        subjectRequestPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const go = (next: Filters, nextPage = 1) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(apiQueryOf(next)))
      query.set(addressNames[name as keyof Filters], value);
    if (nextPage > 1) query.set('pagina', String(nextPage));
    setParams(query);
  };

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <Paragraph>{t('list.intro')}</Paragraph>
      {hasPermission(session, 'subject_requests.manage') && (
        <Paragraph>
          <RouterLink to="/privacy/verzoeken/nieuw">{t('list.new')}</RouterLink>
        </Paragraph>
      )}
      <RegisterFilters key={JSON.stringify(filters)} filters={filters} onFilter={(next) => go(next)} />
      {list.isError && <ErrorAlert errors={formErrorsFrom(list.error)} />}
      {list.isPending && <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>}
      {list.data && (
        <>
          <ScrollTable caption={t('list.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('list.columnReceived')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.columnKind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.columnPupil')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.columnRequester')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.columnDeadline')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('list.columnStatus')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>{filtered ? t('list.emptyFiltered') : t('list.empty')}</TableCell>
                </TableRow>
              )}
              {list.data.items.map((item) => (
                <RegisterRow key={item.id} item={item} />
              ))}
            </TableBody>
          </ScrollTable>
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPageChange={(next) => go(filters, next)}
          />
        </>
      )}
    </>
  );
}

function RegisterRow({ item }: { item: SubjectRequestSummary }) {
  const { t } = useTranslation('subjectAccess');
  const format = useFormatters();
  return (
    <TableRow>
      <TableHeaderCell scope="row">
        <RouterLink to={`/privacy/verzoeken/${item.id}`}>{format.date(item.receivedOn)}</RouterLink>
      </TableHeaderCell>
      <TableCell>{t(`kinds.${item.kind}`)}</TableCell>
      <TableCell>
        {item.pupilName}
        <br />
        <span className="passend-meta">
          {format.date(item.birthDate)}
          {item.location ? `, ${item.location.name}` : ''}
        </span>
      </TableCell>
      <TableCell>
        {item.requesterName}
        <br />
        <span className="passend-meta">{t(`relations.${item.requesterRelation}`)}</span>
      </TableCell>
      <TableCell>
        {item.isOverdue ? (
          <span className="passend-status passend-status--todo">
            <strong>{t('list.overdueTag')}</strong>: {format.date(item.deadlineOn)}
          </span>
        ) : (
          format.date(item.deadlineOn)
        )}
      </TableCell>
      <TableCell>{t(`statuses.${item.status}`)}</TableCell>
    </TableRow>
  );
}

function RegisterFilters({ filters, onFilter }: { filters: Filters; onFilter: (filters: Filters) => void }) {
  const { t } = useTranslation('subjectAccess');
  const [draft, setDraft] = useState<Filters>(filters);
  const change = (name: keyof Filters) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  return (
    <search aria-label={t('list.filters')}>
      <Form errors={noFormErrors} fields={[]} onSubmit={() => onFilter(draft)}>
        <div className="passend-toolbar">
          <SelectField
            name="status"
            label={t('list.status')}
            placeholder={t('list.allStatuses')}
            required={false}
            value={draft.status}
            onChange={change('status')}
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
            value={draft.kind}
            onChange={change('kind')}
            choices={subjectRequestKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
          />
          <SelectField
            name="overdue"
            label={t('list.overdue')}
            placeholder={t('list.allDeadlines')}
            required={false}
            value={draft.overdue}
            onChange={change('overdue')}
            choices={[
              { value: 'true', label: t('list.onlyOverdue') },
              { value: 'false', label: t('list.notOverdue') },
            ]}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('list.submit')}</SecondaryActionButton>
            {Object.values(filters).some(Boolean) && (
              <SecondaryActionButton type="button" onClick={() => onFilter(noFilters)}>
                {t('list.clear')}
              </SecondaryActionButton>
            )}
          </ButtonGroup>
        </div>
      </Form>
    </search>
  );
}
