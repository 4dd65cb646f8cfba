import { Alert, Paragraph } from '@utrecht/component-library-react';
import { formErrorsFrom, moduleFieldMessage } from '../../app/forms.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

/**
 * What went wrong with a check-in, check-out or homework command: the rule's own message from this
 * module's catalogue when the server named one, otherwise the general error.
 */
export function ActionError({ error }: { error: unknown }) {
  const errors = formErrorsFrom(error);
  if (errors.fields.length === 0) return <ErrorAlert errors={errors} />;
  return (
    <Alert type="error">
      {errors.fields.map((field) => (
        <Paragraph key={`${field.path}-${field.code}`}>{moduleFieldMessage('attendance', field)}</Paragraph>
      ))}
    </Alert>
  );
}
