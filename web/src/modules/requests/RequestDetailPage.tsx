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
import { useNavigate, useParams } from 'react-router';
import { isGroupLevel, type RequestDetail } from '../../../../contracts/requests.ts';
import { apiRequest } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { AssignSection } from './AssignSection.tsx';
import { CommandForm } from './CommandForm.tsx';
import { ConsentSection } from './ConsentSection.tsx';
import { ParentsInformedSection } from './ParentsInformedSection.tsx';
import { postCommand, useRequestCommand, useRequestDetail } from './requests.api.ts';
import { StatusTag } from './StatusTag.tsx';
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
          {fact(t('detail.teacher'), request.teacherName)}
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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const can = (command: RequestDetail['commands'][number]) => request.commands.includes(command);
  const submit = useRequestCommand(request.id, () => postCommand(request.id, '/submit'));
  const start = useRequestCommand(request.id, () => postCommand(request.id, '/start'));
  const close = useRequestCommand(request.id, (outcome: string) =>
    postCommand(request.id, '/close', { outcome }),
  );
  const refuse = useRequestCommand(request.id, (reason: string) =>
    postCommand(request.id, '/refuse', { reason }),
  );
  const withdraw = useRequestCommand(request.id, (reason: string) =>
    postCommand(request.id, '/withdraw', { reason }),
  );
  const remove = useMutation({
    mutationFn: () => apiRequest('DELETE', `/api/requests/${request.id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] });
      navigate('/hulpvragen');
    },
  });
  const simpleError = submit.error ?? start.error ?? remove.error;

  return (
    <Section title={t('detail.actions')}>
      {simpleError && <ErrorAlert errors={formErrorsFrom(simpleError)} />}
      <ButtonGroup>
        {can('edit') && <RouterLink to={`/hulpvragen/${request.id}/bewerken`}>{t('detail.edit')}</RouterLink>}
        {can('submit') && (
          <PrimaryActionButton type="button" busy={submit.isPending} onClick={() => submit.mutate(undefined)}>
            {t('form.submit')}
          </PrimaryActionButton>
        )}
        {can('start') && (
          <PrimaryActionButton type="button" busy={start.isPending} onClick={() => start.mutate(undefined)}>
            {t('detail.start')}
          </PrimaryActionButton>
        )}
        {can('delete') && !confirmDelete && (
          <SecondaryActionButton type="button" onClick={() => setConfirmDelete(true)}>
            {t('detail.delete')}
          </SecondaryActionButton>
        )}
        {request.status !== 'draft' && (
          <a className="utrecht-link utrecht-link--html-a" href={`/api/requests/${request.id}/pdf`} download>
            {t('detail.pdf')}
          </a>
        )}
      </ButtonGroup>
      {confirmDelete && (
        <Alert type="warning">
          <Paragraph>{t('detail.deleteConfirm')}</Paragraph>
          <ButtonGroup>
            <PrimaryActionButton type="button" busy={remove.isPending} onClick={() => remove.mutate()}>
              {t('detail.deleteYes')}
            </PrimaryActionButton>
            <SecondaryActionButton type="button" onClick={() => setConfirmDelete(false)}>
              {t('detail.cancel')}
            </SecondaryActionButton>
          </ButtonGroup>
        </Alert>
      )}
      {can('close') && (
        <CommandForm
          name="outcome"
          label={t('detail.outcomeLabel')}
          description={t('detail.outcomeHint')}
          button={t('detail.close')}
          busy={close.isPending}
          error={close.error}
          onSubmit={(outcome) => close.mutate(outcome)}
        />
      )}
      {can('refuse') && (
        <details>
          <summary>{t('detail.refuseOpen')}</summary>
          <CommandForm
            name="reason"
            label={t('detail.refuseReason')}
            button={t('detail.refuse')}
            busy={refuse.isPending}
            error={refuse.error}
            onSubmit={(reason) => refuse.mutate(reason)}
          />
        </details>
      )}
      {can('withdraw') && (
        <details>
          <summary>{t('detail.withdrawOpen')}</summary>
          <CommandForm
            name="reason"
            label={t('detail.withdrawReason')}
            button={t('detail.withdraw')}
            busy={withdraw.isPending}
            error={withdraw.error}
            onSubmit={(reason) => withdraw.mutate(reason)}
          />
        </details>
      )}
    </Section>
  );
}
