import {
  ButtonGroup,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RequestDetail, requestDetailSchema } from '../../../../contracts/requests.ts';
import { todayInAmsterdam } from '../../../../contracts/school-year.ts';
import { uploadForm } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, fieldError, formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Form } from '../../ui/Form.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { FileField } from './FileField.tsx';
import { Section } from './RequestDetailPage.tsx';
import { fileProblem, postCommand, requestMessageFor, useRequestCommand } from './requests.api.ts';

/** Consent of parents and pupil (R8, R9, P3): where everyone stands, links, paper forms, the records. */
export function ConsentSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  const peopleCaption = useId();
  const recordsCaption = useId();
  const manage = request.commands.includes('manage_consent');
  const [done, setDone] = useState<string | null>(null);
  const personCommand = useRequestCommand(
    request.id,
    ({ personId, action }: { personId: string; action: string }) =>
      postCommand(request.id, `/consents/${personId}/${action}`),
  );
  const run = (personId: string, action: 'send' | 'withdraw' | 'ask-again') =>
    personCommand.mutate({ personId, action }, { onSuccess: () => setDone(t(`consent.done.${action}`)) });

  return (
    <Section title={t('consent.heading')}>
      <Paragraph>
        {t('consent.status', { status: t(`consentStatus.${request.consent.status}`) })}{' '}
        {request.consent.oneParentSuffices ? t('consent.oneParentSuffices') : t('consent.everyParent')}
      </Paragraph>
      {personCommand.error && <ErrorAlert errors={formErrorsFrom(personCommand.error)} />}
      {done && <Paragraph role="status">{done}</Paragraph>}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
      <section className="passend-table-scroll" aria-labelledby={peopleCaption} tabIndex={0}>
        <Table>
          <TableCaption id={peopleCaption}>{t('consent.peopleCaption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('consent.person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consent.role')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consent.state')}</TableHeaderCell>
              {manage && <TableHeaderCell scope="col">{t('consent.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {request.consent.people.map((person) => (
              <TableRow key={person.personId}>
                <TableHeaderCell scope="row">{person.name}</TableHeaderCell>
                <TableCell>
                  {t(`consent.roles.${person.kind}`)}
                  {!person.required && ` (${t('consent.notRequired')})`}
                </TableCell>
                <TableCell>
                  {t(`personState.${person.state}`)}
                  {person.linkExpiresAt &&
                    ` — ${t('consent.validUntil', { date: format.date(person.linkExpiresAt) })}`}
                  {!person.hasEmail && ` — ${t('consent.noEmail')}`}
                </TableCell>
                {manage && (
                  <TableCell>
                    <ButtonGroup>
                      {person.required &&
                        person.hasEmail &&
                        ['not_asked', 'asked', 'expired'].includes(person.state) && (
                          <SecondaryActionButton type="button" onClick={() => run(person.personId, 'send')}>
                            {person.state === 'not_asked'
                              ? t('consent.send', { name: person.name })
                              : t('consent.resend', { name: person.name })}
                          </SecondaryActionButton>
                        )}
                      {person.state === 'given' && (
                        <SecondaryActionButton type="button" onClick={() => run(person.personId, 'withdraw')}>
                          {t('consent.withdrawFor', { name: person.name })}
                        </SecondaryActionButton>
                      )}
                      {(person.state === 'refused' || person.state === 'withdrawn') && (
                        <SecondaryActionButton
                          type="button"
                          onClick={() => run(person.personId, 'ask-again')}
                        >
                          {t('consent.askAgain', { name: person.name })}
                        </SecondaryActionButton>
                      )}
                    </ButtonGroup>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      {manage && <PaperConsentForm request={request} />}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard. */}
      <section className="passend-table-scroll" aria-labelledby={recordsCaption} tabIndex={0}>
        <Table>
          <TableCaption id={recordsCaption}>{t('consent.recordsCaption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('consent.person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consent.decision')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consent.method')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consent.date')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consent.recordedBy')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('consent.textVersion')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {request.consent.records.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>{t('consent.noRecords')}</TableCell>
              </TableRow>
            )}
            {request.consent.records.map((record) => (
              <TableRow key={record.id}>
                <TableHeaderCell scope="row">
                  {record.personName} ({t(`consent.roles.${record.kind}`)})
                </TableHeaderCell>
                <TableCell>{t(`decision.${record.decision}`)}</TableCell>
                <TableCell>
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
                </TableCell>
                <TableCell>{format.date(record.decidedOn)}</TableCell>
                <TableCell>{record.recordedByName ?? t('consent.byLink')}</TableCell>
                <TableCell>{record.textVersion ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </Section>
  );
}

/** (b) paper: the signed form, who signed and when, and the answer on it. */
function PaperConsentForm({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const open = request.consent.people.filter(
    (person) => person.required && !['given', 'refused', 'withdrawn'].includes(person.state),
  );
  const [personId, setPersonId] = useState('');
  const [decision, setDecision] = useState<'given' | 'refused'>('given');
  const [signedOn, setSignedOn] = useState(todayInAmsterdam());
  const [signedBy, setSignedBy] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [resetKey, setResetKey] = useState(0);
  const record = useRequestCommand(request.id, () =>
    uploadForm(
      `/api/requests/${request.id}/consents/paper`,
      { personId, decision, signedOn, signedBy },
      file,
      requestDetailSchema,
    ),
  );
  if (open.length === 0) return null;
  const submit = () => {
    const problem = fileProblem(file);
    if (problem) return setErrors(fieldError('file', problem));
    record.mutate(undefined, {
      onSuccess: () => {
        setErrors(noFormErrors);
        setSignedBy('');
        setFile(null);
        setResetKey((key) => key + 1);
      },
      onError: (error) => setErrors(formErrorsFrom(error)),
    });
  };
  return (
    <details>
      <summary>{t('consent.paperOpen')}</summary>
      <Form
        errors={errors}
        fields={['personId', 'decision', 'signedOn', 'signedBy', 'file']}
        onSubmit={submit}
      >
        <SelectField
          name="personId"
          label={t('consent.paperPerson')}
          placeholder={t('consent.choosePerson')}
          value={personId}
          onChange={setPersonId}
          choices={open.map((person) => ({ value: person.personId, label: person.name }))}
          error={requestMessageFor(errors, 'personId')}
        />
        <SelectField
          name="decision"
          label={t('consent.paperDecision')}
          placeholder={t('consent.chooseDecision')}
          value={decision}
          onChange={(value) => setDecision(value === 'refused' ? 'refused' : 'given')}
          choices={[
            { value: 'given', label: t('decision.given') },
            { value: 'refused', label: t('decision.refused') },
          ]}
        />
        <TextField
          name="signedOn"
          type="date"
          label={t('consent.paperDate')}
          value={signedOn}
          onChange={setSignedOn}
          error={requestMessageFor(errors, 'signedOn')}
        />
        <TextField
          name="signedBy"
          label={t('consent.paperSignedBy')}
          maxLength={200}
          value={signedBy}
          onChange={setSignedBy}
          error={requestMessageFor(errors, 'signedBy')}
        />
        <FileField
          label={t('consent.paperFile')}
          required
          error={requestMessageFor(errors, 'file')}
          onChange={setFile}
          resetKey={resetKey}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={record.isPending}>
            {t('consent.paperSubmit')}
          </PrimaryActionButton>
        </ButtonGroup>
      </Form>
    </details>
  );
}
