import { Alert, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type FormErrors, noFormErrors } from '../app/forms.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorSummary } from './form/ErrorSummary.tsx';
import type { ContractFormState, SummaryItem } from './form/useContractForm.ts';

type FormFrameProps = {
  errors: FormErrors;
  items: SummaryItem[];
  onSubmit: () => void;
  notice?: string | null;
  children: ReactNode;
  className?: string;
  'aria-labelledby'?: string;
};

/**
 * A form without browser validation bubbles: our own messages from the catalogue, the error summary
 * at the top that takes focus after a failed submit, and a notice after success.
 */
function FormFrame({ errors, items, onSubmit, notice, children, className, ...rest }: FormFrameProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors === noFormErrors || !errors.form) return;
    summaryRef.current?.focus();
  }, [errors]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className={className} {...rest}>
      {notice && (
        <Alert type="ok" ref={noticeRef} tabIndex={-1} role="status">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      )}
      <ErrorSummary ref={summaryRef} errors={errors} items={items} formRef={formRef} />
      {children}
    </form>
  );
}

type ContractFormProps<V> = {
  form: ContractFormState<V>;
  children: ReactNode;
  className?: string;
  'aria-labelledby'?: string;
};

/** The form of a `useContractForm`: summary, notice, fields, and the question before what cannot be undone. */
export function ContractForm<V>({ form, children, ...rest }: ContractFormProps<V>) {
  const { t } = useTranslation();
  return (
    <>
      <FormFrame
        errors={form.errors}
        items={form.summary}
        onSubmit={() => form.submit()}
        notice={form.notice}
        {...rest}
      >
        {children}
      </FormFrame>
      {form.question && (
        <ConfirmDialog
          title={form.question.title}
          confirmLabel={form.question.confirmLabel}
          cancelLabel={t('common.cancel')}
          danger={form.question.danger}
          busy={form.pending}
          onConfirm={() => form.answerQuestion(true)}
          onCancel={() => form.answerQuestion(false)}
        >
          {typeof form.question.body === 'string' ? (
            <Paragraph>{form.question.body}</Paragraph>
          ) : (
            form.question.body
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
