import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  deletionRefusalGrounds,
  type SubjectRequestDetail,
  subjectDeletionSchema,
  subjectRequestDecisionSchema,
  subjectRequestDetailSchema,
} from '../../../../contracts/subject-access.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { subjectAccessKeys } from './subject-access.api.ts';
import './subject-access.css';

/**
 * `/privacy/verzoeken/:id`: one data-subject request — its details and deadline, and its handling:
 * the export for access, the record of a correction made in the file, the deletion or its refusal
 * where the law requires keeping, the decision on an objection.
 */
export function SubjectRequestPage() {
  const { t } = useTranslation('subjectAccess');
  const { subjectRequestId = '' } = useParams();
  const queryClient = useQueryClient();
  const queryKey = subjectAccessKeys.detail(subjectRequestId);
  const detail = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      api.get(`/api/subject-requests/${subjectRequestId}`, subjectRequestDetailSchema, signal),
  });
  const update = (next: SubjectRequestDetail) => {
    queryClient.setQueryData(queryKey, next);
    void queryClient.invalidateQueries({
      queryKey: subjectAccessKeys.all,
      exact: false,
      refetchType: 'none',
    });
  };

  return (
    <>
      <Paragraph>
        <RouterLink to="/privacy/verzoeken">{t('detail.back')}</RouterLink>
      </Paragraph>
      {detail.isError && (
        <>
          <PageHeading placeholder>{t('list.title')}</PageHeading>
          <ErrorAlert errors={formErrorsFrom(detail.error)} />
        </>
      )}
      {detail.isPending && (
        <>
          <PageHeading placeholder>{t('list.title')}</PageHeading>
          <Paragraph role="status">{t('app.loading', { ns: 'translation' })}</Paragraph>
        </>
      )}
      {detail.data && <RequestView request={detail.data} onChange={update} />}
    </>
  );
}

function RequestView({
  request,
  onChange,
}: {
  request: SubjectRequestDetail;
  onChange: (next: SubjectRequestDetail) => void;
}) {
  const { t } = useTranslation('subjectAccess');
  const format = useFormatters();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, 'subject_requests.manage');
  const isOpen = request.status === 'received' || request.status === 'in_progress';
  const none = t('detail.none');
  const statusLabel =
    request.kind === 'objection' && (request.status === 'done' || request.status === 'refused')
      ? t(`objectionStatuses.${request.status}`)
      : t(`statuses.${request.status}`);

  const item = (label: string, value: ReactNode) => (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{value}</DataListValue>
    </DataListItem>
  );

  return (
    <>
      <PageHeading>{t('detail.title', { kind: t(`kinds.${request.kind}`) })}</PageHeading>
      {request.isOverdue && (
        <Alert type="warning">
          <Paragraph>{t('detail.overdue')}</Paragraph>
        </Alert>
      )}
      <DataList aria-label={t('detail.details')}>
        {item(t('detail.status'), statusLabel)}
        {item(t('detail.pupil'), request.pupilName)}
        {item(t('detail.birthDate'), format.date(request.birthDate))}
        {item(t('detail.school'), request.location?.name ?? none)}
        {item(
          t('detail.requester'),
          `${request.requesterName} (${t(`relations.${request.requesterRelation}`)})`,
        )}
        {item(
          t('detail.contact'),
          <span className="passend-subject-text">{request.requesterContact ?? none}</span>,
        )}
        {item(t('detail.reason'), <span className="passend-subject-text">{request.reason}</span>)}
        {item(t('detail.received'), format.date(request.receivedOn))}
        {item(t('detail.deadline'), format.date(request.deadlineOn))}
        {item(
          t('detail.registeredBy'),
          `${request.registeredBy.name}, ${format.dateTime(request.registeredAt)}`,
        )}
        {request.handledBy &&
          item(
            t('detail.handledBy'),
            `${request.handledBy.name}${request.handledAt ? `, ${format.dateTime(request.handledAt)}` : ''}`,
          )}
        {request.decision &&
          item(t('detail.decision'), <span className="passend-subject-text">{request.decision}</span>)}
        {request.status === 'refused' &&
          request.refusalGround &&
          item(t('detail.refusalGround'), t(`grounds.${request.refusalGround}`))}
      </DataList>
      {request.deleted && <Paragraph>{t('detail.deleted', request.deleted)}</Paragraph>}

      {request.kind === 'access' &&
        request.status !== 'refused' &&
        hasPermission(session, 'subject_requests.export') && <ExportSection request={request} />}
      {mayManage && isOpen && request.status === 'received' && (
        <TakeInHand request={request} onChange={onChange} />
      )}
      {mayManage && isOpen && request.kind === 'deletion' && (
        <DeletionSection request={request} onChange={onChange} />
      )}
      {mayManage && isOpen && <DecisionSection request={request} onChange={onChange} />}
    </>
  );
}

function ExportSection({ request }: { request: SubjectRequestDetail }) {
  const { t } = useTranslation('subjectAccess');
  const headingId = useId();
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('detail.exportHeading')}
      </Heading>
      <Paragraph>{t('detail.exportIntro')}</Paragraph>
      <Paragraph>
        <a
          className="utrecht-link utrecht-link--html-a"
          href={`/api/subject-requests/${request.id}/export.zip`}
          download
        >
          {t('detail.download')}
        </a>
      </Paragraph>
    </section>
  );
}

