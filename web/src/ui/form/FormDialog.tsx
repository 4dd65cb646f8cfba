import { Button, ButtonGroup, Heading2, SecondaryActionButton } from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../ConfirmDialog.tsx';
import { ContractForm } from '../Form.tsx';
import type { ContractFormState } from './useContractForm.ts';

type FormDialogProps<V> = {
  form: ContractFormState<V>;
  title: string;
  confirmLabel: string;
  /** The confirm button in the danger colour, for what ends or removes something. */
  danger?: boolean;
  onCancel: () => void;
  children: ReactNode;
};

/**
 * A modal question that needs an answer typed in (a reason to release, to refuse): the form kit's
 * summary and fields inside the browser's own dialog. The caller closes it in `onSuccess`.
 */
export function FormDialog<V>({
  form,
  title,
  confirmLabel,
  danger = false,
  onCancel,
  children,
}: FormDialogProps<V>) {
  const { t } = useTranslation();
  const dialog = useModalDialog(onCancel, form.pending);
  const titleId = useId();
  return (
    <dialog ref={dialog.ref} className="passend-dialog" aria-labelledby={titleId} onCancel={dialog.onCancel}>
      <Heading2 id={titleId}>{title}</Heading2>
      <ContractForm form={form} aria-labelledby={titleId}>
        {children}
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            hint={danger ? 'danger' : undefined}
            busy={form.pending}
            aria-disabled={form.pending || undefined}
          >
            {confirmLabel}
          </Button>
          <SecondaryActionButton type="button" onClick={onCancel} disabled={form.pending}>
            {t('common.cancel')}
          </SecondaryActionButton>
        </ButtonGroup>
      </ContractForm>
    </dialog>
  );
}
