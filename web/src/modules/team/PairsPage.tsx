import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Checkbox,
  Heading2,
  Paragraph,
  PrimaryActionButton,
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
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  type BulkPairResult,
  bulkPairInputSchema,
  bulkPairResultSchema,
  pairPageSchema,
  pairStatusSchema,
} from '../../../../contracts/team.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { PairMemberText, PairStatusText } from './PairCell.tsx';
import { type PairDraft, PairFields, pairFieldPaths } from './PairFields.tsx';
import { teamFieldMessage } from './team.api.ts';
import './team.css';

const pageSize = 50;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/koppelingen`: primary schools with their pair on a date, those lacking one first and marked in
 * words; select schools and give them all one pair from a date (R5, all or nothing).
 */
export function PairsPage() {
  const { t } = useTranslation('team');
  const { date: formatDate } = useFormatters();
  const session = useSignedInSession();
  const canManage = hasPermission(session, 'pairs.manage');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const today = todayInAmsterdam();
  const dateParam = params.get('datum') ?? '';
  const date = isoDate.test(dateParam) ? dateParam : today;
  const statusParam = pairStatusSchema.safeParse(params.get('status'));
  const status = statusParam.success ? statusParam.data : '';
  const q = params.get('zoek') ?? '';
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const [filters, setFilters] = useState({ date, status: status as string, q });
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [draft, setDraft] = useState<PairDraft>({
    behaviouralScientistUserId: '',
    inclusionAdviserUserId: '',
    contact: '',
    effectiveFrom: today,
  });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [done, setDone] = useState<BulkPairResult | null>(null);
  const captionId = useId();
  const bulkHeadingId = useId();

  const pairs = useQuery({
    queryKey: ['pairs', { date, status, q, page }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/pairs', { date, status: status || undefined, q, page, pageSize, sort: 'status' }),
        pairPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const go = (next: { date?: string; status?: string; q?: string; page?: number }) => {
    const search = new URLSearchParams();
    const nextDate = next.date ?? date;
    if (nextDate !== today) search.set('datum', nextDate);
    const nextStatus = next.status ?? status;
    if (nextStatus) search.set('status', nextStatus);
    const nextQ = next.q ?? q;
    if (nextQ) search.set('zoek', nextQ);
    if (next.page && next.page > 1) search.set('pagina', String(next.page));
    setParams(search);
  };

  const assign = useMutation({
    mutationFn: (input: unknown) => api.post('/api/pairs/bulk', input, bulkPairResultSchema),
    onSuccess: async (result) => {
      setErrors(noFormErrors);
      setDone(result);
      setSelected(new Map());
      await queryClient.invalidateQueries({ queryKey: ['pairs'] });
      await queryClient.invalidateQueries({ queryKey: ['team'] });
    },
    onError: (error) => {
      setDone(null);
      setErrors(formErrorsFrom(error));
    },
  });

  const selectedIds = [...selected.keys()];
  // Per-school problems name the school, so the summary says which one to look at.
  const bulkErrors: FormErrors = {
    ...errors,
    fields: errors.fields.map((field) => {
      const match = /^assignments\.(\d+)\.(\w+)$/.exec(field.path);
      if (!match) return field;
      const [, index, name] = match;
      if (pairFieldPaths.includes(name ?? '') && name !== 'effectiveFrom') {
        return { ...field, path: name ?? field.path };
      }
      const school = selected.get(selectedIds[Number(index)] ?? '') ?? '';
      return {
        ...field,
        code: 'bulk',
        message: t('pairs.bulkSchool', { name: school, message: teamFieldMessage(field) }),
      };
    }),
  };

  const submit = () => {
    if (assign.isPending) return;
    if (selectedIds.length === 0) return;
    const input = {
      effectiveFrom: draft.effectiveFrom,
      assignments: selectedIds.map((locationId) => ({
        locationId,
        behaviouralScientistUserId: draft.behaviouralScientistUserId || undefined,
        inclusionAdviserUserId: draft.inclusionAdviserUserId || undefined,
        contact: draft.contact || undefined,
      })),
    };
    const result = validate(bulkPairInputSchema, input);
    if (!result.ok) {
      // One pair for all schools: show the first school's field problems on the shared fields.
      return setErrors({
        ...result.errors,
        fields: result.errors.fields.map((field) => ({
          ...field,
          path: field.path.replace(/^assignments\.\d+\./, ''),
        })),
      });
    }
    assign.mutate(result.value);
  };

  const items = pairs.data?.items ?? [];
  const lacking = items.filter((item) => item.status !== 'complete').length;
  const allOnPageSelected = items.length > 0 && items.every((item) => selected.has(item.locationId));
  const toggle = (locationId: string, name: string, checked: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (checked) next.set(locationId, name);
      else next.delete(locationId);
      return next;
    });

  return (
    <>
      <PageHeading>{t('pairs.title')}</PageHeading>
      <Paragraph>{t('pairs.intro')}</Paragraph>
      <search>
        <form
          className="passend-toolbar"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            go({
              date: isoDate.test(filters.date) ? filters.date : today,
              status: filters.status,
              q: filters.q.trim(),
              page: 1,
            });
          }}
        >
          <TextField
            name="date"
            type="date"
            label={t('pairs.dateLabel')}
            description={t('pairs.dateDescription')}
            value={filters.date}
            onChange={(value) => setFilters((current) => ({ ...current, date: value }))}
          />
          <SelectField
            name="status"
            label={t('pairs.statusLabel')}
            placeholder={t('pairs.statusAll')}
            value={filters.status}
            onChange={(value) => setFilters((current) => ({ ...current, status: value }))}
            choices={(['missing', 'incomplete', 'complete'] as const).map((value) => ({
              value,
              label: t(`pairStatus.${value}`),
            }))}
          />
          <TextField
            name="q"
            type="search"
            required={false}
            autoComplete="off"
            maxLength={100}
            label={t('pairs.searchLabel')}
            value={filters.q}
            onChange={(value) => setFilters((current) => ({ ...current, q: value }))}
          />
          <ButtonGroup>
            <SecondaryActionButton type="submit">{t('pairs.apply')}</SecondaryActionButton>
          </ButtonGroup>
        </form>
      </search>
      {pairs.isError && <ErrorAlert errors={formErrorsFrom(pairs.error)} />}
      {pairs.data && (
        <>
          {lacking > 0 ? (
            <Alert type="warning">{t('pairs.lacking', { count: lacking })}</Alert>
          ) : (
            items.length > 0 && <Paragraph>{t('pairs.allComplete')}</Paragraph>
          )}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
          <section className="passend-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <Table busy={pairs.isFetching}>
              <TableCaption id={captionId}>
                {t('pairs.tableCaption', { date: formatDate(date) })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  {canManage && (
                    <TableHeaderCell scope="col">
                      <Checkbox
                        aria-label={t('pairs.selectPage')}
                        checked={allOnPageSelected}
                        onChange={(event) => {
                          for (const item of items) toggle(item.locationId, item.name, event.target.checked);
                        }}
                      />
                    </TableHeaderCell>
                  )}
                  <TableHeaderCell scope="col">{t('pairs.columnSchool')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('pairs.columnScientist')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('pairs.columnAdviser')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('pairs.columnStatus')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={canManage ? 5 : 4}>{t('pairs.empty')}</TableCell>
                  </TableRow>
                )}
                {items.map((item) => (
                  <TableRow
                    key={item.locationId}
                    className={item.status === 'complete' ? undefined : 'passend-pair-row--lacking'}
                  >
                    {canManage && (
                      <TableCell>
                        <Checkbox
                          aria-label={t('pairs.selectSchool', { name: item.name })}
                          checked={selected.has(item.locationId)}
                          onChange={(event) => toggle(item.locationId, item.name, event.target.checked)}
                        />
                      </TableCell>
                    )}
                    <TableHeaderCell scope="row">
                      <RouterLink to={`/koppelingen/${item.locationId}`}>{item.name}</RouterLink>
                      <span className="passend-visually-hidden">
                        {' '}
                        — {t('pairs.history', { name: item.name })}
                      </span>
                      <br />
                      {item.place} · {item.brin}
                      {item.locationCode}
                    </TableHeaderCell>
                    <TableCell>
                      <PairMemberText member={item.behaviouralScientist} />
                    </TableCell>
                    <TableCell>
                      <PairMemberText member={item.inclusionAdviser} />
                    </TableCell>
                    <TableCell>
                      <PairStatusText status={item.status} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <Pagination
            page={pairs.data.page}
            pageSize={pairs.data.pageSize}
            total={pairs.data.total}
            onPageChange={(next) => go({ page: next })}
          />
        </>
      )}
      {pairs.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
      {canManage && (
        <section className="passend-section passend-card" aria-labelledby={bulkHeadingId}>
          <Heading2 id={bulkHeadingId}>{t('pairs.bulkHeading')}</Heading2>
          {done && (
            <Alert type="ok" role="status">
              {t('pairs.bulkDone', done)}
            </Alert>
          )}
          <Paragraph aria-live="polite">
            {selected.size === 0
              ? t('pairs.bulkNoneSelected')
              : t('pairs.bulkIntro', { count: selected.size })}
          </Paragraph>
          <Form errors={bulkErrors} fields={pairFieldPaths} onSubmit={submit} aria-labelledby={bulkHeadingId}>
            <PairFields draft={draft} onChange={setDraft} errors={bulkErrors} />
            <ButtonGroup>
              <PrimaryActionButton
                type="submit"
                busy={assign.isPending}
                aria-disabled={selected.size === 0 || undefined}
              >
                {t('pairs.bulkSubmit')}
              </PrimaryActionButton>
            </ButtonGroup>
          </Form>
        </section>
      )}
    </>
  );
}