function TakeInHand({
  request,
  onChange,
}: {
  request: SubjectRequestDetail;
  onChange: (next: SubjectRequestDetail) => void;
}) {
  const { t } = useTranslation('subjectAccess');
  const start = useMutation({
    mutationFn: () =>
      api.post(
        `/api/subject-requests/${request.id}/decision`,
        { status: 'in_progress' },
        subjectRequestDetailSchema,
      ),
    onSuccess: onChange,
  });
  return (
    <>
      {start.error && <ErrorAlert errors={formErrorsFrom(start.error)} />}
      <ButtonGroup>
        <SecondaryActionButton type="button" busy={start.isPending} onClick={() => start.mutate()}>
          {t('detail.takeInHand')}
        </SecondaryActionButton>
      </ButtonGroup>
    </>
  );
}

function DeletionSection({
  request,
  onChange,
}: {
  request: SubjectRequestDetail;
  onChange: (next: SubjectRequestDetail) => void;
}) {
  const { t } = useTranslation('subjectAccess');
  const headingId = useId();
  const check = request.deletionCheck;
  const form = useContractForm({
    schema: subjectDeletionSchema,
    initial: { decision: '' },
    namespace: 'subjectAccess',
    toInput: (values) => ({ confirm: true, decision: values.decision.trim() }),
    // The law asks the handler to write down what was done; the contract leaves it to this step.
    check: (values) =>
      values.decision.trim() ? [] : [{ path: 'decision', code: 'subject_decision_required' }],
    confirm: () => ({
      title: t('detail.confirmTitle'),
      body: t('detail.confirmText'),
      confirmLabel: t('detail.confirm'),
      danger: true,
    }),
    send: (input) =>
      api.post(`/api/subject-requests/${request.id}/deletion`, input, subjectRequestDetailSchema),
    onSuccess: onChange,
  });
  if (!check) return null;
  const blocked = check.blockers.length > 0;
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('detail.deletionHeading')}
      </Heading>
      <Paragraph>
        {t('detail.deletionCounts', { requests: check.requests, trajectories: check.trajectories })}
      </Paragraph>
      {blocked ? (
        <>
          <Paragraph>{t('detail.deletionBlocked')}</Paragraph>
          <UnorderedList>
            {check.blockers.map((blocker) => (
              <UnorderedListItem key={blocker}>{t(`grounds.${blocker}`)}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : (
        <ContractForm form={form}>
          <Paragraph>{t('detail.deletionAllowed')}</Paragraph>
          <TextAreaField
            label={t('detail.deletionDecision')}
            description={t('detail.deletionDecisionDescription')}
            rows={2}
            {...form.field('decision')}
            required
          />
          <ButtonGroup>
            <PrimaryActionButton type="submit" busy={form.pending}>
              {t('detail.delete')}
            </PrimaryActionButton>
          </ButtonGroup>
        </ContractForm>
      )}
    </section>
  );
}

type DecisionValues = { status: string; refusalGround: string; decision: string };

function DecisionSection({
  request,
  onChange,
}: {
  request: SubjectRequestDetail;
  onChange: (next: SubjectRequestDetail) => void;
}) {
  const { t } = useTranslation('subjectAccess');
  const headingId = useId();
  const isDeletion = request.kind === 'deletion';
  const form = useContractForm({
    schema: subjectRequestDecisionSchema,
    initial: (): DecisionValues => ({
      status: isDeletion ? 'refused' : '',
      refusalGround: isDeletion ? (request.deletionCheck?.blockers[0] ?? '') : '',
      decision: '',
    }),
    namespace: 'subjectAccess',
    toInput: (values) => ({
      status: values.status || undefined,
      decision: values.decision.trim() || undefined,
      ...(isDeletion && values.status === 'refused' && values.refusalGround
        ? { refusalGround: values.refusalGround }
        : {}),
    }),
    send: (input) =>
      api.post(`/api/subject-requests/${request.id}/decision`, input, subjectRequestDetailSchema),
    successNotice: t('detail.saved'),
    onSuccess: onChange,
  });
  const doneLabel = request.kind === 'objection' ? t('detail.outcomeGranted') : t('detail.outcomeDone');
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {request.kind === 'correction' ? t('detail.correctionHeading') : t('detail.handleHeading')}
      </Heading>
      {request.kind === 'correction' && <Paragraph>{t('detail.correctionIntro')}</Paragraph>}
      {request.kind === 'objection' && <Paragraph>{t('detail.objectionIntro')}</Paragraph>}
      <ContractForm form={form}>
        {!isDeletion && (
          <SelectField
            label={t('detail.outcome')}
            placeholder={t('detail.chooseOutcome')}
            choices={[
              { value: 'done', label: doneLabel },
              { value: 'refused', label: t('detail.outcomeRefused') },
            ]}
            {...form.field('status', 'choice')}
          />
        )}
        {isDeletion && (
          <SelectField
            label={t('detail.ground')}
            placeholder={t('detail.chooseGround')}
            choices={deletionRefusalGrounds.map((value) => ({ value, label: t(`grounds.${value}`) }))}
            {...form.field('refusalGround', 'choice')}
            required
          />
        )}
        <TextAreaField label={t('detail.decisionText')} rows={3} {...form.field('decision')} required />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {isDeletion ? t('detail.outcomeRefused') : t('detail.decide')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}
