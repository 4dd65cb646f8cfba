import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  FormField,
  FormFieldCheckbox,
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
  publicProfileSchema,
  type TeamMemberDetail,
} from '../../../../contracts/team.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, fieldError, formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { put, remove, teamMessageFor } from './team.api.ts';

/** Reads a chosen file as a `data:` URL. */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(reader.error));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

type Notice = 'saved' | 'removed' | null;

/** R15: the member's optional photo, and whether the public team page shows it. */
export function PhotoSection({ member, isOwn }: { member: TeamMemberDetail; isOwn: boolean }) {
  const { t } = useTranslation('team');
  const headingId = useId();
  const inputId = `${useId()}-photo`;
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [showPhoto, setShowPhoto] = useState(member.publicProfile.showPhoto);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [notice, setNotice] = useState<Notice>(null);
  useEffect(() => setShowPhoto(member.publicProfile.showPhoto), [member.publicProfile.showPhoto]);

  const done = async (next: Notice) => {
    setErrors(noFormErrors);
    setNotice(next);
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    await queryClient.invalidateQueries({ queryKey: ['team'] });
  };
  const save = useMutation({
    mutationFn: async () => {
      if (file) {
        let dataUrl: string;
        try {
          dataUrl = await readAsDataUrl(file);
        } catch {
          throw fieldError('dataUrl', 'photo_read_failed');
        }
        await put(`/api/team/${member.userId}/photo`, { dataUrl });
      }
      if (showPhoto !== member.publicProfile.showPhoto) {
        await api.patch(`/api/team/${member.userId}/public-profile`, { showPhoto }, publicProfileSchema);
      }
    },
    onSuccess: () => done('saved'),
    onError: (error) => {
      setNotice(null);
      setErrors(isFormErrors(error) ? error : formErrorsFrom(error));
    },
  });
  const drop = useMutation({
    mutationFn: () => remove(`/api/team/${member.userId}/photo`),
    onSuccess: () => done('removed'),
    onError: (error) => {
      setNotice(null);
      setErrors(formErrorsFrom(error));
    },
  });

  const choose = (chosen: File | null) => {
    setNotice(null);
    setFile(chosen);
    // The server checks type and size too; this only saves sending a file that cannot pass.
    if (chosen && !(photoMimeTypes as readonly string[]).includes(chosen.type)) {
      setErrors(fieldError('dataUrl', 'photo_type'));
    } else if (chosen && chosen.size > maxPhotoBytes) {
      setErrors(fieldError('dataUrl', 'photo_too_large'));
    } else {
      setErrors(noFormErrors);
    }
  };
  const fileError = teamMessageFor(errors, 'dataUrl');
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
      {notice && (
        <Alert type="ok" role="status">
          {t(notice === 'saved' ? 'member.photoSaved' : 'member.photoRemoved')}
        </Alert>
      )}
      <Form
        errors={errors}
        fields={['dataUrl']}
        onSubmit={() => {
          if (fileError) return;
          save.mutate();
        }}
        aria-labelledby={headingId}
      >
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
              type="file"
              accept={photoMimeTypes.join(',')}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${descriptionId} ${errorId}` : descriptionId}
              onChange={(event) => choose(event.target.files?.[0] ?? null)}
            />
          }
        />
        <FormFieldCheckbox
          name="showPhoto"
          label={
            isOwn ? t('member.showPhotoPublic') : t('member.showPhotoPublicOther', { name: member.name })
          }
          checked={showPhoto}
          onChange={(event) => {
            setNotice(null);
            setShowPhoto(event.target.checked);
          }}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={save.isPending}>
            {t('common.save')}
          </PrimaryActionButton>
          {member.hasPhoto && (
            <Button
              type="button"
              appearance="secondary-action-button"
              busy={drop.isPending}
              onClick={() => drop.mutate()}
            >
              {t('member.photoRemove')}
            </Button>
          )}
        </ButtonGroup>
      </Form>
    </section>
  );
}

function isFormErrors(value: unknown): value is FormErrors {
  return typeof value === 'object' && value !== null && 'fields' in value && 'form' in value;
}
