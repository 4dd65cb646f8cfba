import { Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  type AccountStatus,
  accountStatusSchema,
  deactivateUserInputSchema,
  deactivationReasons,
} from '../../../../contracts/users.ts';
import { apiRequest } from '../../app/api.ts';
import { FormDialog } from '../../ui/form/FormDialog.tsx';
import { useContractForm } from '../../ui/form/useContractForm.ts';
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
  const form = useContractForm({
    schema: deactivateUserInputSchema,
    initial: { reason: '' },
    // Reopening takes no reason; ending one takes it only when chosen.
    toInput: (values) => (mode === 'deactivate' && values.reason ? { reason: values.reason } : {}),
    send: (input) =>
      apiRequest('POST', `${basePath}/${user.id}/${mode}`, { body: input, schema: accountStatusSchema }),
    onSuccess: onDone,
  });
  const name = user.name;

  return (
    <FormDialog
      form={form}
      title={t(mode === 'deactivate' ? 'accountEnd.deactivateTitle' : 'accountEnd.reactivateTitle', { name })}
      confirmLabel={t(
        mode === 'deactivate' ? 'accountEnd.deactivateConfirm' : 'accountEnd.reactivateConfirm',
      )}
      danger={mode === 'deactivate'}
      onCancel={onCancel}
    >
      {mode === 'deactivate' ? (
        <>
          <Paragraph>{t('accountEnd.deactivateIntro', { name })}</Paragraph>
          <Paragraph>{t('accountEnd.deactivateRetired')}</Paragraph>
          <Paragraph>{t('accountEnd.deactivateKept', { name })}</Paragraph>
          <SelectField
            label={t('accountEnd.reasonLabel')}
            description={t('accountEnd.reasonDescription')}
            placeholder={t('accountEnd.reasonNone')}
            choices={deactivationReasons.map((code) => ({
              value: code,
              label: t(`accountEnd.reasons.${code}`),
            }))}
            {...form.field('reason', 'choice')}
          />
        </>
      ) : (
        <Paragraph>{t('accountEnd.reactivateIntro', { name })}</Paragraph>
      )}
    </FormDialog>
  );
}

/** The message after an account was ended or opened again. */
export function accountChangedMessage(t: TFunction, name: string, status: AccountStatus['status']): string {
  if (status === 'disabled') return t('accountEnd.deactivated', { name });
  if (status === 'active') return t('accountEnd.reactivatedActive', { name });
  return t('accountEnd.reactivatedInvited', { name });
}
