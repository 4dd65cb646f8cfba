import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Checkbox,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  type BulkPairResult,
  bulkPairResultSchema,
  type LocationPair,
  type PairStatusValue,
  pairPageSchema,
  pairStatusSchema,
  setPairInputSchema,
} from '../../../../contracts/team.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { PairMemberText, PairStatusText } from './PairCell.tsx';
import { emptyPairDraft, PairFields, pairFieldPaths, pairInputOf } from './PairFields.tsx';
import { teamFieldMessage, teamKeys } from './team.api.ts';
import './team.css';

const pageSize = 50;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

type Selected = { name: string; status: PairStatusValue };

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
  const today = todayInAmsterdam();
  const list = useListParams({ datum: today, status: '', zoek: '' });
  const date = isoDate.test(list.filters.datum) ? list.filters.datum : today;
  const status = pairStatusSchema.safeParse(list.filters.status).data;
  const q = list.filters.zoek;
  const page = list.page;
  // A date is typed in parts; it applies with the search button, not at every keystroke.
  const [dateDraft, setDateDraft] = useState(date);
  const [selected, setSelected] = useState<Map<string, Selected>>(new Map());
  const [done, setDone] = useState<BulkPairResult | null>(null);
  const bulkHeadingId = useId();

  const pairs = useQuery({
    queryKey: teamKeys.pairList({ date, status, q, page }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/pairs', { date, status, q, page, pageSize, sort: 'status' }),
        pairPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const selectedIds = [...selected.keys()];
  const replacing = [...selected.values()].filter((school) => school.status !== 'missing').length;
  const form = useContractForm({
    // One pair for all chosen schools: checked as one pair, sent once per school.
    schema: setPairInputSchema,
    initial: () => emptyPairDraft(today),
    toInput: pairInputOf,
    namespace: 'team',
    check: () => (selected.size === 0 ? [{ path: 'selection', code: 'pairs_none_selected' }] : []),
    send: ({ effectiveFrom, ...pair }): Promise<BulkPairResult> =>
      api.post(
        '/api/pairs/bulk',
        { effectiveFrom, assignments: selectedIds.map((locationId) => ({ locationId, ...pair })) },
        bulkPairResultSchema,
      ),
    // Schools that have a pair lose it from that date: asked first. Schools without one just get one.
    confirm: (input) =>
      replacing > 0
        ? {
            title: t('pairs.confirmTitle', { count: selected.size }),
            body: t('pairs.confirmBody', { count: replacing, date: formatDate(input.effectiveFrom) }),
            confirmLabel: t('pairs.bulkSubmit'),
          }
        : null,
    onSuccess: async (result) => {
      setDone(result);
      setSelected(new Map());
      await queryClient.invalidateQueries({ queryKey: teamKeys.pairs });
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
    onError: (error) => {
      setDone(null);
      const errors = formErrorsFrom(error);
      // A problem with the shared pair lands on its field; one with a school names the school.
      form.showErrors({
        ...errors,
        fields: errors.fields.map((field) => {
          const match = /^assignments\.(\d+)\.(\w+)$/.exec(field.path);
          if (!match) return field;
          const [, index, name] = match;
          if (pairFieldPaths.includes(name ?? '')) return { ...field, path: name ?? field.path };
          const school = selected.get(selectedIds[Number(index)] ?? '')?.name ?? '';
          return {
            ...field,
            path: `selection.${index}`,
            code: 'bulk',
            message: t('pairs.bulkSchool', { name: school, message: teamFieldMessage(field) }),
          };
        }),
      });
    },
  });

  const items = pairs.data?.items ?? [];
  const lacking = items.filter((item) => item.status !== 'complete').length;
  const allOnPageSelected = items.length > 0 && items.every((item) => selected.has(item.locationId));
  const toggle = (item: LocationPair, checked: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (checked) next.set(item.locationId, { name: item.name, status: item.status });
      else next.delete(item.locationId);
      return next;
    });
  const isFiltered = date !== today || status !== undefined || q !== '';

  const columns: Column<LocationPair>[] = [
    ...(canManage
      ? [
          {
            key: 'select',
            header: t('pairs.columnSelect'),
            cell: (item: LocationPair) => (
              <Checkbox
                aria-label={t('pairs.selectSchool', { name: item.name })}
                checked={selected.has(item.locationId)}
                onChange={(event) => toggle(item, event.target.checked)}
              />
            ),
            width: '4rem',
          },
        ]
      : []),
    {
      key: 'school',
      header: t('pairs.columnSchool'),
      cell: (item) => (
        <>
          <RouterLink to={`/koppelingen/${item.locationId}`}>{item.name}</RouterLink>
          <span className="passend-visually-hidden"> — {t('pairs.history', { name: item.name })}</span>
          <br />
          <span className="passend-nowrap">
            {item.place} · {item.brin}
            {item.locationCode}
          </span>
        </>
      ),
      rowHeader: true,
    },
    {
      key: 'scientist',
      header: t('pairs.columnScientist'),
      cell: (item) => <PairMemberText member={item.behaviouralScientist} />,
    },
    {
      key: 'adviser',
      header: t('pairs.columnAdviser'),
      cell: (item) => <PairMemberText member={item.inclusionAdviser} />,
    },
    {
      key: 'status',
      header: t('pairs.columnStatus'),
      cell: (item) => <PairStatusText status={item.status} />,
      keepWithTitle: true,
    },
  ];

  return (
    <>
      <PageHeading>{t('pairs.title')}</PageHeading>
      <Paragraph>{t('pairs.intro')}</Paragraph>
      <ListToolbar
        search={{
          label: t('pairs.searchLabel'),
          value: q,
          onSearch: (zoek) => list.setFilters({ zoek, datum: isoDate.test(dateDraft) ? dateDraft : today }),
        }}
        onClear={
          isFiltered
            ? () => {
                setDateDraft(today);
                list.clear();
              }
            : undefined
        }
      >
        <TextField
          name="date"
          type="date"
          label={t('pairs.dateLabel')}
          description={t('pairs.dateDescription')}
          required={false}
          value={dateDraft}
          onChange={setDateDraft}
        />
        <SelectField
          name="status"
          label={t('pairs.statusLabel')}
          placeholder={t('pairs.statusAll')}
          required={false}
          value={status ?? ''}
          onChange={(value) => list.setFilters({ status: value })}
          choices={pairStatusSchema.options.map((value) => ({ value, label: t(`pairStatus.${value}`) }))}
        />
      </ListToolbar>
      {pairs.isError && <ErrorAlert errors={formErrorsFrom(pairs.error)} />}
      {pairs.isPending && <Paragraph role="status">{t('common.loading')}</Paragraph>}
      {pairs.data && (
        <>
          {lacking > 0 ? (
            <Alert type="warning">{t('pairs.lacking', { count: lacking })}</Alert>
          ) : (
            items.length > 0 && <Paragraph>{t('pairs.allComplete')}</Paragraph>
          )}
          {canManage && items.length > 0 && (
            <CheckboxField
              name="selectPage"
              label={t('pairs.selectPage')}
              checked={allOnPageSelected}
              onChange={(checked) => {
                for (const item of items) toggle(item, checked);
              }}
            />
          )}
          <DataTable
            caption={t('pairs.tableCaption', { date: formatDate(date) })}
            columns={columns}
            rows={items}
            rowKey={(item) => item.locationId}
            empty={t('pairs.empty')}
            busy={pairs.isFetching}
            rowClassName={(item) => (item.status === 'complete' ? undefined : 'passend-pair-row--lacking')}
          />
          <Pagination
            page={pairs.data.page}
            pageSize={pairs.data.pageSize}
            total={pairs.data.total}
            onPageChange={list.setPage}
          />
        </>
      )}
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
          <ContractForm form={form} aria-labelledby={bulkHeadingId}>
            <PairFields form={form} />
            <ButtonGroup>
              <PrimaryActionButton
                type="submit"
                busy={form.pending}
                aria-disabled={selected.size === 0 || undefined}
              >
                {t('pairs.bulkSubmit')}
              </PrimaryActionButton>
            </ButtonGroup>
          </ContractForm>
        </section>
      )}
    </>
  );
}
