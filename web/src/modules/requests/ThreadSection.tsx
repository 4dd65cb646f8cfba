import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type Attachment,
  messageFieldsSchema,
  messageKinds,
  type RequestDetail,
  requestDetailSchema,
} from '../../../../contracts/requests.ts';
import { uploadForm } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import type { FieldIssue } from '../../app/forms.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { FileField } from './FileField.tsx';
import { Section } from './RequestDetailPage.tsx';
import { fileProblem, formatSize, useShowRequestDetail } from './requests.api.ts';

function AttachmentLink({ requestId, file }: { requestId: string; file: Attachment }) {
  const { i18n } = useTranslation('requests');
  return (
    <a
      className="utrecht-link utrecht-link--html-a"
      href={`/api/requests/${requestId}/attachments/${file.id}`}
      download
    >
      {file.fileName} ({formatSize(file.size, i18n.language)})
    </a>
  );
}

/** The problem with a chosen file, as a field problem the form shows before anything is sent. */
function fileIssues(file: File | null, required: boolean): FieldIssue[] {
  const problem = file || required ? fileProblem(file) : null;
  return problem ? [{ path: 'file', code: problem }] : [];
}

/** An upload of a file alone: its fields are the file. */
const noFieldsSchema = z.strictObject({});

/** R7: the secure thread (messages, team notes) and the files of a request, inside Passend. */
export function ThreadSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  const showDetail = useShowRequestDetail();
  const canMessage = request.commands.includes('post_message');
  const canNote = request.commands.includes('post_note');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const message = useContractForm({
    schema: messageFieldsSchema,
    namespace: 'requests',
    initial: { kind: 'message', body: '' },
    check: () => fileIssues(file, false),
    send: (input) =>
      uploadForm(
        `/api/requests/${request.id}/messages`,
        { kind: input.kind, body: input.body },
        file,
        requestDetailSchema,
      ),
    onSuccess: (detail) => {
      showDetail(detail);
      message.reset();
      setFile(null);
      setResetKey((key) => key + 1);
    },
    successNotice: t('thread.posted'),
  });
  const attachment = useContractForm({
    schema: noFieldsSchema,
    namespace: 'requests',
    initial: {},
    check: () => fileIssues(upload, true),
    send: () => uploadForm(`/api/requests/${request.id}/attachments`, {}, upload, requestDetailSchema),
    onSuccess: (detail) => {
      showDetail(detail);
      setUpload(null);
      setResetKey((key) => key + 1);
    },
    successNotice: t('files.added'),
  });

  return (
    <>
      {request.status !== 'draft' && (
        <Section title={t('thread.heading')}>
          <Paragraph>{t('thread.intro')}</Paragraph>
          {request.messages.length === 0 ? (
            <Paragraph>{t('thread.empty')}</Paragraph>
          ) : (
            <ol className="passend-thread">
              {request.messages.map((item) => (
                <li key={item.id} className={item.kind === 'note' ? 'passend-thread__note' : undefined}>
                  <Paragraph>
                    <strong>{item.authorName}</strong> ({t(`thread.side.${item.authorSide}`)}),{' '}
                    {format.dateTime(item.createdAt)}
                    {item.kind === 'note' ? ` — ${t('thread.noteMark')}` : ''}
                  </Paragraph>
                  <Paragraph>{item.body}</Paragraph>
                  {item.attachments.map((file) => (
                    <Paragraph key={file.id}>
                      <AttachmentLink requestId={request.id} file={file} />
                    </Paragraph>
                  ))}
                </li>
              ))}
            </ol>
          )}
          {canMessage && (
            <ContractForm form={message}>
              {canNote && (
                <RadioGroupField
                  legend={t('thread.kind')}
                  choices={messageKinds.map((kind) => ({ value: kind, label: t(`thread.kinds.${kind}`) }))}
                  {...message.field('kind', 'choice')}
                />
              )}
              <TextAreaField label={t('thread.body')} {...message.field('body')} />
              <FileField
                label={t('thread.file')}
                error={message.message('file')}
                onChange={setFile}
                resetKey={resetKey}
              />
              <ButtonGroup>
                <PrimaryActionButton type="submit" busy={message.pending}>
                  {t('thread.send')}
                </PrimaryActionButton>
              </ButtonGroup>
            </ContractForm>
          )}
        </Section>
      )}
      <Section title={t('files.heading')}>
        {request.attachments.length === 0 ? (
          <Paragraph>{t('files.empty')}</Paragraph>
        ) : (
          <ul>
            {request.attachments.map((file) => (
              <li key={file.id}>
                <AttachmentLink requestId={request.id} file={file} /> —{' '}
                {file.kind === 'consent_form' ? `${t('files.consentForm')}, ` : ''}
                {file.uploadedByName}, {format.dateTime(file.uploadedAt)}
              </li>
            ))}
          </ul>
        )}
        {request.commands.includes('upload_attachment') && (
          <ContractForm form={attachment}>
            <FileField
              label={t('files.add')}
              required
              error={attachment.message('file')}
              onChange={setUpload}
              resetKey={resetKey}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={attachment.pending}>
                {t('files.upload')}
              </PrimaryActionButton>
            </ButtonGroup>
          </ContractForm>
        )}
      </Section>
    </>
  );
}
