import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldTextarea,
  FormLabel,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Attachment, type RequestDetail, requestDetailSchema } from '../../../../contracts/requests.ts';
import { uploadForm } from '../../app/api.ts';
import { useFormatters } from '../../app/format.ts';
import { type FormErrors, fieldError, formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { FileField } from './FileField.tsx';
import { Section } from './RequestDetailPage.tsx';
import { fileProblem, formatSize, requestMessageFor, useRequestCommand } from './requests.api.ts';

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

/** R7: the secure thread (messages, team notes) and the files of a request, inside Passend. */
export function ThreadSection({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const format = useFormatters();
  const kindId = useId();
  const canMessage = request.commands.includes('post_message');
  const canNote = request.commands.includes('post_note');
  const [kind, setKind] = useState<'message' | 'note'>('message');
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [uploadErrors, setUploadErrors] = useState<FormErrors>(noFormErrors);
  const [done, setDone] = useState<string | null>(null);
  const post = useRequestCommand(request.id, () =>
    uploadForm(`/api/requests/${request.id}/messages`, { kind, body }, file, requestDetailSchema),
  );
  const attach = useRequestCommand(request.id, () =>
    uploadForm(`/api/requests/${request.id}/attachments`, {}, upload, requestDetailSchema),
  );
  const sendMessage = () => {
    const problem = file ? fileProblem(file) : null;
    if (problem) return setErrors(fieldError('file', problem));
    post.mutate(undefined, {
      onSuccess: () => {
        setErrors(noFormErrors);
        setBody('');
        setFile(null);
        setResetKey((key) => key + 1);
        setDone(t('thread.posted'));
      },
      onError: (error) => setErrors(formErrorsFrom(error)),
    });
  };
  const sendFile = () => {
    const problem = fileProblem(upload);
    if (problem) return setUploadErrors(fieldError('file', problem));
    attach.mutate(undefined, {
      onSuccess: () => {
        setUploadErrors(noFormErrors);
        setUpload(null);
        setResetKey((key) => key + 1);
        setDone(t('files.added'));
      },
      onError: (error) => setUploadErrors(formErrorsFrom(error)),
    });
  };
  const bodyError = requestMessageFor(errors, 'body');

  return (
    <>
      {request.status !== 'draft' && (
        <Section title={t('thread.heading')}>
          <Paragraph>{t('thread.intro')}</Paragraph>
          {done && <Paragraph role="status">{done}</Paragraph>}
          {request.messages.length === 0 ? (
            <Paragraph>{t('thread.empty')}</Paragraph>
          ) : (
            <ol className="passend-thread">
              {request.messages.map((message) => (
                <li key={message.id} className={message.kind === 'note' ? 'passend-thread__note' : undefined}>
                  <Paragraph>
                    <strong>{message.authorName}</strong> ({t(`thread.side.${message.authorSide}`)}),{' '}
                    {format.dateTime(message.createdAt)}
                    {message.kind === 'note' ? ` — ${t('thread.noteMark')}` : ''}
                  </Paragraph>
                  <Paragraph>{message.body}</Paragraph>
                  {message.attachments.map((attachment) => (
                    <Paragraph key={attachment.id}>
                      <AttachmentLink requestId={request.id} file={attachment} />
                    </Paragraph>
                  ))}
                </li>
              ))}
            </ol>
          )}
          {canMessage && (
            <Form errors={errors} fields={['body', 'file', 'kind']} onSubmit={sendMessage}>
              {canNote && (
                <Fieldset>
                  <FieldsetLegend>{t('thread.kind')}</FieldsetLegend>
                  {(['message', 'note'] as const).map((choice) => (
                    <FormField
                      key={choice}
                      type="radio"
                      input={
                        <RadioButton
                          id={`${kindId}-${choice}`}
                          name="kind"
                          checked={kind === choice}
                          onChange={() => setKind(choice)}
                        />
                      }
                      label={
                        <FormLabel htmlFor={`${kindId}-${choice}`} type="radio">
                          {t(`thread.kinds.${choice}`)}
                        </FormLabel>
                      }
                    />
                  ))}
                </Fieldset>
              )}
              <FormFieldTextarea
                name="body"
                label={t('thread.body')}
                rows={4}
                maxLength={8000}
                value={body}
                onChange={(event) => setBody(event.target.value)}
                invalid={Boolean(bodyError)}
                errorMessage={bodyError}
              />
              <FileField
                label={t('thread.file')}
                error={requestMessageFor(errors, 'file')}
                onChange={setFile}
                resetKey={resetKey}
              />
              <ButtonGroup>
                <PrimaryActionButton type="submit" busy={post.isPending}>
                  {t('thread.send')}
                </PrimaryActionButton>
              </ButtonGroup>
            </Form>
          )}
        </Section>
      )}
      <Section title={t('files.heading')}>
        {request.attachments.length === 0 ? (
          <Paragraph>{t('files.empty')}</Paragraph>
        ) : (
          <ul>
            {request.attachments.map((attachment) => (
              <li key={attachment.id}>
                <AttachmentLink requestId={request.id} file={attachment} /> —{' '}
                {attachment.kind === 'consent_form' ? `${t('files.consentForm')}, ` : ''}
                {attachment.uploadedByName}, {format.dateTime(attachment.uploadedAt)}
              </li>
            ))}
          </ul>
        )}
        {request.commands.includes('upload_attachment') && (
          <Form errors={uploadErrors} fields={['file']} onSubmit={sendFile}>
            <FileField
              label={t('files.add')}
              required
              error={requestMessageFor(uploadErrors, 'file')}
              onChange={setUpload}
              resetKey={resetKey}
            />
            <ButtonGroup>
              <PrimaryActionButton type="submit" busy={attach.isPending}>
                {t('files.upload')}
              </PrimaryActionButton>
            </ButtonGroup>
          </Form>
        )}
      </Section>
    </>
  );
}
