import {
  ButtonGroup,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ConsentRecord,
  paperConsentFieldsSchema,
  type RequestConsent,
  type RequestDetail,
  requestDetailSchema,
} from '../../../../contracts/requests.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { uploadForm } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { type Column, DataTable } from '../../ui/table/DataTable.tsx';
import { FileField } from './FileField.tsx';
import { Section } from './RequestDetailPage.tsx';
import { fileProblem, postCommand, useRequestCommand, useShowRequestDetail } from './requests.api.ts';

type ConsentPerson = RequestConsent['people'][number];
type PersonAction = 'send' | 'withdraw' | 'ask-again';
/** A command on one person's consent, waiting for its confirmation. */
type PendingCommand = { personId: string; name: string; action: PersonAction };

/** Consent of parents and pupil (R8, R9, P3): where everyone stands, links, paper forms, the records. */
export function ConsentSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  const manage = request.commands.includes('manage_consent');
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState<PendingCommand | null>(null);
  const personCommand = useRequestCommand(({ personId, action }: PendingCommand) =>
    postCommand(request.id, `/consents/${personId}/${action}`),
  );
  const run = (command: PendingCommand) =>
    personCommand.mutate(command, { onSuccess: () => setDone(t(`consent.done.${command.action}`)) });

  const peopleColumns: Column<ConsentPerson>[] = [
    { key: 'person', header: t('consent.person'), rowHeader: true, cell: (person) => person.name },
    {
      key: 'state',
      header: t('consent.state'),
      keepWithTitle: true,
      cell: (person) => (
        <>
          {t(`personState.${person.state}`)}
          {person.linkExpiresAt &&
            ` — ${t('consent.validUntil', { date: format.date(person.linkExpiresAt) })}`}
          {!person.hasEmail && ` — ${t('consent.noEmail')}`}
        </>
      ),
    },
    {
      key: 'role',
      header: t('consent.role'),
      cell: (person) => (
        <>
          {t(`consent.roles.${person.kind}`)}
          {!person.required && ` (${t('consent.notRequired')})`}
        </>
      ),
    },
  ];
  if (manage) {
    peopleColumns.push({
      key: 'actions',
      header: t('consent.actions'),
      cell: (person) => {
        const ask = (action: PersonAction) =>
          setAsking({ personId: person.personId, name: person.name, action });
        const canSend =
          person.required && person.hasEmail && ['not_asked', 'asked', 'expired'].includes(person.state);
        const canWithdraw = person.state === 'given';
        const canAskAgain = person.state === 'refused' || person.state === 'withdrawn';
        // Nothing to do for this person: an empty cell, without a label in the stacked layout.
        if (!canSend && !canWithdraw && !canAskAgain) return null;
        return (
          <ButtonGroup>
            {canSend && (
              <SecondaryActionButton type="button" onClick={() => ask('send')}>
                {person.state === 'not_asked'
                  ? t('consent.send', { name: person.name })
                  : t('consent.resend', { name: person.name })}
              </SecondaryActionButton>
            )}
            {canWithdraw && (
              <SecondaryActionButton type="button" onClick={() => ask('withdraw')}>
                {t('consent.withdrawFor', { name: person.name })}
              </SecondaryActionButton>
            )}
            {canAskAgain && (
              <SecondaryActionButton type="button" onClick={() => ask('ask-again')}>
                {t('consent.askAgain', { name: person.name })}
              </SecondaryActionButton>
            )}
          </ButtonGroup>
        );
      },
    });
  }

  const recordColumns: Column<ConsentRecord>[] = [
    {
      key: 'person',
      header: t('consent.person'),
      rowHeader: true,
      cell: (record) => `${record.personName} (${t(`consent.roles.${record.kind}`)})`,
    },
    {
      key: 'decision',
      header: t('consent.decision'),
      keepWithTitle: true,
      cell: (record) => t(`decision.${record.decision}`),
    },
    {
      key: 'method',
      header: t('consent.method'),
      cell: (record) => (
        <>
          {t(`method.${record.method}`)}
          {record.signedBy ? ` — ${t('consent.signedBy', { name: record.signedBy })}` : ''}
          {record.attachmentId && (
            <>
              {' '}
              <a
                className="utrecht-link utrecht-link--html-a"
                href={`/api/requests/${request.id}/attachments/${record.attachmentId}`}
                download
              >
                {t('consent.form')}
              </a>
            </>
          )}
        </>
      ),
    },
    {
      key: 'date',
      header: t('consent.date'),
      nowrap: true,
      sortable: true,
      sortValue: (record) => record.decidedOn,
      cell: (record) => format.date(record.decidedOn),
    },
    {
      key: 'recordedBy',
      header: t('consent.recordedBy'),
      cell: (record) => record.recordedByName ?? t('consent.byLink'),
    },
    {
      key: 'textVersion',
      header: t('consent.textVersion'),
      nowrap: true,
      cell: (record) => record.textVersion ?? '—',
    },
  ];
  const [recordSort, setRecordSort] = useState<{ key: string; direction: 'ascending' | 'descending' } | null>(
    null,
  );

  return (
    <Section title={t('consent.heading')}>
      <Paragraph>
        {t('consent.status', { status: t(`consentStatus.${request.consent.status}`) })}{' '}
        {request.consent.oneParentSuffices ? t('consent.oneParentSuffices') : t('consent.everyParent')}
      </Paragraph>
      {personCommand.error && <ErrorAlert errors={formErrorsFrom(personCommand.error)} />}
      {done && <Paragraph role="status">{done}</Paragraph>}
      <DataTable
        caption={t('consent.peopleCaption')}
        columns={peopleColumns}
        rows={request.consent.people}
        rowKey={(person) => person.personId}
        empty={t('consent.noPeople')}
        busy={personCommand.isPending}
      />
      {asking && (
        <ConfirmDialog
          title={t(`consent.confirm.${asking.action}.title`, { name: asking.name })}
          confirmLabel={t(`consent.confirm.${asking.action}.yes`)}
          cancelLabel={t('detail.cancel')}
          danger={asking.action === 'withdraw'}
          onConfirm={() => {
            setAsking(null);
            run(asking);
          }}
          onCancel={() => setAsking(null)}
        >
          <Paragraph>{t(`consent.confirm.${asking.action}.body`, { name: asking.name })}</Paragraph>
        </ConfirmDialog>
      )}
      {manage && <PaperConsentForm request={request} onRecorded={() => setDone(t('consent.paperDone'))} />}
      <DataTable
        caption={t('consent.recordsCaption')}
        columns={recordColumns}
        rows={request.consent.records}
        rowKey={(record) => record.id}
        empty={t('consent.noRecords')}
        sort={recordSort}
        onSortChange={setRecordSort}
      />
    </Section>
  );
}

