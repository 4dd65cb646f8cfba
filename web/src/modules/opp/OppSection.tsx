import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  ButtonGroup,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type OppLinkHolder,
  type OppOverview,
  type OppParentLink,
  type OppParentLinkCreated,
  type OppVersionSummary,
  oppEvaluationInputSchema,
  oppEvaluationSchema,
  oppParentLinkCreatedSchema,
  oppParentLinkSchema,
  oppVersionDetailSchema,
} from '../../../../contracts/opp.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { api } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import type { TrajectorySectionProps } from '../trajectories/sections.tsx';
import { OppConsentPanel } from './OppConsentPanel.tsx';
import { useOppOverview, useRefreshOpp } from './opp.api.ts';
import './opp.css';

/**
 * The OPP part of the trajectory page (E9): where the plan stands, its versions, the yearly
 * evaluation, the PDF and the parents' links. Editing happens on the OPP page.
 */
export function OppSection({ trajectoryId }: TrajectorySectionProps) {
  const { t } = useTranslation('opp');
  const headingId = useId();
  const overview = useOppOverview(trajectoryId);
  return (
    <section className="passend-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('oppSection.title')}
      </Heading>
      {overview.isError && <ErrorAlert errors={formErrorsFrom(overview.error)} />}
      {!overview.data && !overview.isError && <Paragraph role="status">{t('oppPage.loading')}</Paragraph>}
      {overview.data && <SectionBody overview={overview.data} />}
    </section>
  );
}

