import { useMutation, useQueryClient } from '@tanstack/react-query';
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
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ActionItem,
  actionItemInputSchema,
  actionItemSchema,
  type MeetingDetail,
} from '../../../../contracts/meetings.ts';
import { api, apiRequest } from '../../app/api.ts';
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
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** Validation errors thrown by the form itself, or what the API answered. */
function errorsOf(error: unknown): FormErrors {
  return !(error instanceof Error) && 'fields' in (error as object)
    ? (error as FormErrors)
    : formErrorsFrom(error);
}

/** Keeps the meeting in the cache in step with a changed action item, without reading it again. */
function useUpdateMeeting(meetingId: string) {
  const queryClient = useQueryClient();
  return (change: (meeting: MeetingDetail) => MeetingDetail) =>
    queryClient.setQueryData<MeetingDetail>(['meetings', meetingId], (meeting) =>
      meeting ? change(meeting) : meeting,
    );
}

/** Open, done, or open past its date: always in words, the border only adds colour. */
function ItemStatus({ item }: { item: ActionItem }) {
  const { t } = useTranslation('meetings');
  if (item.status === 'done')
    return <span className="passend-status passend-status--ok">{t('actions.done')}</span>;
  if (item.overdue)
    return <span className="passend-status passend-status--todo">{t('actions.overdue')}</span>;
  return <>{t('actions.open')}</>;
}

/**
 * The meeting's action items (R12: owner and due date, followed up at the next meeting), a form to add
 * one, and the open items of the school's earlier meetings of the same kind, to follow up now.
 */
