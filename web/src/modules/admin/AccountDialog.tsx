import { useMutation } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AccountStatus,
  accountStatusSchema,
  type DeactivationReason,
  deactivationReasons,
} from '../../../../contracts/users.ts';
import { apiRequest } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SelectField } from '../../ui/SelectField.tsx';

type AccountDialogProps = {
  user: { id: string; name: string };
  mode: 'deactivate' | 'reactivate';
  /** The route family: `/api/users` (functional admin) or `/api/team` (the staff office, team members only). */
  basePath: '/api/users' | '/api/team';
  onDone: (status: AccountStatus) => void;
  onCancel: () => void;
};

/** P7: asks before an account is ended or opened again, says what follows, and does it. */
export function AccountDialog({ user, mode, basePath, onDone, onCancel }: AccountDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<DeactivationReason | ''>('');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const change = useMutation({
    mutationFn: () =>
      apiRequest('POST', `${basePath}/${user.id}/${mode}`, {
        body: mode === 'deactivate' && reason ? { reason } : {},
        schema: accountStatusSchema,
      }),
    onSuccess: onDone,
    onError: (error) => setErrors(formErrorsFrom(error)),
  });
  const name = user.name;

  return (
    <ConfirmDialog
      title={t(mode === 'deactivate' ? 'accountEnd.deactivateTitle' : 'accountEnd.reactivateTitle', { name })}
      confirmLabel={t(
        mode === 'deactivate' ? 'accountEnd.deactivateConfirm' : 'accountEnd.reactivateConfirm',
      )}
      cancelLabel={t('accountEnd.cancel')}
      danger={mode === 'deactivate'}
      busy={change.isPending}
      onConfirm={() => change.mutate()}
      onCancel={onCancel}
    >
      <ErrorAlert errors={errors} />
      {mode === 'deactivate' ? (
        <>
          <Paragraph>{t('accountEnd.deactivateIntro', { name })}</Paragraph>
          <Paragraph>{t('accountEnd.deactivateRetired')}</Paragraph>
          <Paragraph>{t('accountEnd.deactivateKept', { name })}</Paragraph>
          <SelectField
            name="reason"
            label={t('accountEnd.reasonLabel')}
            description={t('accountEnd.reasonDescription')}
            placeholder={t('accountEnd.reasonNone')}
            required={false}
            value={reason}
            onChange={(value) => setReason(value as DeactivationReason | '')}
            choices={deactivationReasons.map((code) => ({
              value: code,
              label: t(`accountEnd.reasons.${code}`),
            }))}
          />
        </>
      ) : (
        <Paragraph>{t('accountEnd.reactivateIntro', { name })}</Paragraph>
      )}
    </ConfirmDialog>
  );
}

/** The message after an account was ended or opened again. */
export function accountChangedMessage(t: TFunction, name: string, status: AccountStatus['status']): string {
  if (status === 'disabled') return t('accountEnd.deactivated', { name });
  if (status === 'active') return t('accountEnd.reactivatedActive', { name });
  return t('accountEnd.reactivatedInvited', { name });
}