function SectionBody({ overview }: { overview: OppOverview }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const navigate = useNavigate();
  const refresh = useRefreshOpp();
  const page = `/trajecten/${overview.trajectoryId}/opp`;
  const create = useMutation({
    mutationFn: () => api.post(`/api/trajectories/${overview.trajectoryId}/opp`, {}, oppVersionDetailSchema),
    onSuccess: async () => {
      await refresh();
      navigate(page);
    },
  });
  const { adopted, draft, evaluation } = overview;
  return (
    <>
      <Paragraph>
        {adopted
          ? t('oppSection.adopted', {
              version: adopted.version,
              date: format.date(adopted.adoptedAt ?? adopted.updatedAt),
            })
          : t(draft ? 'oppSection.draftOnly' : 'oppSection.none')}
        {adopted && draft ? ` ${t('oppSection.draftToo', { version: draft.version })}` : ''}
      </Paragraph>
      {adopted && evaluation.due && (
        <Alert type="warning">
          <Paragraph>{t('oppSection.evaluationDue')}</Paragraph>
        </Alert>
      )}
      {adopted && (
        <Paragraph>
          {evaluation.lastEvaluatedOn
            ? t('oppSection.lastEvaluated', { date: format.date(evaluation.lastEvaluatedOn) })
            : t('oppSection.neverEvaluated')}{' '}
          {evaluation.nextPlannedOn
            ? t('oppSection.nextPlanned', { date: format.date(evaluation.nextPlannedOn) })
            : ''}
        </Paragraph>
      )}
      {create.error && <ErrorAlert errors={formErrorsFrom(create.error)} />}
      <ButtonGroup>
        {!adopted && !draft && overview.commands.includes('draft') ? (
          <PrimaryActionButton type="button" busy={create.isPending} onClick={() => create.mutate()}>
            {t('oppPage.create')}
          </PrimaryActionButton>
        ) : (
          (adopted || draft) && (
            <RouterLink to={page}>
              {t(draft && overview.commands.includes('edit') ? 'oppSection.editDraft' : 'oppSection.open')}
            </RouterLink>
          )
        )}
      </ButtonGroup>
      {adopted && (
        <Paragraph>
          <a
            className="utrecht-link utrecht-link--html-a"
            href={`/api/opp-versions/${adopted.id}/pdf`}
            download
          >
            {t('oppPage.pdf', { version: adopted.version })}
          </a>
        </Paragraph>
      )}
      {overview.versions.length > 0 && <Versions overview={overview} page={page} />}
      {overview.commands.includes('evaluate') && (
        <EvaluationForm trajectoryId={overview.trajectoryId} onSaved={() => void refresh()} />
      )}
      {overview.evaluations.length > 0 && (
        <>
          <Heading level={3}>{t('oppSection.evaluationsHeading')}</Heading>
          <UnorderedList>
            {overview.evaluations.map((item) => (
              <UnorderedListItem key={item.id}>
                {t('oppSection.evaluationLine', {
                  date: format.date(item.evaluatedOn),
                  name: item.evaluatedBy.name,
                })}{' '}
                <span className="passend-opp-text">{item.summary}</span>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {(overview.commands.includes('share') || overview.parentLinks.length > 0) && (
        <ParentLinks overview={overview} onChanged={() => void refresh()} />
      )}
      {(draft || adopted) && <OppConsentPanel overview={overview} onChanged={() => void refresh()} />}
    </>
  );
}

/** The OPP's versions, newest first; a version's link opens it read-only on the OPP page. */
function Versions({ overview, page }: { overview: OppOverview; page: string }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const dateOf = (version: OppVersionSummary) => version.adoptedAt ?? version.updatedAt;
  const columns: Column<OppVersionSummary>[] = [
    {
      key: 'version',
      header: t('oppSection.version'),
      rowHeader: true,
      nowrap: true,
      width: '8rem',
      cell: (version) => (
        <RouterLink to={`${page}?versie=${version.id}`}>
          {t('oppSection.versionNumber', { version: version.version })}
        </RouterLink>
      ),
    },
    {
      key: 'status',
      header: t('oppSection.status'),
      keepWithTitle: true,
      nowrap: true,
      cell: (version) => t(`oppStatus.${version.status}`),
    },
    {
      key: 'date',
      header: t('oppSection.date'),
      nowrap: true,
      width: '9rem',
      cell: (version) => format.date(dateOf(version)),
    },
    { key: 'by', header: t('oppSection.by'), cell: (version) => version.createdByName },
  ];
  return (
    <DataTable
      caption={t('oppSection.versionsCaption')}
      columns={columns}
      rows={overview.versions}
      rowKey={(version) => version.id}
      empty={t('oppSection.versionsEmpty')}
    />
  );
}

function EvaluationForm({ trajectoryId, onSaved }: { trajectoryId: string; onSaved: () => void }) {
  const { t } = useTranslation('opp');
  const headingId = useId();
  const form = useContractForm({
    schema: oppEvaluationInputSchema,
    initial: () => ({ evaluatedOn: todayInAmsterdam(), summary: '' }),
    toInput: (values) => ({ ...values, evaluatedOn: values.evaluatedOn || undefined }),
    namespace: 'opp',
    send: (input) =>
      api.post(`/api/trajectories/${trajectoryId}/opp/evaluations`, input, oppEvaluationSchema),
    successNotice: t('oppSection.evaluationSaved'),
    onSuccess: () => {
      // `update`, not `set`: the notice that it was saved stays.
      form.update((values) => ({ ...values, summary: '' }));
      onSaved();
    },
  });
  return (
    <section aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('oppSection.evaluateHeading')}
      </Heading>
      <Paragraph>{t('oppSection.evaluateIntro')}</Paragraph>
      <ContractForm form={form} aria-labelledby={headingId}>
        <TextField type="date" label={t('oppSection.evaluatedOn')} {...form.field('evaluatedOn')} />
        <TextAreaField label={t('oppSection.summary')} {...form.field('summary')} />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('oppSection.saveEvaluation')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </section>
  );
}

function ParentLinks({ overview, onChanged }: { overview: OppOverview; onChanged: () => void }) {
  const { t } = useTranslation('opp');
  const format = useFormatters();
  const headingId = useId();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [created, setCreated] = useState<OppParentLinkCreated | null>(null);
  const [revoking, setRevoking] = useState<OppParentLink | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [holder, setHolder] = useState<OppLinkHolder>('parents');
  const [email, setEmail] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.post(
        `/api/trajectories/${overview.trajectoryId}/opp/parent-links`,
        { holder, email: email.trim() || null },
        oppParentLinkCreatedSchema,
      ),
    onSuccess: (result) => {
      setCreated(result);
      setRevoked(false);
      setEmail('');
      onChanged();
    },
  });
  const revoke = useMutation({
    mutationFn: (linkId: string) => api.delete(`/api/opp-parent-links/${linkId}`, oppParentLinkSchema),
    onSuccess: (link) => {
      if (created?.link.id === link.id) setCreated(null);
      setRevoking(null);
      setRevoked(true);
      onChanged();
      // The button is gone with the link's active state: the status takes focus instead.
      statusRef.current?.focus();
    },
    onError: () => setRevoking(null),
  });
  const error = create.error ?? revoke.error;
  const statusOf = (link: OppParentLink) =>
    t(
      link.active
        ? 'oppSection.linkActive'
        : link.revokedAt
          ? 'oppSection.linkRevoked'
          : 'oppSection.linkExpired',
    );
  const columns: Column<OppParentLink>[] = [
    {
      key: 'holder',
      header: t('oppSection.linkHolder'),
      cell: (link) =>
        `${t(`oppSection.holders.${link.holder}`)}${link.mailedAt ? ` ${t('oppSection.linkMailed')}` : ''}`,
    },
    {
      key: 'made',
      header: t('oppSection.linkMade'),
      rowHeader: true,
      cell: (link) =>
        t('oppSection.linkMadeBy', { date: format.date(link.createdAt), name: link.createdByName }),
    },
    { key: 'status', header: t('oppSection.status'), keepWithTitle: true, nowrap: true, cell: statusOf },
    {
      key: 'expires',
      header: t('oppSection.linkExpires'),
      nowrap: true,
      width: '9rem',
      cell: (link) => format.date(link.expiresAt),
    },
    {
      key: 'opened',
      header: t('oppSection.linkOpened'),
      nowrap: true,
      cell: (link) => (link.lastOpenedAt ? format.dateTime(link.lastOpenedAt) : t('oppSection.never')),
    },
    {
      key: 'actions',
      header: t('oppSection.actions'),
      cell: (link) =>
        link.active && (
          <SecondaryActionButton
            type="button"
            busy={revoke.isPending && revoke.variables === link.id}
            onClick={() => setRevoking(link)}
          >
            {t('oppSection.revoke', { date: format.date(link.createdAt) })}
          </SecondaryActionButton>
        ),
    },
  ];
  return (
    <section aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('oppSection.parentsHeading')}
      </Heading>
      <Paragraph>{t('oppSection.parentsIntro')}</Paragraph>
      <Paragraph ref={statusRef} tabIndex={-1} role="status">
        {revoked ? t('oppSection.revoked') : null}
      </Paragraph>
      {error && <ErrorAlert errors={formErrorsFrom(error)} />}
      {created && (
        <>
          <TextField
            name="parentLink"
            label={t(created.link.holder === 'pupil' ? 'oppSection.pupilLinkField' : 'oppSection.parentLink')}
            value={created.url}
            readOnly
            required={false}
            onChange={() => {}}
            className="passend-break-anywhere"
          />
          <Paragraph role="status">
            {t('oppSection.copyNow', { date: format.date(created.link.expiresAt) })}
          </Paragraph>
        </>
      )}
      {overview.commands.includes('share') && (
        <>
          {overview.pupilLinkAllowed && (
            <RadioGroupField
              name="linkHolder"
              legend={t('oppSection.linkFor')}
              value={holder}
              onChange={(value) => setHolder(value as OppLinkHolder)}
              choices={[
                { value: 'parents', label: t('oppSection.holders.parents') },
                { value: 'pupil', label: t('oppSection.holders.pupil') },
              ]}
            />
          )}
          <TextField
            name="linkEmail"
            type="email"
            label={t('oppSection.linkEmail')}
            description={t('oppSection.linkEmailHint')}
            value={email}
            onChange={setEmail}
            required={false}
          />
          <ButtonGroup>
            <SecondaryActionButton type="button" busy={create.isPending} onClick={() => create.mutate()}>
              {t(
                email.trim()
                  ? 'oppSection.mailLink'
                  : holder === 'pupil'
                    ? 'oppSection.createPupilLink'
                    : 'oppSection.createLink',
              )}
            </SecondaryActionButton>
          </ButtonGroup>
        </>
      )}
      {overview.parentLinks.length > 0 && (
        <DataTable
          caption={t('oppSection.linksCaption')}
          columns={columns}
          rows={overview.parentLinks}
          rowKey={(link) => link.id}
          empty={t('oppSection.linksEmpty')}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={t('oppSection.revokeTitle')}
          confirmLabel={t('oppSection.revokeConfirm')}
          cancelLabel={t('common.cancel', { ns: 'translation' })}
          danger
          busy={revoke.isPending}
          onConfirm={() => revoke.mutate(revoking.id)}
          onCancel={() => setRevoking(null)}
        >
          <Paragraph>{t('oppSection.revokeBody')}</Paragraph>
        </ConfirmDialog>
      )}
    </section>
  );
}
