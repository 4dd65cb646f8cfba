import { Alert, Paragraph } from '@utrecht/component-library-react';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldIssue, type FormErrors, fieldMessage, formMessage } from '../app/forms.ts';

type ErrorAlertProps = {
  errors: FormErrors;
  /** Field paths shown next to their field; problems with other paths are listed here. */
  shownFields?: string[];
};

/** The form-level error, announced by screen readers, with field problems no field shows. */
export const ErrorAlert = forwardRef<HTMLDivElement, ErrorAlertProps>(function ErrorAlert(
  { errors, shownFields = [] },
  ref,
) {
  const { t } = useTranslation();
  if (!errors.form) return null;
  const unshown: FieldIssue[] = errors.fields.filter((field) => !shownFields.includes(field.path));
  return (
    <Alert type="error" ref={ref} tabIndex={-1}>
      <Paragraph>{formMessage(t, errors.form)}</Paragraph>
      {unshown.length > 0 && (
        <ul>
          {unshown.map((field) => (
            <li key={field.path}>{fieldMessage(t, field)}</li>
          ))}
        </ul>
      )}
      {errors.form.requestId && (
        <Paragraph appearance="small">
          {t('common.errorReference', { requestId: errors.form.requestId })}
        </Paragraph>
      )}
    </Alert>
  );
});
