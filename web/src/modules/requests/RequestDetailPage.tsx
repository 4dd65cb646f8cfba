import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading,
  OrderedList,
  OrderedListItem,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  closeRequestInputSchema,
  isGroupLevel,
  type RequestDetail,
  refuseRequestInputSchema,
  withdrawRequestInputSchema,
} from '../../../../contracts/requests.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { useNavigateWithNotice } from '../../app/notice.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { AssignSection } from './AssignSection.tsx';
import { ChangeTeacherSection } from './ChangeTeacherSection.tsx';
import { CommandForm } from './CommandForm.tsx';
import { ConsentSection } from './ConsentSection.tsx';
import { ParentsInformedSection } from './ParentsInformedSection.tsx';
import { postCommand, requestKeys, useRequestDetail, useShowRequestDetail } from './requests.api.ts';
import { StatusTag } from './StatusTag.tsx';
import { submitQuestion } from './submit-question.ts';
import { ThreadSection } from './ThreadSection.tsx';
import './requests.css';

/** A section with a level-2 heading tied to it. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** `/hulpvragen/:requestId`: one request with its status, consent, assignment, thread and files. */
export function RequestDetailPage() {
  const { requestId = '' } = useParams();
  const { t } = useTranslation('requests');
  const detail = useRequestDetail(requestId);
  if (detail.isError) {
    return (
      <>
        <PageHeading>{t('detail.titleUnknown')}</PageHeading>
        <ErrorAlert errors={formErrorsFrom(detail.error)} />
      </>
    );
  }
  if (!detail.data) return <Paragraph role="status">{t('common.loading')}</Paragraph>;
  return <RequestDetailView request={detail.data} />;
}

