import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormFieldTextarea,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
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
import { type FormErrors, formErrorsFrom, noFormErrors, validate } from '../../app/forms.ts';
import { hasPermission, useSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { errorsOf, LocationPicker, messageOf, useLocationParam } from './shared.tsx';

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
  const [locationId, setLocationId] = useLocationParam();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('pagina')) || 1);
  const filter = {
    kind: searchParams.get('soort') ?? '',
    from: searchParams.get('vanaf') ?? '',
    to: searchParams.get('tot') ?? '',
  };
  const [added, setAdded] = useState(false);
  const list = useQuery({
    queryKey: ['pupil-records', 'teacher-support', locationId ?? null, filter, page],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/teacher-support', { locationId, ...filter, page }),
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
          <LocationPicker locations={data.locations} value={data.locationId} onChange={setLocationId} />
          <FilterForm
            key={`${filter.kind}|${filter.from}|${filter.to}`}
            initial={filter}
            onApply={(next) =>
              setSearchParams((params) => {
                for (const [key, value] of [
                  ['soort', next.kind],
                  ['vanaf', next.from],
                  ['tot', next.to],
                ] as const) {
                  if (value) params.set(key, value);
                  else params.delete(key);
                }
                params.delete('pagina');
                return params;
              })
            }
          />
          {added && <Paragraph role="status">{t('pupilRecords.teachers.added')}</Paragraph>}
          {data.items.length === 0 ? (
            <Paragraph>{t('pupilRecords.teachers.empty')}</Paragraph>
          ) : (
            <SupportTable items={data.items} />
          )}
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={(next) =>
              setSearchParams((params) => {
                params.set('pagina', String(next));
                return params;
              })
            }
          />
          {hasPermission(session, 'teacher_support.manage') && (
            <AddSupport
              locationId={data.locationId}
              onAdded={() => {
                setAdded(true);
                void queryClient.invalidateQueries({ queryKey: ['pupil-records', 'teacher-support'] });
              }}
            />
          )}
          <Signals locationId={data.locationId} />
        </>
      )}
    </>
  );
}

type Filter = { kind: string; from: string; to: string };

function FilterForm({ initial, onApply }: { initial: Filter; onApply: (filter: Filter) => void }) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const [filter, setFilter] = useState(initial);
  return (
    <form
      aria-labelledby={headingId}
      className="passend-toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(filter);
      }}
    >
      <Heading level={2} id={headingId} className="passend-visually-hidden">
        {t('pupilRecords.teachers.filterHeading')}
      </Heading>
      <SelectField
        name="kind"
        label={t('pupilRecords.teachers.kind')}
        placeholder={t('pupilRecords.teachers.allKinds')}
        required={false}
        value={filter.kind}
        onChange={(kind) => setFilter((current) => ({ ...current, kind }))}
        choices={teacherSupportKinds.map((kind) => ({
          value: kind,
          label: t(`pupilRecords.supportKinds.${kind}`),
        }))}
      />
      <TextField
        name="from"
        type="date"
        required={false}
        label={t('pupilRecords.teachers.from')}
        value={filter.from}
        onChange={(from) => setFilter((current) => ({ ...current, from }))}
      />
      <TextField
        name="to"
        type="date"
        required={false}
        label={t('pupilRecords.teachers.to')}
        value={filter.to}
        onChange={(to) => setFilter((current) => ({ ...current, to }))}
      />
      <ButtonGroup>
        <SecondaryActionButton type="submit">{t('pupilRecords.teachers.apply')}</SecondaryActionButton>
      </ButtonGroup>
    </form>
  );
}

