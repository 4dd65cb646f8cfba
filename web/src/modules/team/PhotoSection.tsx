import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  maxPhotoBytes,
  photoMimeTypes,
  publicProfileInputSchema,
  publicProfileSchema,
  type TeamMemberDetail,
} from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { formErrorsFrom } from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxField } from '../../ui/form/ChoiceFields.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
import { put, remove, teamKeys } from './team.api.ts';

/** The chosen file could not be read in the browser (it is gone, or not a file). */
class PhotoReadFailed extends Error {}

/** Reads a chosen file as a `data:` URL. */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string' ? resolve(reader.result) : reject(new PhotoReadFailed());
    reader.onerror = () => reject(new PhotoReadFailed());
    reader.readAsDataURL(file);
  });
}

/** What is wrong with a chosen file before it is sent; the server checks type and size too. */
function photoProblem(file: File | null): string | null {
  if (!file) return null;
  if (!(photoMimeTypes as readonly string[]).includes(file.type)) return 'photo_type';
  if (file.size > maxPhotoBytes) return 'photo_too_large';
  return null;
}

/** R15: the member's optional photo, and whether the public team page shows it. */
export function PhotoSection({ member, isOwn }: { member: TeamMemberDetail; isOwn: boolean }) {
  const { t } = useTranslation('team');
  const headingId = useId();
  const inputId = `${useId()}-photo`;
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  // A file is no text the contract can check: it lives beside the form; its problems join the summary.
  const [file, setFile] = useState<File | null>(null);
  const [removed, setRemoved] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);

  const clearFile = () => {
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
  };
  const form = useContractForm({
    schema: publicProfileInputSchema,
    initial: { showPhoto: member.publicProfile.showPhoto },
    namespace: 'team',
    check: () => {
      const problem = photoProblem(file);
      return problem ? [{ path: 'dataUrl', code: problem }] : [];
    },
    send: async (input): Promise<void> => {
      if (file) await put(`/api/team/${member.userId}/photo`, { dataUrl: await readAsDataUrl(file) });
      if (input.showPhoto !== member.publicProfile.showPhoto) {
        await api.patch(`/api/team/${member.userId}/public-profile`, input, publicProfileSchema);
      }
    },
    successNotice: t('member.photoSaved'),
    onSuccess: async () => {
      setRemoved(false);
      clearFile();
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
    onError: (error) => {
      if (error instanceof PhotoReadFailed) {
        form.showErrors({
          form: { code: 'validation_failed' },
          fields: [{ path: 'dataUrl', code: 'photo_read_failed' }],
        });
      }
    },
  });
  const shownInPublic = member.publicProfile.showPhoto;
  // The profile may change elsewhere on the page (the staff office edits it too); the form's `reset`
  // is a new function each render, so only the stored value decides.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the stored value only.
  useEffect(() => form.reset({ showPhoto: shownInPublic }), [shownInPublic]);

  const drop = useMutation({
    mutationFn: () => remove(`/api/team/${member.userId}/photo`),
    onSuccess: async () => {
      setConfirmingRemove(false);
      setRemoved(true);
      clearFile();
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
  });

  const fileError = form.message('dataUrl');
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;

  return (
    <section className="passend-section passend-card" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('member.photoHeading')}</Heading2>
      <Paragraph>
        {isOwn ? t('member.photoIntro') : t('member.photoIntroOther', { name: member.name })}
      </Paragraph>
      {member.photoDataUrl ? (
        <img src={member.photoDataUrl} alt={t('member.photoAlt', { name: member.name })} width={160} />
      ) : (
        <Paragraph>{t('member.noPhoto')}</Paragraph>
      )}
      {removed && (
        <Alert type="ok" role="status">
          {t('member.photoRemoved')}
        </Alert>
      )}
      <ContractForm form={form} aria-labelledby={headingId}>
        <FormField
          invalid={Boolean(fileError)}
          label={<FormLabel htmlFor={inputId}>{t('member.photoFile')}</FormLabel>}
          description={
            <FormFieldDescription id={descriptionId}>{t('member.photoFileDescription')}</FormFieldDescription>
          }
          errorMessage={
            fileError ? <FormFieldErrorMessage id={errorId}>{fileError}</FormFieldErrorMessage> : null
          }
          input={
            <input
              ref={fileInput}
              id={inputId}
              name="photo"
              data-field="dataUrl"
              type="file"
              accept={photoMimeTypes.join(',')}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${descriptionId} ${errorId}` : descriptionId}
              onChange={(event) => {
                const chosen = event.target.files?.[0] ?? null;
                setFile(chosen);
                setRemoved(false);
                // Said at once, so no one waits for a save that cannot pass.
                const problem = photoProblem(chosen);
                form.showErrors(
                  problem
                    ? { form: { code: 'validation_failed' }, fields: [{ path: 'dataUrl', code: problem }] }
                    : { form: null, fields: [] },
                );
              }}
            />
          }
        />
        <CheckboxField
          label={
            isOwn ? t('member.showPhotoPublic') : t('member.showPhotoPublicOther', { name: member.name })
          }
          {...form.checkbox('showPhoto')}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={form.pending}>
            {t('common.save')}
          </PrimaryActionButton>
          {member.hasPhoto && (
            <Button
              ref={removeButton}
              type="button"
              appearance="secondary-action-button"
              aria-haspopup="dialog"
              onClick={() => {
                drop.reset();
                setConfirmingRemove(true);
              }}
            >
              {t('member.photoRemove')}
            </Button>
          )}
        </ButtonGroup>
      </ContractForm>
      {confirmingRemove && (
        <ConfirmDialog
          title={t('member.photoRemoveTitle', { name: member.name })}
          confirmLabel={t('member.photoRemove')}
          cancelLabel={t('common.cancel')}
          danger
          busy={drop.isPending}
          onConfirm={() => drop.mutate()}
          onCancel={() => {
            setConfirmingRemove(false);
            requestAnimationFrame(() => removeButton.current?.focus());
          }}
        >
          {drop.error && <ErrorAlert errors={formErrorsFrom(drop.error)} />}
          <Paragraph>{t('member.photoRemoveBody')}</Paragraph>
        </ConfirmDialog>
      )}
    </section>
  );
}