function RequestDetailView({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  const can = (command: RequestDetail['commands'][number]) => request.commands.includes(command);
  const fact = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{value?.trim() ? value : '—'}</dd>
    </>
  );
  return (
    <div className="passend-request-sections">
      <PageHeading>{t('detail.title', { reference: request.reference })}</PageHeading>
      <Paragraph>
        <StatusTag status={request.status} /> {request.location.name}, {request.location.place}
        {request.type ? ` · ${t(`types.${request.type}`)}` : ''}
      </Paragraph>
      {request.status === 'refused' && request.refusalReason && (
        <Alert type="warning">
          <Heading level={2}>{t('detail.refusedHeading')}</Heading>
          <Paragraph>{request.refusalReason}</Paragraph>
        </Alert>
      )}
      {request.status === 'paused' && (
        <Alert type="warning">
          <Paragraph>{t('detail.pausedNote')}</Paragraph>
        </Alert>
      )}
      <Actions request={request} />

      <Section title={t('detail.facts')}>
        <dl className="passend-request-facts">
          {fact(t('detail.school'), `${request.location.name}, ${request.location.place}`)}
          {fact(t('detail.type'), request.type ? t(`types.${request.type}`) : null)}
          {fact(t('detail.filedBy'), request.createdBy.name)}
          {fact(t('detail.submittedAt'), request.submittedAt ? format.dateTime(request.submittedAt) : null)}
          {fact(t('detail.assignedTo'), request.assignedTo?.name)}
          {fact(t('detail.expertise'), request.expertiseTags.map((tag) => tag.name).join(', '))}
          {/* Y3: the teacher picked from the school's users; on older requests the name as typed. */}
          {fact(t('detail.teacher'), request.teacher?.name ?? request.teacherName)}
          {fact(t('detail.group'), request.groupName)}
          {!request.pupilHidden && fact(t('detail.question'), request.question)}
          {!request.pupilHidden && fact(t('detail.tried'), request.triedInBasicSupport)}
          {!request.pupilHidden && fact(t('detail.hoped'), request.hopedOutcome)}
          {request.outcome && fact(t('detail.outcome'), request.outcome)}
        </dl>
      </Section>

      {(request.pupil || request.pupilHidden) && (
        <Section title={t('detail.pupilHeading')}>
          {request.pupilHidden ? (
            <Paragraph>{t('detail.pupilHidden')}</Paragraph>
          ) : (
            <>
              <dl className="passend-request-facts">
                {fact(t('detail.pupilName'), request.pupil?.name)}
                {fact(t('detail.birthDate'), request.pupil ? format.date(request.pupil.birthDate) : null)}
                {fact(t('detail.pupilGroup'), request.pupil?.group)}
              </dl>
              <ul>
                {request.parents.map((parent) => (
                  <li key={parent.id}>
                    {parent.name}
                    {parent.email ? `, ${parent.email}` : ''}
                    {parent.phone ? `, ${parent.phone}` : ''} —{' '}
                    {parent.hasAuthority ? t('detail.hasAuthority') : t('detail.noAuthority')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>
      )}

      {request.consent.status !== 'not_needed' && !request.pupilHidden && (
        <ConsentSection request={request} />
      )}
      {request.consent.status !== 'not_needed' && request.pupilHidden && (
        <Section title={t('consent.heading')}>
          <Paragraph>
            {t('consent.status', { status: t(`consentStatus.${request.consent.status}`) })}
          </Paragraph>
        </Section>
      )}
      {isGroupLevel(request.type) && request.status !== 'draft' && (
        <ParentsInformedSection request={request} />
      )}
      {request.status !== 'draft' && <AssignSection request={request} canAssign={can('assign')} />}
      {can('change_teacher') && <ChangeTeacherSection request={request} />}

      <Section title={t('detail.timeline')}>
        {request.timeline.length === 0 ? (
          <Paragraph>{t('detail.noTimeline')}</Paragraph>
        ) : (
          <OrderedList>
            {request.timeline.map((entry) => (
              <OrderedListItem key={`${entry.at}-${entry.transition}`}>
                {format.dateTime(entry.at)}: {entry.fromStatus ? t(`status.${entry.fromStatus}`) : '—'} →{' '}
                {t(`status.${entry.toStatus}`)} ({entry.actorName ?? t('detail.system')})
                {entry.reason ? ` — ${entry.reason}` : ''}
              </OrderedListItem>
            ))}
          </OrderedList>
        )}
      </Section>

      {!request.pupilHidden && <ThreadSection request={request} />}
    </div>
  );
}

/** The buttons and short forms of the commands the user may use now (the server checks them again). */
function Actions({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const navigateWithNotice = useNavigateWithNotice();
  const showDetail = useShowRequestDetail();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<'submit' | 'delete' | null>(null);
  const can = (command: RequestDetail['commands'][number]) => request.commands.includes(command);
  // After a command the page shows the request's new state and says at the top what happened.
  const showDone = (detail: RequestDetail, notice: string) => {
    showDetail(detail);
    navigateWithNotice(`/hulpvragen/${detail.id}`, notice, { replace: true });
  };
  const submit = useMutation({
    mutationFn: () => postCommand(request.id, '/submit'),
    onSuccess: (detail) =>
      showDone(detail, detail.status === 'refused' ? t('form.submittedRefused') : t('form.submitted')),
  });
  const start = useMutation({
    mutationFn: () => postCommand(request.id, '/start'),
    onSuccess: (detail) => showDone(detail, t('detail.started')),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/requests/${request.id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: requestKeys.lists() });
      navigateWithNotice('/hulpvragen', t('detail.deleted'));
    },
  });
  const simpleError = submit.error ?? start.error ?? remove.error;
  const question = asking === 'submit' ? submitQuestion(t, request) : null;

  return (
    <Section title={t('detail.actions')}>
      {simpleError && <ErrorAlert errors={formErrorsFrom(simpleError)} />}
      <ButtonGroup>
        {can('edit') && <RouterLink to={`/hulpvragen/${request.id}/bewerken`}>{t('detail.edit')}</RouterLink>}
        {can('submit') && (
          <PrimaryActionButton type="button" busy={submit.isPending} onClick={() => setAsking('submit')}>
            {t('form.submit')}
          </PrimaryActionButton>
        )}
        {can('start') && (
          <PrimaryActionButton type="button" busy={start.isPending} onClick={() => start.mutate()}>
            {t('detail.start')}
          </PrimaryActionButton>
        )}
        {can('delete') && (
          <SecondaryActionButton type="button" busy={remove.isPending} onClick={() => setAsking('delete')}>
            {t('detail.delete')}
          </SecondaryActionButton>
        )}
        {request.status !== 'draft' && (
          <a className="utrecht-link utrecht-link--html-a" href={`/api/requests/${request.id}/pdf`} download>
            {t('detail.pdf')}
          </a>
        )}
      </ButtonGroup>
      {question && (
        <ConfirmDialog
          title={question.title}
          confirmLabel={question.confirmLabel}
          cancelLabel={t('detail.cancel')}
          onConfirm={() => {
            setAsking(null);
            submit.mutate();
          }}
          onCancel={() => setAsking(null)}
        >
          <Paragraph>{question.body}</Paragraph>
        </ConfirmDialog>
      )}
      {asking === 'delete' && (
        <ConfirmDialog
          title={t('detail.deleteTitle')}
          confirmLabel={t('detail.deleteYes')}
          cancelLabel={t('detail.cancel')}
          danger
          onConfirm={() => {
            setAsking(null);
            remove.mutate();
          }}
          onCancel={() => setAsking(null)}
        >
          <Paragraph>{t('detail.deleteConfirm')}</Paragraph>
        </ConfirmDialog>
      )}
      {can('close') && (
        <CommandForm
          schema={closeRequestInputSchema}
          name="outcome"
          label={t('detail.outcomeLabel')}
          description={t('detail.outcomeHint')}
          button={t('detail.close')}
          question={{
            title: t('detail.closeTitle'),
            body: t('detail.closeBody'),
            confirmLabel: t('detail.closeYes'),
          }}
          send={(input) => postCommand(request.id, '/close', input)}
          onDone={(detail) => showDone(detail, t('detail.closed'))}
        />
      )}
      {can('refuse') && (
        <details>
          <summary>{t('detail.refuseOpen')}</summary>
          <CommandForm
            schema={refuseRequestInputSchema}
            name="reason"
            label={t('detail.refuseReason')}
            button={t('detail.refuse')}
            question={{
              title: t('detail.refuseTitle'),
              body: t('detail.refuseBody'),
              confirmLabel: t('detail.refuseYes'),
              danger: true,
            }}
            send={(input) => postCommand(request.id, '/refuse', input)}
            onDone={(detail) => showDone(detail, t('detail.refused'))}
          />
        </details>
      )}
      {can('withdraw') && (
        <details>
          <summary>{t('detail.withdrawOpen')}</summary>
          <CommandForm
            schema={withdrawRequestInputSchema}
            name="reason"
            label={t('detail.withdrawReason')}
            button={t('detail.withdraw')}
            question={{
              title: t('detail.withdrawTitle'),
              body: t('detail.withdrawBody'),
              confirmLabel: t('detail.withdrawYes'),
              danger: true,
            }}
            send={(input) => postCommand(request.id, '/withdraw', input)}
            onDone={(detail) => showDone(detail, t('detail.withdrawn'))}
          />
        </details>
      )}
    </Section>
  );
}