/** (b) paper: the signed form, who signed and when, and the answer on it. */
function PaperConsentForm({ request, onRecorded }: { request: RequestDetail; onRecorded: () => void }) {
  const { t } = useTranslation('requests');
  const showDetail = useShowRequestDetail();
  const open = request.consent.people.filter(
    (person) => person.required && !['given', 'refused', 'withdrawn'].includes(person.state),
  );
  const [file, setFile] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const form = useContractForm({
    schema: paperConsentFieldsSchema,
    namespace: 'requests',
    initial: () => ({ personId: '', decision: 'given', signedOn: todayInAmsterdam(), signedBy: '' }),
    // The scan is outside the contract's fields: checked here, so a wrong file sends nothing.
    check: () => {
      const problem = fileProblem(file);
      return problem ? [{ path: 'file', code: problem }] : [];
    },
    confirm: () => ({
      title: t('consent.paperConfirmTitle'),
      body: t('consent.paperConfirmBody'),
      confirmLabel: t('consent.paperConfirmYes'),
    }),
    send: (input) =>
      uploadForm(`/api/requests/${request.id}/consents/paper`, { ...input }, file, requestDetailSchema),
    onSuccess: (detail) => {
      showDetail(detail);
      form.reset();
      setFile(null);
      setResetKey((key) => key + 1);
      onRecorded();
    },
  });
  if (open.length === 0) return null;
  return (
    <details>
      <summary>{t('consent.paperOpen')}</summary>
      <ContractForm form={form}>
        <SelectField
          label={t('consent.paperPerson')}
          placeholder={t('consent.choosePerson')}
          choices={open.map((person) => ({ value: person.personId, label: person.name }))}
          {...form.field('personId', 'choice')}
        />
        <SelectField
          label={t('consent.paperDecision')}
          placeholder={t('consent.chooseDecision')}
          choices={[
            { value: 'given', label: t('decision.given') },
            { value: 'refused', label: t('decision.refused') },
          ]}
          {...form.field('decision', 'choice')}
        />
        <TextField type="date" label={t('consent.paperDate')} {...form.field('signedOn')} />
        <TextField label={t('consent.paperSignedBy')} {...form.field('signedBy')} />
        <FileField
          label={t('consent.paperFile')}
          required
          error={form.message('file')}
          onChange={setFile}
          resetKey={resetKey}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('consent.paperSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </details>
  );
}
