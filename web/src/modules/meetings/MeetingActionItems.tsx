import { useMutation } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ActionItem,
  actionItemInputSchema,
  actionItemSchema,
  actionItemUpdateSchema,
  type MeetingDetail,
} from '../../../../contracts/meetings.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { type ContractFormState, useContractForm } from '../../ui/form/useContractForm.ts';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { useUpdateMeeting } from './meetings.api.ts';

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
      api.put(
        `/api/meeting-action-items/${item.id}`,
        { status: 'done', followUp: item.followUp, followedUpInMeetingId: item.followedUpInMeetingId },
        actionItemSchema,
      ),
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
  const columns: Column<ActionItem>[] = [
    {
      key: 'description',
      header: t('actions.description'),
      cell: (item) => item.description,
      rowHeader: true,
      width: '30%',
    },
    { key: 'owner', header: t('actions.owner'), cell: (item) => item.ownerName },
    { key: 'dueDate', header: t('actions.dueDate'), cell: (item) => format.date(item.dueDate), nowrap: true },
    {
      key: 'status',
      header: t('actions.status'),
      cell: (item) => <ItemStatus item={item} />,
      keepWithTitle: true,
      nowrap: true,
    },
    { key: 'followUp', header: t('actions.followUp'), cell: (item) => item.followUp ?? '—' },
    ...(showCommands
      ? [
          {
            key: 'command',
            header: t('actions.command'),
            cell: (item: ActionItem) =>
              item.status === 'open' && (
                <SecondaryActionButton
                  type="button"
                  busy={complete.isPending && complete.variables?.id === item.id}
                  onClick={() => complete.mutate(item)}
                >
                  {t('actions.markDone')}
                  <span className="passend-visually-hidden">: {item.description}</span>
                </SecondaryActionButton>
              ),
          },
        ]
      : []),
  ];

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
          <DataTable
            caption={t('actions.caption')}
            columns={columns}
            rows={meeting.actionItems}
            rowKey={(item) => item.id}
            empty={t('actions.empty')}
          />
        )}
        {canManage && (
          <AddActionItem
            meeting={meeting}
            onAdded={(item) => {
              setDone(null);
              updateMeeting((current) => ({
                ...current,
                actionItems: [...current.actionItems, item].sort((first, second) =>
                  first.dueDate.localeCompare(second.dueDate),
                ),
              }));
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

type ActionItemValues = { description: string; ownerName: string; dueDate: string };

const noActionItem: ActionItemValues = { description: '', ownerName: '', dueDate: '' };

/** Description, owner and due date; the owner is linked to a participant with exactly that name. */
function AddActionItem({
  meeting,
  onAdded,
}: {
  meeting: MeetingDetail;
  onAdded: (item: ActionItem) => void;
}) {
  const { t } = useTranslation('meetings');
  const headingId = useId();
  const namesId = useId();
  const form: ContractFormState<ActionItemValues> = useContractForm({
    schema: actionItemInputSchema,
    namespace: 'meetings',
    initial: noActionItem,
    toInput: (values) => ({
      description: values.description,
      ownerName: values.ownerName,
      ownerUserId:
        meeting.participants.find(
          (participant) => participant.userId && participant.name === values.ownerName.trim(),
        )?.userId ?? null,
      dueDate: values.dueDate || undefined,
    }),
    send: (input) => api.post(`/api/meetings/${meeting.id}/action-items`, input, actionItemSchema),
    successNotice: t('actions.added'),
    onSuccess: (item) => {
      form.reset(noActionItem);
      onAdded(item);
    },
  });
  const names = [...new Set(meeting.participants.map((participant) => participant.name))];

  return (
    <>
      <Heading level={3} id={headingId}>
        {t('actions.addHeading')}
      </Heading>
      <ContractForm form={form} aria-labelledby={headingId}>
        <TextField label={t('actions.description')} {...form.field('description')} />
        <TextField
          label={t('actions.owner')}
          autoComplete="off"
          list={names.length > 0 ? namesId : undefined}
          {...form.field('ownerName')}
          // The owner's account is found by this name: a problem with it is shown, and linked to, here.
          data-field="ownerUserId"
          error={form.message('ownerName') ?? form.message('ownerUserId')}
        />
        {names.length > 0 && (
          <datalist id={namesId}>
            {names.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        )}
        <TextField type="date" label={t('actions.dueDate')} {...form.field('dueDate')} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('actions.add')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
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
  const form = useContractForm({
    schema: actionItemUpdateSchema,
    namespace: 'meetings',
    initial: { followUp: '' },
    // Following up here completes the item and ties it to this meeting.
    toInput: (values) => ({
      status: 'done',
      followUp: values.followUp.trim() || null,
      followedUpInMeetingId: meetingId,
    }),
    send: (input) => api.put(`/api/meeting-action-items/${item.id}`, input, actionItemSchema),
    // The item leaves the list: the section says what happened.
    onSuccess: onFollowedUp,
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
    <ContractForm form={form}>
      <Fieldset className="passend-fieldset-card">
        <FieldsetLegend>{item.description}</FieldsetLegend>
        <Paragraph>
          {owner} (<ItemStatus item={item} />)
        </Paragraph>
        <TextField label={t('actions.followUp')} {...form.field('followUp')} />
        <ButtonGroup>
          <SecondaryActionButton type="submit" busy={form.pending}>
            {t('actions.followUpSubmit')}
            <span className="passend-visually-hidden">: {item.description}</span>
          </SecondaryActionButton>
        </ButtonGroup>
      </Fieldset>
    </ContractForm>
  );
}