function SupportTable({ items }: { items: TeacherSupport[] }) {
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
  return (
    <ScrollTable caption={t('pupilRecords.teachers.caption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('pupilRecords.teachers.date')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.teachers.kind')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.teachers.topic')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.teachers.details')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('pupilRecords.teachers.description')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableHeaderCell scope="row">{format.date(item.occurredOn)}</TableHeaderCell>
            <TableCell>{t(`pupilRecords.supportKinds.${item.kind}`)}</TableCell>
            <TableCell>{item.topic || t('pupilRecords.common.none')}</TableCell>
            <TableCell>{detailsOf(item)}</TableCell>
            <TableCell>{item.description || t('pupilRecords.common.none')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

const emptySupport = {
  kind: '',
  occurredOn: '',
  topic: '',
  participantCount: '',
  teacherName: '',
  className: '',
  description: '',
};

/** One form for the three kinds; the fields follow the kind chosen. */
function AddSupport({ locationId, onAdded }: { locationId: string; onAdded: () => void }) {
  const { t } = useTranslation('pupilRecords');
  const headingId = useId();
  const [form, setForm] = useState(() => ({ ...emptySupport, occurredOn: todayInAmsterdam() }));
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const kind = form.kind as TeacherSupportKind | '';
  const add = useMutation({
    mutationFn: async () => {
      const base = { kind: kind || undefined, locationId, occurredOn: form.occurredOn || undefined };
      const input =
        kind === 'training'
          ? {
              ...base,
              topic: form.topic,
              participantCount:
                form.participantCount.trim() === '' ? undefined : Number(form.participantCount),
              description: form.description,
            }
          : kind === 'class_support'
            ? {
                ...base,
                teacherName: form.teacherName,
                className: form.className,
                topic: form.topic,
                description: form.description,
              }
            : { ...base, topic: form.topic, teacherName: form.teacherName, description: form.description };
      const checked = validate(teacherSupportInputSchema, input);
      if (!checked.ok) throw checked.errors;
      return api.post('/api/expertise-point/teacher-support', checked.value, teacherSupportSchema);
    },
    onSuccess: () => {
      setErrors(noFormErrors);
      setForm({ ...emptySupport, occurredOn: todayInAmsterdam() });
      onAdded();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = messageOf(errors);
  const set = (key: keyof typeof emptySupport) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  const optional = (label: string) => `${label} ${t('pupilRecords.common.optional')}`;

  return (
    <section aria-labelledby={headingId} className="passend-section">
      <Heading level={2} id={headingId}>
        {t('pupilRecords.teachers.addHeading')}
      </Heading>
      <Form errors={errors} fields={Object.keys(emptySupport)} onSubmit={() => add.mutate()}>
        <SelectField
          name="kind"
          label={t('pupilRecords.teachers.kind')}
          placeholder={t('pupilRecords.teachers.kindPlaceholder')}
          value={form.kind}
          onChange={set('kind')}
          choices={teacherSupportKinds.map((value) => ({
            value,
            label: t(`pupilRecords.supportKinds.${value}`),
          }))}
          error={message('kind')}
        />
        <TextField
          name="occurredOn"
          type="date"
          label={t('pupilRecords.teachers.occurredOn')}
          max={todayInAmsterdam()}
          value={form.occurredOn}
          onChange={set('occurredOn')}
          error={message('occurredOn')}
        />
        {kind === 'class_support' && (
          <>
            <TextField
              name="teacherName"
              label={t('pupilRecords.teachers.teacherName')}
              maxLength={200}
              value={form.teacherName}
              onChange={set('teacherName')}
              error={message('teacherName')}
            />
            <TextField
              name="className"
              label={t('pupilRecords.teachers.className')}
              maxLength={50}
              value={form.className}
              onChange={set('className')}
              error={message('className')}
            />
          </>
        )}
        {kind === 'tip' && (
          <TextField
            name="teacherName"
            label={t('pupilRecords.teachers.recipient')}
            description={t('pupilRecords.teachers.recipientHint')}
            maxLength={200}
            value={form.teacherName}
            onChange={set('teacherName')}
            error={message('teacherName')}
          />
        )}
        {kind !== '' && (
          <TextField
            name="topic"
            label={
              kind === 'class_support'
                ? optional(t('pupilRecords.teachers.topicLabel'))
                : t('pupilRecords.teachers.topicLabel')
            }
            required={kind !== 'class_support'}
            maxLength={200}
            value={form.topic}
            onChange={set('topic')}
            error={message('topic')}
          />
        )}
        {kind === 'training' && (
          <TextField
            name="participantCount"
            inputMode="numeric"
            label={t('pupilRecords.teachers.participantCount')}
            value={form.participantCount}
            onChange={set('participantCount')}
            error={message('participantCount')}
          />
        )}
        {kind !== '' && (
          <FormFieldTextarea
            name="description"
            label={
              kind === 'training'
                ? optional(t('pupilRecords.teachers.description'))
                : kind === 'tip'
                  ? t('pupilRecords.teachers.tipText')
                  : t('pupilRecords.teachers.whatWasDone')
            }
            rows={3}
            maxLength={5000}
            required={kind !== 'training'}
            value={form.description}
            onChange={(event) => set('description')(event.target.value)}
            invalid={Boolean(message('description'))}
            errorMessage={message('description')}
          />
        )}
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={add.isPending}>
            {t('pupilRecords.teachers.submit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </section>
  );
}

/** Signals per month of this school year: a table with the numbers, and a chart beside it. */
function Signals({ locationId }: { locationId: string }) {
  const { t } = useTranslation('pupilRecords');
  const format = useFormatters();
  const headingId = useId();
  const signals = useQuery({
    queryKey: ['pupil-records', 'signals', locationId],
    queryFn: ({ signal }) =>
      api.get(
        withQuery('/api/expertise-point/signals-per-month', { locationId }),
        signalsPerMonthSchema,
        signal,
      ),
  });
  const data: SignalsPerMonth | undefined = signals.data;
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
          <ScrollTable
            caption={t('pupilRecords.teachers.signalsCaption', { year: formatSchoolYear(data.schoolYear) })}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('pupilRecords.teachers.month')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('pupilRecords.teachers.signals')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.months.map((month) => (
                <TableRow key={month.month}>
                  <TableHeaderCell scope="row">{format.month(month.month)}</TableHeaderCell>
                  <TableCell>{format.number(month.signals)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <TableHeaderCell scope="row">{t('pupilRecords.teachers.total')}</TableHeaderCell>
                <TableCell>{format.number(data.total)}</TableCell>
              </TableRow>
            </TableFooter>
          </ScrollTable>
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