export function MeetingActionItems({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const canManage = meeting.commands.includes('edit');
  const updateMeeting = useUpdateMeeting(meeting.id);
  const [done, setDone] = useState<string | null>(null);
  // Kept here: the section of earlier items stays, with its message, after its last item is followed up.
  const [earlierDone, setEarlierDone] = useState<string | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const complete = useMutation({
    mutationFn: (item: ActionItem) =>
      apiRequest('PUT', `/api/meeting-action-items/${item.id}`, {
        body: { status: 'done', followUp: item.followUp, followedUpInMeetingId: item.followedUpInMeetingId },
        schema: actionItemSchema,
      }),
    onSuccess: (changed) => {
      updateMeeting((current) => ({
        ...current,
        actionItems: current.actionItems.map((item) => (item.id === changed.id ? changed : item)),
      }));
      setDone(t('actions.completed'));
      // The button is gone with the open state: keep the keyboard user in this section.
      sectionRef.current?.focus();
    },
  });
  const hasOpen = meeting.actionItems.some((item) => item.status === 'open');
  const showCommands = canManage && hasOpen;

  return (
    <>
      <section ref={sectionRef} tabIndex={-1} className="passend-section">
        <Heading level={2}>{t('actions.heading')}</Heading>
        <Paragraph>{t('actions.intro')}</Paragraph>
        {done && <Paragraph role="status">{done}</Paragraph>}
        {complete.error && <ErrorAlert errors={formErrorsFrom(complete.error)} />}
        {meeting.actionItems.length === 0 ? (
          <Paragraph>{t('actions.empty')}</Paragraph>
        ) : (
          <ScrollTable caption={t('actions.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('actions.description')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('actions.owner')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('actions.dueDate')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('actions.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('actions.followUp')}</TableHeaderCell>
                {showCommands && <TableHeaderCell scope="col">{t('actions.command')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {meeting.actionItems.map((item) => (
                <TableRow key={item.id}>
                  <TableHeaderCell scope="row">{item.description}</TableHeaderCell>
                  <TableCell>{item.ownerName}</TableCell>
                  <TableCell>{format.date(item.dueDate)}</TableCell>
                  <TableCell>
                    <ItemStatus item={item} />
                  </TableCell>
                  <TableCell>{item.followUp ?? '—'}</TableCell>
                  {showCommands && (
                    <TableCell>
                      {item.status === 'open' && (
                        <SecondaryActionButton
                          type="button"
                          busy={complete.isPending && complete.variables?.id === item.id}
                          onClick={() => complete.mutate(item)}
                        >
                          {t('actions.markDone')}
                          <span className="passend-visually-hidden">: {item.description}</span>
                        </SecondaryActionButton>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        )}
        {canManage && (
          <AddActionItem
            meeting={meeting}
            onAdded={(item) => {
              updateMeeting((current) => ({
                ...current,
                actionItems: [...current.actionItems, item].sort((first, second) =>
                  first.dueDate.localeCompare(second.dueDate),
                ),
              }));
              setDone(t('actions.added'));
            }}
          />
        )}
      </section>
      {(meeting.openEarlierItems.length > 0 || earlierDone) && (
        <EarlierItems meeting={meeting} canManage={canManage} done={earlierDone} onDone={setEarlierDone} />
      )}
    </>
  );
}

/** Description, owner and due date; the owner is linked to a participant with exactly that name. */
function AddActionItem({
  meeting,
  onAdded,
}: {
  meeting: MeetingDetail;
  onAdded: (item: ActionItem) => void;
}) {
  const { t } = useTranslation('meetings');
  const namesId = useId();
  const [form, setForm] = useState({ description: '', ownerName: '', dueDate: '' });
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const descriptionRef = useRef<HTMLInputElement>(null);
  const add = useMutation({
    mutationFn: async () => {
      const owner = meeting.participants.find(
        (participant) => participant.userId && participant.name === form.ownerName.trim(),
      );
      const checked = validate(actionItemInputSchema, {
        description: form.description,
        ownerName: form.ownerName,
        ownerUserId: owner?.userId ?? null,
        dueDate: form.dueDate || undefined,
      });
      if (!checked.ok) throw checked.errors;
      return api.post(`/api/meetings/${meeting.id}/action-items`, checked.value, actionItemSchema);
    },
    onSuccess: (item) => {
      setErrors(noFormErrors);
      setForm({ description: '', ownerName: '', dueDate: '' });
      onAdded(item);
      descriptionRef.current?.focus();
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const message = (path: string) => moduleMessageFor('meetings', errors, path);
  const names = [...new Set(meeting.participants.map((participant) => participant.name))];

  return (
    <>
      <Heading level={3}>{t('actions.addHeading')}</Heading>
      <Form
        errors={errors}
        fields={['description', 'ownerName', 'ownerUserId', 'dueDate']}
        onSubmit={() => add.mutate()}
      >
        <TextField
          name="description"
          label={t('actions.description')}
          maxLength={1000}
          inputRef={descriptionRef}
          value={form.description}
          onChange={(description) => setForm((current) => ({ ...current, description }))}
          error={message('description')}
        />
        <TextField
          name="ownerName"
          label={t('actions.owner')}
          maxLength={200}
          autoComplete="off"
          list={names.length > 0 ? namesId : undefined}
          value={form.ownerName}
          onChange={(ownerName) => setForm((current) => ({ ...current, ownerName }))}
          error={message('ownerName') ?? message('ownerUserId')}
        />
        {names.length > 0 && (
          <datalist id={namesId}>
            {names.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        )}
        <TextField
          name="dueDate"
          type="date"
          label={t('actions.dueDate')}
          value={form.dueDate}
          onChange={(dueDate) => setForm((current) => ({ ...current, dueDate }))}
          error={message('dueDate')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={add.isPending}>
            {t('actions.add')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </>
  );
}

/** The open items of earlier meetings: each followed up here, which completes it. */
function EarlierItems({
  meeting,
  canManage,
  done,
  onDone,
}: {
  meeting: MeetingDetail;
  canManage: boolean;
  done: string | null;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('meetings');
  const sectionRef = useRef<HTMLElement>(null);
  const updateMeeting = useUpdateMeeting(meeting.id);
  return (
    <section ref={sectionRef} tabIndex={-1} className="passend-section">
      <Heading level={2}>{t('actions.earlierHeading')}</Heading>
      <Paragraph>{t('actions.earlierIntro')}</Paragraph>
      {done && <Paragraph role="status">{done}</Paragraph>}
      {meeting.openEarlierItems.map((item) => (
        <EarlierItem
          key={item.id}
          item={item}
          meetingId={meeting.id}
          canManage={canManage}
          onFollowedUp={(changed) => {
            updateMeeting((current) => ({
              ...current,
              openEarlierItems: current.openEarlierItems.filter((open) => open.id !== changed.id),
            }));
            onDone(t('actions.followedUp'));
            sectionRef.current?.focus();
          }}
        />
      ))}
    </section>
  );
}

function EarlierItem({
  item,
  meetingId,
  canManage,
  onFollowedUp,
}: {
  item: ActionItem;
  meetingId: string;
  canManage: boolean;
  onFollowedUp: (item: ActionItem) => void;
}) {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  const [followUp, setFollowUp] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const save = useMutation({
    mutationFn: () =>
      apiRequest('PUT', `/api/meeting-action-items/${item.id}`, {
        body: { status: 'done', followUp: followUp.trim() || null, followedUpInMeetingId: meetingId },
        schema: actionItemSchema,
      }),
    onSuccess: (changed) => {
      setErrors(noFormErrors);
      onFollowedUp(changed);
    },
    onError: (error) => setErrors(errorsOf(error)),
  });
  const owner = t('actions.earlierItem', { owner: item.ownerName, date: format.date(item.dueDate) });
  if (!canManage) {
    return (
      <Paragraph>
        <strong>{item.description}</strong> — {owner} (<ItemStatus item={item} />)
      </Paragraph>
    );
  }
  return (
    <Form errors={errors} fields={['followUp']} onSubmit={() => save.mutate()}>
      <Fieldset className="passend-fieldset-card">
        <FieldsetLegend>{item.description}</FieldsetLegend>
        <Paragraph>
          {owner} (<ItemStatus item={item} />)
        </Paragraph>
        <TextField
          name="followUp"
          label={t('actions.followUp')}
          required={false}
          maxLength={2000}
          value={followUp}
          onChange={setFollowUp}
          error={moduleMessageFor('meetings', errors, 'followUp')}
        />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={save.isPending}>
            {t('actions.followUpSubmit')}
            <span className="passend-visually-hidden">: {item.description}</span>
          </SecondaryActionButton>
        </ButtonGroup>
      </Fieldset>
    </Form>
  );
}
