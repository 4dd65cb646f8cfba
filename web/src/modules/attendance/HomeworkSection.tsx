import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type HomeworkItem,
  type HomeworkSession,
  homeworkCheckInputSchema,
  homeworkItemInputSchema,
  homeworkItemSchema,
  homeworkPageSchema,
  homeworkSessionInputSchema,
  homeworkSessionSchema,
} from '../../../../contracts/attendance.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import {
  extraHomeworkSessionKinds,
  type HomeworkCheck,
  homeworkChecks,
  homeworkKinds,
  homeworkSessionKinds,
} from '../../../../contracts/trajectories.ts';
import { api, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { Pagination } from '../../ui/Pagination.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { useSectionListParams } from '../trajectories/section-params.ts';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { attendanceKeys } from './attendance.api.ts';
import './attendance.css';

const pageSize = 10;

function useRefreshHomework(trajectoryId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: attendanceKeys.homework(trajectoryId) });
}

/**
 * The trajectory page's homework part (E4, E8): assignments and tests with their deadlines, planned
 * sessions and the VSO teacher's check, at every expertise point. The mentor reads it. Sessions of
 * structuring and homework support are offered only where the location offers them; elsewhere a note
 * says so.
 */
export function HomeworkSection({ trajectoryId, offersHomeworkSupport }: TrajectorySectionProps) {
  const { t } = useTranslation('attendance');
  const headingId = useId();
  const params = useSectionListParams({});
  const homework = useQuery({
    queryKey: attendanceKeys.homeworkPage(trajectoryId, params.page),
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/homework`, { page: params.page, pageSize }),
        homeworkPageSchema,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const data = homework.data;
  const offered = data?.offersHomeworkSupport ?? offersHomeworkSupport;

  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('homework.heading')}
      </Heading>
      <Paragraph>{t('homework.intro')}</Paragraph>
      <Paragraph>{offered ? t('homework.introExtras') : t('homework.notOffered')}</Paragraph>
      {homework.error && <ErrorAlert errors={formErrorsFrom(homework.error)} />}
      {homework.isPending && <Paragraph role="status">{t('attendance.loading')}</Paragraph>}
      {data && (
        <>
          {!data.canManage && <Paragraph>{t('homework.readOnly')}</Paragraph>}
          {data.items.length === 0 && <Paragraph>{t('homework.empty')}</Paragraph>}
          {data.items.map((item) => (
            <HomeworkItemView key={item.id} item={item} canManage={data.canManage} offered={offered} />
          ))}
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPageChange={params.setPage}
          />
          {data.canManage && <AddItem trajectoryId={trajectoryId} />}
        </>
      )}
    </section>
  );
}

function HomeworkItemView({
  item,
  canManage,
  offered,
}: {
  item: HomeworkItem;
  canManage: boolean;
  offered: boolean;
}) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const today = todayInAmsterdam();
  const kind = t(`homework.kinds.${item.kind}`);
  const checkable = item.sessions.filter((session) => canManage && session.plannedOn <= today);
  const columns: Column<HomeworkSession>[] = [
    {
      key: 'plannedOn',
      header: t('homework.plannedOn'),
      rowHeader: true,
      nowrap: true,
      width: '9rem',
      cell: (session) => format.date(session.plannedOn),
    },
    {
      key: 'result',
      header: t('homework.result'),
      keepWithTitle: true,
      cell: (session) => <SessionResult session={session} />,
    },
    {
      key: 'kind',
      header: t('homework.sessionKind'),
      cell: (session) => t(`homework.sessionKinds.${session.kind}`),
    },
    { key: 'plannedWork', header: t('homework.plannedWork'), cell: (session) => session.plannedWork },
    { key: 'note', header: t('homework.note'), cell: (session) => session.note ?? '' },
  ];
  return (
    <article className="passend-hw-item">
      <Heading level={3}>{t('homework.itemHeading', { kind, subject: item.subject })}</Heading>
      <Paragraph>
        {t('homework.due', { date: format.date(item.dueOn) })}
        {item.dueOn < today && <> ({t('homework.overdue')})</>}
      </Paragraph>
      <Paragraph>{item.description}</Paragraph>
      {item.sessions.length === 0 ? (
        <Paragraph>{t('homework.noSessions')}</Paragraph>
      ) : (
        <DataTable
          caption={t('homework.sessionsCaption', { kind, subject: item.subject })}
          columns={columns}
          rows={item.sessions}
          rowKey={(session) => session.id}
          empty={t('homework.noSessions')}
        />
      )}
      {checkable.map((session) => (
        <CheckSession key={session.id} session={session} trajectoryId={item.trajectoryId} />
      ))}
      {canManage && item.dueOn >= today && <AddSession item={item} offered={offered} />}
    </article>
  );
}

function SessionResult({ session }: { session: HomeworkSession }) {
  const { t } = useTranslation('attendance');
  if (!session.result) return <>{t('homework.notChecked')}</>;
  const result = t(`homework.checks.${session.result}`);
  const className =
    session.result === 'done' ? 'passend-status passend-status--ok' : 'passend-status passend-status--todo';
  return (
    <span className={className}>
      {session.checkedByName ? t('homework.checkedBy', { result, name: session.checkedByName }) : result}
    </span>
  );
}

/** The VSO teacher's check of one session: done, partly or not done, with a note (E4). */
function CheckSession({ session, trajectoryId }: { session: HomeworkSession; trajectoryId: string }) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const refresh = useRefreshHomework(trajectoryId);
  const form = useContractForm({
    schema: homeworkCheckInputSchema,
    initial: { result: session.result ?? '', note: session.note ?? '' },
    toInput: (values) => ({ result: values.result || undefined, note: values.note.trim() || null }),
    namespace: 'attendance',
    send: (input) => api.put(`/api/homework-sessions/${session.id}/check`, input, homeworkSessionSchema),
    successNotice: t('homework.checked'),
    onSuccess: () => refresh(),
  });
  return (
    <ContractForm form={form}>
      <Fieldset className="passend-fieldset-card">
        <FieldsetLegend>{t('homework.checkLegend', { date: format.date(session.plannedOn) })}</FieldsetLegend>
        <SelectField
          label={t('homework.result')}
          placeholder={t('homework.resultPlaceholder')}
          choices={homeworkChecks.map((value: HomeworkCheck) => ({
            value,
            label: t(`homework.checks.${value}`),
          }))}
          {...form.field('result', 'choice')}
        />
        <TextField label={t('homework.note')} {...form.field('note')} />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={form.pending}>
            {t('homework.checkSubmit')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Fieldset>
    </ContractForm>
  );
}

/**
 * Plans a session on or before the item's deadline: a work session everywhere (E4); structuring and
 * homework support only where the location offers them (E8).
 */
function AddSession({ item, offered }: { item: HomeworkItem; offered: boolean }) {
  const { t } = useTranslation('attendance');
  const refresh = useRefreshHomework(item.trajectoryId);
  const empty = { kind: 'work', plannedOn: '', plannedWork: '' };
  const kinds = homeworkSessionKinds.filter((kind) => offered || !extraHomeworkSessionKinds.includes(kind));
  const form = useContractForm({
    schema: homeworkSessionInputSchema,
    initial: empty,
    toInput: (values) => ({
      ...values,
      kind: values.kind || undefined,
      plannedOn: values.plannedOn || undefined,
    }),
    namespace: 'attendance',
    send: (input) => api.post(`/api/homework-items/${item.id}/sessions`, input, homeworkSessionSchema),
    successNotice: t('homework.sessionAdded'),
    onSuccess: async () => {
      form.reset(empty);
      await refresh();
    },
  });
  return (
    <ContractForm form={form}>
      <Fieldset className="passend-fieldset-card">
        <FieldsetLegend>
          {t('homework.addSessionHeading')}: {t(`homework.kinds.${item.kind}`)} {item.subject}
        </FieldsetLegend>
        {kinds.length > 1 && (
          <SelectField
            label={t('homework.sessionKind')}
            placeholder={t('homework.resultPlaceholder')}
            choices={kinds.map((value) => ({ value, label: t(`homework.sessionKinds.${value}`) }))}
            {...form.field('kind', 'choice')}
          />
        )}
        <TextField
          type="date"
          label={t('homework.plannedOn')}
          {...form.field('plannedOn')}
          // On or before the deadline: a rule of this item, not of the contract.
          max={item.dueOn}
        />
        <TextField label={t('homework.plannedWork')} {...form.field('plannedWork')} />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={form.pending}>
            {t('homework.addSessionSubmit')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Fieldset>
    </ContractForm>
  );
}

/** Adds an assignment or a test with its deadline (E4). */
function AddItem({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation('attendance');
  const headingId = useId();
  const refresh = useRefreshHomework(trajectoryId);
  const empty = { kind: '', subject: '', description: '', dueOn: '' };
  const form = useContractForm({
    schema: homeworkItemInputSchema,
    initial: empty,
    toInput: (values) => ({ ...values, kind: values.kind || undefined, dueOn: values.dueOn || undefined }),
    namespace: 'attendance',
    send: (input) => api.post(`/api/trajectories/${trajectoryId}/homework`, input, homeworkItemSchema),
    successNotice: (item) =>
      t('homework.itemAdded', { kind: t(`homework.kinds.${item.kind}`).toLowerCase() }),
    onSuccess: async () => {
      form.reset(empty);
      await refresh();
    },
  });
  return (
    <>
      <Heading level={3} id={headingId}>
        {t('homework.addItemHeading')}
      </Heading>
      <ContractForm form={form} aria-labelledby={headingId}>
        <SelectField
          label={t('homework.kind')}
          placeholder={t('homework.kindPlaceholder')}
          choices={homeworkKinds.map((value) => ({ value, label: t(`homework.kinds.${value}`) }))}
          {...form.field('kind', 'choice')}
        />
        <TextField label={t('homework.subject')} {...form.field('subject')} />
        <TextField label={t('homework.description')} {...form.field('description')} />
        <TextField
          type="date"
          label={t('homework.dueOn')}
          {...form.field('dueOn')}
          // Not in the past: a rule of today, not of the contract.
          min={todayInAmsterdam()}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('homework.addItemSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </>
  );
}
