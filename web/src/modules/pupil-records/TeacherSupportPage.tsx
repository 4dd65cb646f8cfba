import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type SignalsPerMonth,
  signalsPerMonthSchema,
  type TeacherSupport,
  teacherSupportInputSchema,
  teacherSupportPageSchema,
  teacherSupportSchema,
} from '../../../../contracts/pupil-records.ts';
import { formatSchoolYear, todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { type TeacherSupportKind, teacherSupportKinds } from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { ListToolbar } from '../../ui/table/ListToolbar.tsx';
import { useListParams } from '../../ui/table/useListParams.ts';
import { pupilRecordKeys } from './pupil-records.api.ts';
import { LocationPicker } from './shared.tsx';

const SignalsChart = lazy(() =>
  import('./SignalsChart.tsx').then((module) => ({ default: module.SignalsChart })),
);

/**
 * `/expertisepunt/docenten`: the expertise point's support of teachers (E6) — trainings, support in
 * class and tips, filtered by kind and period, a form to add one — and the signals per month.
 */
export function TeacherSupportPage() {
  const { t } = useTranslation('pupilRecords');
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const params = useListParams({ locatie: '', soort: '', vanaf: '', tot: '' });
  const locationId = params.filters.locatie || undefined;
  const kind = teacherSupportKinds.find((candidate) => candidate === params.filters.soort);
  const filter = { kind, from: params.filters.vanaf || undefined, to: params.filters.tot || undefined };
  const filtered = Boolean(filter.kind || filter.from || filter.to);
  const list = useQuery({
    queryKey: pupilRecordKeys.teacherSupportList({ locationId, ...filter, page: params.page }),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/teacher-support', { locationId, ...filter, page: params.page }),
        teacherSupportPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  return (
    <>
      <PageHeading>{t('pupilRecords.teachers.title')}</PageHeading>
      <Paragraph>{t('pupilRecords.teachers.intro')}</Paragraph>
      {list.error && <ErrorAlert errors={formErrorsFrom(list.error)} />}
      {!data && !list.error && <Paragraph>{t('pupilRecords.common.loading')}</Paragraph>}
      {data && !data.locationId && <Paragraph>{t('pupilRecords.common.noLocation')}</Paragraph>}
      {data?.locationId && (
        <>
          <LocationPicker
            locations={data.locations}
            value={data.locationId}
            onChange={(locatie) => params.setFilters({ locatie })}
          />
          <FilterForm
            kind={params.filters.soort}
            from={params.filters.vanaf}
            to={params.filters.tot}
            onApply={(next) => params.setFilters({ soort: next.kind, vanaf: next.from, tot: next.to })}
            onClear={filtered ? () => params.setFilters({ soort: '', vanaf: '', tot: '' }) : undefined}
          />
          <SupportTable items={data.items} filtered={filtered} busy={list.isFetching} />
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={params.setPage}
          />
          {hasPermission(session, 'teacher_support.manage') && (
            <AddSupport
              locationId={data.locationId}
              onAdded={() => queryClient.invalidateQueries({ queryKey: pupilRecordKeys.teacherSupport() })}
            />
          )}
          <Signals locationId={data.locationId} />
        </>
      )}
    </>
  );
}

type Filter = { kind: string; from: string; to: string };

/** Kind and period, applied together with the button (a date typed digit by digit is no filter yet). */
function FilterForm({
  kind,
  from,
  to,
  onApply,
  onClear,
}: Filter & { onApply: (filter: Filter) => void; onClear?: () => void }) {
  const { t } = useTranslation('pupilRecords');
  const [draft, setDraft] = useState<Filter>({ kind, from, to });
  // The address is the truth: another filter there (back button, a link) fills the fields again.
  useEffect(() => setDraft({ kind, from, to }), [kind, from, to]);
  return (
    <ListToolbar onClear={onClear}>
      <SelectField
        name="soort"
        label={t('pupilRecords.teachers.kind')}
        placeholder={t('pupilRecords.teachers.allKinds')}
        required={false}
        value={draft.kind}
        onChange={(value) => setDraft((current) => ({ ...current, kind: value }))}
        choices={teacherSupportKinds.map((value) => ({
          value,
          label: t(`pupilRecords.supportKinds.${value}`),
        }))}
      />
      <TextField
        name="vanaf"
        type="date"
        required={false}
        label={t('pupilRecords.teachers.from')}
        value={draft.from}
        onChange={(value) => setDraft((current) => ({ ...current, from: value }))}
      />
      <TextField
        name="tot"
        type="date"
        required={false}
        label={t('pupilRecords.teachers.to')}
        value={draft.to}
        onChange={(value) => setDraft((current) => ({ ...current, to: value }))}
      />
      {/* The toolbar's form submits with Enter too: this button is its default. */}
      <SecondaryActionButton type="submit" onClick={() => onApply(draft)}>
        {t('pupilRecords.teachers.apply')}
      </SecondaryActionButton>
    </ListToolbar>
  );
}

function SupportTable({
  items,
  filtered,
  busy,
}: {
  items: TeacherSupport[];
  filtered: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation('pupilRecords');
  const format = useFormatters();
  const detailsOf = (item: TeacherSupport) => {
    if (item.kind === 'training')
      return t('pupilRecords.teachers.participants', { count: item.participantCount ?? 0 });
    if (item.kind === 'class_support')
      return t('pupilRecords.teachers.classOf', {
        teacher: item.teacherName ?? '',
        className: item.className ?? '',
      });
    return t('pupilRecords.teachers.toWhom', { name: item.teacherName ?? '' });
  };
  const columns: Column<TeacherSupport>[] = [
    {
      key: 'date',
      header: t('pupilRecords.teachers.date'),
      rowHeader: true,
      nowrap: true,
      width: '9rem',
      cell: (item) => format.date(item.occurredOn),
    },
    {
      key: 'kind',
      header: t('pupilRecords.teachers.kind'),
      keepWithTitle: true,
      cell: (item) => t(`pupilRecords.supportKinds.${item.kind}`),
    },
    {
      key: 'topic',
      header: t('pupilRecords.teachers.topic'),
      cell: (item) => item.topic || t('pupilRecords.common.none'),
    },
    { key: 'details', header: t('pupilRecords.teachers.details'), cell: detailsOf },
    {
      key: 'description',
      header: t('pupilRecords.teachers.description'),
      width: '35%',
      cell: (item) => item.description || t('pupilRecords.common.none'),
    },
  ];
  return (
    <DataTable
      caption={t('pupilRecords.teachers.caption')}
      columns={columns}
      rows={items}
      rowKey={(item) => item.id}
      empty={t(filtered ? 'pupilRecords.teachers.emptyFiltered' : 'pupilRecords.teachers.empty')}
      busy={busy}
    />
  );
}

type SupportValues = {
  kind: string;
  occurredOn: string;
  topic: string;
  participantCount: string;
  teacherName: string;
  className: string;
  description: string;
};

const supportSchemas = teacherSupportInputSchema.options;

/** One form for the three kinds; the fields, and the contract they are checked on, follow the kind. */
function AddSupport({ locationId, onAdded }: { locationId: string; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const empty = (): SupportValues => ({
    kind: '',
    occurredOn: todayInAmsterdam(),
    topic: '',
    participantCount: '',
    teacherName: '',
    className: '',
    description: '',
  });
  const [kind, setKind] = useState<TeacherSupportKind | ''>('');
  const kindSchema = supportSchemas.find((schema) => schema.shape.kind.value === kind);
  const form = useContractForm({
    // The chosen kind's own contract gives its fields' limits; before a choice, the whole union.
    schema: (kindSchema ?? teacherSupportInputSchema) as typeof teacherSupportInputSchema,
    initial: empty,
    toInput: (values) => {
      const base = { kind: kind || undefined, locationId, occurredOn: values.occurredOn || undefined };
      if (kind === 'training')
        return {
          ...base,
          topic: values.topic,
          participantCount:
            values.participantCount.trim() === '' ? undefined : Number(values.participantCount),
          description: values.description,
        };
      if (kind === 'class_support')
        return {
          ...base,
          teacherName: values.teacherName,
          className: values.className,
          topic: values.topic,
          description: values.description,
        };
      return {
        ...base,
        topic: values.topic,
        teacherName: values.teacherName,
        description: values.description,
      };
    },
    namespace: 'pupilRecords',
    send: (input) => api.post('/api/expertise-point/teacher-support', input, teacherSupportSchema),
    successNotice: t('pupilRecords.teachers.added'),
    onSuccess: async () => {
      form.reset(empty());
      setKind('');
      await onAdded();
    },
  });
  const optional = (label: string) => `${label} ${t('pupilRecords.common.optional')}`;

  return (
    <section aria-labelledby={headingId} className="passend-section">
      <Heading level={2} id={headingId}>
        {t('pupilRecords.teachers.addHeading')}
      </Heading>
      <ContractForm form={form} aria-labelledby={headingId}>
        <SelectField
          label={t('pupilRecords.teachers.kind')}
          placeholder={t('pupilRecords.teachers.kindPlaceholder')}
          choices={teacherSupportKinds.map((value) => ({
            value,
            label: t(`pupilRecords.supportKinds.${value}`),
          }))}
          {...form.field('kind', 'choice')}
          // The kind picks the contract: the union's rules cannot say it is needed, every member can.
          required
          onChange={(value) => {
            form.set('kind', value);
            setKind(teacherSupportKinds.find((candidate) => candidate === value) ?? '');
          }}
        />
        <TextField
          type="date"
          label={t('pupilRecords.teachers.occurredOn')}
          {...form.field('occurredOn')}
          // Support is recorded after it happened: a rule of today, not of the contract.
          max={todayInAmsterdam()}
        />
        {kind === 'class_support' && (
          <>
            <TextField label={t('pupilRecords.teachers.teacherName')} {...form.field('teacherName')} />
            <TextField label={t('pupilRecords.teachers.className')} {...form.field('className')} />
          </>
        )}
        {kind === 'tip' && (
          <TextField
            label={t('pupilRecords.teachers.recipient')}
            description={t('pupilRecords.teachers.recipientHint')}
            {...form.field('teacherName')}
          />
        )}
        {kind !== '' && (
          <TextField
            label={
              kind === 'class_support'
                ? optional(t('pupilRecords.teachers.topicLabel'))
                : t('pupilRecords.teachers.topicLabel')
            }
            {...form.field('topic')}
          />
        )}
        {kind === 'training' && (
          <TextField
            inputMode="numeric"
            label={t('pupilRecords.teachers.participantCount')}
            {...form.field('participantCount')}
          />
        )}
        {kind !== '' && (
          <TextAreaField
            label={
              kind === 'training'
                ? optional(t('pupilRecords.teachers.description'))
                : kind === 'tip'
                  ? t('pupilRecords.teachers.tipText')
                  : t('pupilRecords.teachers.whatWasDone')
            }
            rows={3}
            {...form.field('description')}
          />
        )}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('pupilRecords.teachers.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}

/** Signals per month of this school year: a table with the numbers, and a chart beside it. */
function Signals({ locationId }: { locationId: string }) {
  const { t } = useTranslation('pupilRecords');
  const format = useFormatters();
  const headingId = useId();
  const signals = useQuery({
    queryKey: pupilRecordKeys.signals(locationId),
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/signals-per-month', { locationId }),
        signalsPerMonthSchema,
        signal,
      ),
  });
  const data: SignalsPerMonth | undefined = signals.data;
  type Month = SignalsPerMonth['months'][number];
  const columns: Column<Month>[] = [
    {
      key: 'month',
      header: t('pupilRecords.teachers.month'),
      rowHeader: true,
      nowrap: true,
      cell: (month) => format.month(month.month),
    },
    {
      key: 'signals',
      header: t('pupilRecords.teachers.signals'),
      numeric: true,
      width: '8rem',
      cell: (month) => format.number(month.signals),
    },
  ];
  return (
    <section aria-labelledby={headingId} className="passend-section">
      <Heading level={2} id={headingId}>
        {t('pupilRecords.teachers.signalsHeading')}
      </Heading>
      {signals.error && <ErrorAlert errors={formErrorsFrom(signals.error)} />}
      {data && (
        <>
          <Paragraph>
            {t('pupilRecords.teachers.signalsIntro', { year: formatSchoolYear(data.schoolYear) })}
          </Paragraph>
          <DataTable
            caption={t('pupilRecords.teachers.signalsCaption', { year: formatSchoolYear(data.schoolYear) })}
            columns={columns}
            rows={data.months}
            rowKey={(month) => month.month}
            empty={t('pupilRecords.teachers.empty')}
            // Two short columns fit a phone: the months stay a grid to compare.
            stackOnSmallScreens={false}
            footer={
              <TableRow>
                <TableHeaderCell scope="row">{t('pupilRecords.teachers.total')}</TableHeaderCell>
                <TableCell className="passend-cell--numeric">{format.number(data.total)}</TableCell>
              </TableRow>
            }
          />
          <figure className="passend-chart">
            <figcaption className="passend-visually-hidden">
              {t('pupilRecords.teachers.signalsCaption', { year: formatSchoolYear(data.schoolYear) })}
            </figcaption>
            <div role="img" aria-label={t('pupilRecords.teachers.chartAlt')}>
              <Suspense fallback={<Paragraph>{t('pupilRecords.teachers.chartLoading')}</Paragraph>}>
                <SignalsChart
                  months={data.months.map((month) => ({
                    label: format.shortMonth(month.month),
                    signals: month.signals,
                  }))}
                />
              </Suspense>
            </div>
          </figure>
        </>
      )}
    </section>
  );
}
