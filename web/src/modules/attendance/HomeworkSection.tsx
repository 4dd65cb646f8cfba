import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
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
import { type HomeworkCheck, homeworkChecks, homeworkKinds } from '../../../../contracts/trajectories.ts';
import { api, apiRequest, withQuery } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import {
  type FormErrors,
  formErrorsFrom,
  moduleMessageFor,
  noFormErrors,
  validate,
} from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import './attendance.css';

const pageSize = 10;

/** Validation errors thrown by the form itself, or what the API answered. */
function errorsOf(error: unknown): FormErrors {
  return !(error instanceof Error) && 'fields' in (error as object)
    ? (error as FormErrors)
    : formErrorsFrom(error);
}

function useRefreshHomework(trajectoryId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['homework', trajectoryId] });
}

/**
 * The trajectory page's homework part (E4, E8): assignments and tests with their deadlines, planned
 * work sessions and the VSO teacher's check. The mentor reads it; where the location does not offer
 * homework support, a note says so and nothing can be planned.
 */
export function HomeworkSection({ trajectoryId, offersHomeworkSupport }: TrajectorySectionProps) {
  const { t } = useTranslation('attendance');
  const headingId = useId();
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const homework = useQuery({
    queryKey: ['homework', trajectoryId, { page }],
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/api/trajectories/${trajectoryId}/homework`, { page, pageSize }),
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
      {offered ? (
        <Paragraph>{t('homework.intro')}</Paragraph>
      ) : (
        <Paragraph className="passend-status passend-status--todo">{t('homework.notOffered')}</Paragraph>
      )}
      <Paragraph role="status">{message}</Paragraph>
      {homework.error && <ErrorAlert errors={formErrorsFrom(homework.error)} />}
      {homework.isPending && <Paragraph role="status">{t('attendance.loading')}</Paragraph>}
      {data && (
        <>
          {offered && !data.canManage && <Paragraph>{t('homework.readOnly')}</Paragraph>}
          {data.items.length === 0 && offered && <Paragraph>{t('homework.empty')}</Paragraph>}
          {data.items.map((item) => (
            <HomeworkItemView key={item.id} item={item} canManage={data.canManage} onDone={setMessage} />
          ))}
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={setPage} />
          {data.canManage && <AddItem trajectoryId={trajectoryId} onDone={setMessage} />}
        </>
      )}
    </section>
  );
}

function HomeworkItemView({
  item,
  canManage,
  onDone,
}: {
  item: HomeworkItem;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const today = todayInAmsterdam();
  const kind = t(`homework.kinds.${item.kind}`);
  const checkable = item.sessions.filter((session) => canManage && session.plannedOn <= today);
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
        <ScrollTable caption={t('homework.sessionsCaption', { kind, subject: item.subject })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('homework.plannedOn')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('homework.plannedWork')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('homework.result')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('homework.note')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {item.sessions.map((session) => (
              <TableRow key={session.id}>
                <TableHeaderCell scope="row">{format.date(session.plannedOn)}</TableHeaderCell>
                <TableCell>{session.plannedWork}</TableCell>
                <TableCell>
                  <SessionResult session={session} />
                </TableCell>
                <TableCell>{session.note ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
      {checkable.map((session) => (
        <CheckSession key={session.id} session={session} trajectoryId={item.trajectoryId} onDone={onDone} />
      ))}
      {canManage && item.dueOn >= today && <AddSession item={item} onDone={onDone} />}
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
function CheckSession({
  session,
  trajectoryId,
  onDone,
}: {
  session: HomeworkSession;
  trajectoryId: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('attendance');
  const format = useFormatters();
  const refresh = useRefreshHomework(trajectoryId);
  const [form, setForm] = useState({ result: session.result ?? '', note: session.note ?? '' });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const check = useMutation({
    mutationFn: async () => {
      const checked = validate(homeworkCheckInputSchema, {
        result: form.result || undefined,
        note: form.note.trim() || null,
      });
      if (!checked.ok) throw checked.errors;
      return apiRequest('PUT', `/api/homework-sessions/${session.id}/check`, {
        body: checked.value,
        schema: homeworkSessionSchema,
      });
    },
    onSuccess: async () => {
      setErrors(noFormErrors);
      await refresh();
      onDone(t('homework.checked'));
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = (path: string) => moduleMessageFor('attendance', errors, path);
  return (
    <Form errors={errors} fields={['result', 'note']} onSubmit={() => check.mutate()}>
      <Fieldset className="passend-fieldset-card">
        <FieldsetLegend>{t('homework.checkLegend', { date: format.date(session.plannedOn) })}</FieldsetLegend>
        <SelectField
          name="result"
          label={t('homework.result')}
          placeholder={t('homework.resultPlaceholder')}
          value={form.result}
          onChange={(result) => setForm((current) => ({ ...current, result }))}
          choices={homeworkChecks.map((value: HomeworkCheck) => ({
            value,
            label: t(`homework.checks.${value}`),
          }))}
          error={message('result')}
        />
        <TextField
          name="note"
          label={t('homework.note')}
          required={false}
          maxLength={2000}
          value={form.note}
          onChange={(note) => setForm((current) => ({ ...current, note }))}
          error={message('note')}
        />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={check.isPending}>
            {t('homework.checkSubmit')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Fieldset>
    </Form>
  );
}

/** Plans a work session on or before the item's deadline (E4). */
function AddSession({ item, onDone }: { item: HomeworkItem; onDone: (message: string) => void }) {
  const { t } = useTranslation('attendance');
  const refresh = useRefreshHomework(item.trajectoryId);
  const [form, setForm] = useState({ plannedOn: '', plannedWork: '' });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const add = useMutation({
    mutationFn: async () => {
      const checked = validate(homeworkSessionInputSchema, {
        plannedOn: form.plannedOn || undefined,
        plannedWork: form.plannedWork,
      });
      if (!checked.ok) throw checked.errors;
      return api.post(`/api/homework-items/${item.id}/sessions`, checked.value, homeworkSessionSchema);
    },
    onSuccess: async () => {
      setErrors(noFormErrors);
      setForm({ plannedOn: '', plannedWork: '' });
      await refresh();
      onDone(t('homework.sessionAdded'));
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = (path: string) => moduleMessageFor('attendance', errors, path);
  return (
    <Form errors={errors} fields={['plannedOn', 'plannedWork']} onSubmit={() => add.mutate()}>
      <Fieldset className="passend-fieldset-card">
        <FieldsetLegend>
          {t('homework.addSessionHeading')}: {t(`homework.kinds.${item.kind}`)} {item.subject}
        </FieldsetLegend>
        <TextField
          name="plannedOn"
          type="date"
          label={t('homework.plannedOn')}
          max={item.dueOn}
          value={form.plannedOn}
          onChange={(plannedOn) => setForm((current) => ({ ...current, plannedOn }))}
          error={message('plannedOn')}
        />
        <TextField
          name="plannedWork"
          label={t('homework.plannedWork')}
          maxLength={1000}
          value={form.plannedWork}
          onChange={(plannedWork) => setForm((current) => ({ ...current, plannedWork }))}
          error={message('plannedWork')}
        />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={add.isPending}>
            {t('homework.addSessionSubmit')}
          </SecondaryActionButton>
        </ButtonGroup>
      </Fieldset>
    </Form>
  );
}

/** Adds an assignment or a test with its deadline (E4). */
function AddItem({ trajectoryId, onDone }: { trajectoryId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation('attendance');
  const refresh = useRefreshHomework(trajectoryId);
  const empty = { kind: '', subject: '', description: '', dueOn: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const add = useMutation({
    mutationFn: async () => {
      const checked = validate(homeworkItemInputSchema, {
        kind: form.kind || undefined,
        subject: form.subject,
        description: form.description,
        dueOn: form.dueOn || undefined,
      });
      if (!checked.ok) throw checked.errors;
      return api.post(`/api/trajectories/${trajectoryId}/homework`, checked.value, homeworkItemSchema);
    },
    onSuccess: async (item) => {
      setErrors(noFormErrors);
      setForm(empty);
      await refresh();
      onDone(t('homework.itemAdded', { kind: t(`homework.kinds.${item.kind}`).toLowerCase() }));
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = (path: string) => moduleMessageFor('attendance', errors, path);
  return (
    <>
      <Heading level={3}>{t('homework.addItemHeading')}</Heading>
      <Form
        errors={errors}
        fields={['kind', 'subject', 'description', 'dueOn']}
        onSubmit={() => add.mutate()}
      >
        <SelectField
          name="kind"
          label={t('homework.kind')}
          placeholder={t('homework.kindPlaceholder')}
          value={form.kind}
          onChange={(kind) => setForm((current) => ({ ...current, kind }))}
          choices={homeworkKinds.map((value) => ({ value, label: t(`homework.kinds.${value}`) }))}
          error={message('kind')}
        />
        <TextField
          name="subject"
          label={t('homework.subject')}
          maxLength={100}
          value={form.subject}
          onChange={(subject) => setForm((current) => ({ ...current, subject }))}
          error={message('subject')}
        />
        <TextField
          name="description"
          label={t('homework.description')}
          maxLength={2000}
          value={form.description}
          onChange={(description) => setForm((current) => ({ ...current, description }))}
          error={message('description')}
        />
        <TextField
          name="dueOn"
          type="date"
          label={t('homework.dueOn')}
          min={todayInAmsterdam()}
          value={form.dueOn}
          onChange={(dueOn) => setForm((current) => ({ ...current, dueOn }))}
          error={message('dueOn')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={add.isPending}>
            {t('homework.addItemSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}
