import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { type FormErrors, noFormErrors } from '../app/forms.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

type FormProps = {
  errors: FormErrors;
  /** Field paths this form shows next to a field. */
  fields: string[];
  onSubmit: () => void;
  children: ReactNode;
  className?: string;
  'aria-labelledby'?: string;
};

/**
 * A form without browser validation bubbles: our own messages from the catalogue, the error summary
 * at the top (role=alert), and focus on the first invalid field after a failed submit.
 */
export function Form({ errors, fields, onSubmit, children, className, ...rest }: FormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors === noFormErrors || !errors.form) return;
    const firstInvalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? alertRef.current)?.focus();
  }, [errors]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className={className} {...rest}>
      <ErrorAlert ref={alertRef} errors={errors} shownFields={fields} />
      {children}
    </form>
  );
}
