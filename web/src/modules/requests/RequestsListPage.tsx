import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Checkbox,
  FormField,
  FormLabel,
  Paragraph,
  SecondaryActionButton,
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
  type PupilSearchReach,
  requestFilterOptionsSchema,
  requestPageSchema,
  requestStatuses,
  requestTypes,
} from '../../../../contracts/requests.ts';
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
import { TextField } from '../../ui/TextField.tsx';
import { StatusTag } from './StatusTag.tsx';
import './requests.css';

const pageSize = 25;

const searchLabels = {
  all: 'list.search',
  some: 'list.searchSomePupils',
  none: 'list.searchNoPupils',
} as const satisfies Record<PupilSearchReach, string>;

/** `/hulpvragen`: the requests the user may see, filtered and paged on the server (R1, P1). */
export function RequestsListPage() {
  const { t } = useTranslation('requests');
  const session = useSignedInSession();
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const filters = {
    q: params.get('zoek') ?? '',
    status: params.get('status') ?? '',
    type: params.get('soort') ?? '',
    schoolYear: params.get('schooljaar') ?? '',
    locationId: params.get('school') ?? '',
    assignedUserId: params.get('teamlid') ?? '',
    mine: params.get('mijn') === 'ja',
  };
  const [search, setSearch] = useState(filters.q);
  const captionId = useId();
  const mineId = useId();
  const isTeamMember = session.user.roles.some((assignment) => assignment.role === 'team_member');
  const currentYear = schoolYearOf(todayInAmsterdam());

  const requests = useQuery({
    queryKey: ['requests', 'list', page, filters],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/requests', {
          page,
          pageSize,
          q: filters.q,
          status: filters.status,
          type: filters.type,
          schoolYear: filters.schoolYear,
          locationId: filters.locationId,
          assignedUserId: filters.assignedUserId,
          mine: filters.mine ? 'true' : undefined,
        }),
        requestPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const choices = useQuery({
    queryKey: ['requests', 'list', 'filter-options'],
    queryFn: ({ signal }) => api.get('/api/requests/filter-options', requestFilterOptionsSchema, signal),
  });

  // The staff office is shown the pupil only of requests assigned to it: the field says so (P1).
  const pupilSearch = choices.data?.pupilSearch ?? 'none';

  const go = (next: Record<string, string | number>) => {
    const merged: Record<string, string | number> = {
      zoek: filters.q,
      status: filters.status,
      soort: filters.type,
      schooljaar: filters.schoolYear,
      school: filters.locationId,
      teamlid: filters.assignedUserId,
      mijn: filters.mine ? 'ja' : '',
      pagina: '',
      ...next,
    };
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) if (value !== '') query.set(key, String(value));
    setParams(query);
  };

  return (
    <>
      <PageHeading>{t('list.title')}</PageHeading>
      <Paragraph>{t('list.intro')}</Paragraph>
      {hasPermission(session, 'requests.create') && (
        <Paragraph>
          <RouterLink to="/hulpvragen/nieuw">{t('list.new')}</RouterLink>
        </Paragraph>
      )}
      <search>
        <form
          className="passend-toolbar"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            go({ zoek: search.trim() });
          }}
        >
          <TextField
            name="q"
            type="search"
            label={t(
              pupilSearch === 'all' && (choices.data?.locations.length ?? 0) <= 1
                ? 'list.searchOneSchool'
                : searchLabels[pupilSearch],
            )}
            description={pupilSearch === 'some' ? t('list.searchSomePupilsHint') : undefined}
            required={false}
            autoComplete="off"
            maxLength={100}
            value={search}
            onChange={setSearch}
          />
          <SelectField
            name="status"
            label={t('list.status')}
            placeholder={t('list.all')}
            value={filters.status}
            onChange={(value) => go({ status: value })}
            choices={requestStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
          />
          <SelectField
            name="type"
            label={t('list.type')}
            placeholder={t('list.all')}
            value={filters.type}
            onChange={(value) => go({ soort: value })}
            choices={requestTypes.map((value) => ({ value, label: t(`types.${value}`) }))}
          />
          <SelectField
            name="schoolYear"
            label={t('list.schoolYear')}
            placeholder={t('list.all')}
            value={filters.schoolYear}
            onChange={(value) => go({ schooljaar: value })}
            choices={[currentYear, currentYear - 1, currentYear - 2].map((year) => ({
              value: String(year),
              label: formatSchoolYear(year),
            }))}
          />
          {(choices.data?.locations.length ?? 0) > 1 && (
            <SelectField
              name="locationId"
              label={t('list.school')}
              placeholder={t('list.all')}
              value={filters.locationId}
              onChange={(value) => go({ school: value })}
              choices={(choices.data?.locations ?? []).map((location) => ({
                value: location.id,
                label: location.name,
              }))}
            />
          )}
          {(choices.data?.members.length ?? 0) > 0 && (
            <SelectField
              name="assignedUserId"
              label={t('list.member')}
              placeholder={t('list.all')}
              value={filters.assignedUserId}
              onChange={(value) => go({ teamlid: value })}
              choices={(choices.data?.members ?? []).map((member) => ({
                value: member.id,
                label: member.name,
              }))}
            />
          )}
          {isTeamMember && (
            <FormField
              type="checkbox"
              label={<FormLabel htmlFor={mineId}>{t('list.mine')}</FormLabel>}
              input={
                <Checkbox
                  id={mineId}
                  checked={filters.mine}
                  onChange={(event) => go({ mijn: event.target.checked ? 'ja' : '' })}
                />
              }
            />
          )}
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('list.searchButton')}</SecondaryActionButton>
          </ButtonGroup>
        </form>
      </search>
      {requests.isError && <ErrorAlert errors={formErrorsFrom(requests.error)} />}
      {requests.data && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
          <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <Table busy={requests.isFetching}>
              <TableCaption id={captionId}>{t('list.caption', { count: requests.data.total })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('list.reference')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('list.school')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('list.type')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('list.pupil')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('list.status')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('list.consent')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('list.assignedTo')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('list.updated')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {requests.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={8}>{t('list.empty')}</TableCell>
                  </TableRow>
                )}
                {requests.data.items.map((item) => (
                  <TableRow key={item.id}>
                    <TableHeaderCell scope="row" className="passend-nowrap">
                      <RouterLink to={`/hulpvragen/${item.id}`}>{item.reference}</RouterLink>
                    </TableHeaderCell>
                    <TableCell>{item.location.name}</TableCell>
                    <TableCell>{item.type ? t(`types.${item.type}`) : '—'}</TableCell>
                    <TableCell>{item.pupilHidden ? t('list.hidden') : (item.pupilName ?? '—')}</TableCell>
                    <TableCell>
                      <StatusTag status={item.status} />
                    </TableCell>
                    <TableCell>
                      {['draft', 'refused', 'withdrawn'].includes(item.status)
                        ? '—'
                        : t(`consentStatus.${item.consentStatus}`)}
                    </TableCell>
                    <TableCell>{item.assignedTo?.name ?? '—'}</TableCell>
                    <TableCell>{format.date(item.updatedAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <Pagination
            page={requests.data.page}
            pageSize={requests.data.pageSize}
            total={requests.data.total}
            onPageChange={(next) => go({ pagina: next })}
          />
        </>
      )}
      {requests.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
    </>
  );
}
