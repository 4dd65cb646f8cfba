import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormFieldCheckbox,
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
import { expertisePointPageSchema } from '../../../../contracts/expertise-points.ts';
import { api, withQuery } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { WarningStatus } from './WarningStatus.tsx';

const pageSize = 25;

function positiveInteger(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 1;
}

/** `/expertisepunten`: every secondary location with its expertise point, and the coordinator's warnings (E1). */
export function ExpertisePointsPage() {
  const { t } = useTranslation('expertisePoints');
  const { t: tCore } = useTranslation();
  const session = useSignedInSession();
  const canManage = hasPermission(session, 'expertise_points.manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const page = positiveInteger(searchParams.get('pagina'));
  const q = searchParams.get('zoek') ?? '';
  const warningsOnly = searchParams.get('waarschuwingen') === 'ja';
  const [search, setSearch] = useState(q);
  const [onlyWarnings, setOnlyWarnings] = useState(warningsOnly);
  const captionId = useId();

  const points = useQuery({
    queryKey: ['expertise-points', { page, pageSize, q, warningsOnly }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-points', { page, pageSize, q, warning: warningsOnly ? 'true' : undefined }),
        expertisePointPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const go = (next: { page?: number; q?: string; warningsOnly?: boolean }) => {
    const params = new URLSearchParams();
    const nextQ = next.q ?? q;
    if (nextQ) params.set('zoek', nextQ);
    if (next.warningsOnly ?? warningsOnly) params.set('waarschuwingen', 'ja');
    if (next.page && next.page > 1) params.set('pagina', String(next.page));
    setSearchParams(params);
  };

  const filtered = Boolean(q) || warningsOnly;
  const columns = canManage ? 7 : 6;

  return (
    <>
      <PageHeading>{t('overview.title')}</PageHeading>
      <Paragraph>{t('overview.intro')}</Paragraph>
      {canManage && <Paragraph>{t('overview.teachersHint')}</Paragraph>}
      <search>
        <form
          className="passend-toolbar passend-ep-filters"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            go({ q: search.trim(), warningsOnly: onlyWarnings, page: 1 });
          }}
        >
          <TextField
            name="q"
            type="search"
            label={t('overview.searchLabel')}
            required={false}
            autoComplete="off"
            maxLength={100}
            value={search}
            onChange={setSearch}
          />
          <FormFieldCheckbox
            name="warnings"
            label={t('overview.warningsOnly')}
            checked={onlyWarnings}
            onChange={(event) => setOnlyWarnings(event.target.checked)}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('overview.searchSubmit')}</SecondaryActionButton>
            {filtered && (
              <SecondaryActionButton
                type="button"
                onClick={() => {
                  setSearch('');
                  setOnlyWarnings(false);
                  go({ q: '', warningsOnly: false, page: 1 });
                }}
              >
                {t('overview.searchClear')}
              </SecondaryActionButton>
            )}
          </ButtonGroup>
        </form>
      </search>
      {points.isError && <ErrorAlert errors={formErrorsFrom(points.error)} />}
      {points.data && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
          <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <Table busy={points.isFetching}>
              <TableCaption id={captionId}>
                {warningsOnly ? t('overview.captionWarnings') : t('overview.caption')}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('overview.columnLocation')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('overview.columnStatus')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('overview.columnRoom')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('overview.columnOpeningHours')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('overview.columnHomework')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('overview.columnTeachers')}</TableHeaderCell>
                  {canManage && <TableHeaderCell scope="col">{t('overview.columnActions')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {points.data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={columns}>
                      {warningsOnly && !q ? t('overview.emptyWarnings') : t('overview.empty')}
                    </TableCell>
                  </TableRow>
                )}
                {points.data.items.map((item) => (
                  <TableRow key={item.locationId}>
                    <TableHeaderCell scope="row">
                      {item.locationName}
                      <span className="passend-ep-location-place">{item.place}</span>
                    </TableHeaderCell>
                    <TableCell>
                      <WarningStatus warning={item.warning} />
                    </TableCell>
                    <TableCell>{item.expertisePoint?.room || t('overview.notSet')}</TableCell>
                    <TableCell>{item.expertisePoint?.openingHours || t('overview.notSet')}</TableCell>
                    <TableCell>
                      {item.expertisePoint
                        ? item.expertisePoint.offersHomeworkSupport
                          ? t('overview.homeworkYes')
                          : t('overview.homeworkNo')
                        : t('overview.notSet')}
                    </TableCell>
                    <TableCell>
                      {item.vsoTeachers.length === 0 ? (
                        t('overview.noTeachers')
                      ) : (
                        <ul className="passend-role-list">
                          {item.vsoTeachers.map((teacher) => (
                            <li key={teacher.id}>{teacher.name}</li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    {canManage && (
                      <TableCell className="passend-ep-action-cell">
                        <RouterLink to={`/expertisepunten/${item.locationId}`}>
                          {item.expertisePoint ? t('overview.edit') : t('overview.create')}
                          <span className="passend-visually-hidden">
                            {' '}
                            {t('overview.actionFor', { name: item.locationName })}
                          </span>
                        </RouterLink>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <Pagination
            page={points.data.page}
            pageSize={points.data.pageSize}
            total={points.data.total}
            onPageChange={(next) => go({ page: next })}
          />
        </>
      )}
      {points.isPending && <Paragraph role="status">{tCore('app.loading')}</Paragraph>}
    </>
  );
}
