import { ButtonGroup, FormFieldTextarea, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { formErrorsFrom, noFormErrors } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';

type CommandFormProps = {
  name: string;
  label: string;
  description?: string;
  button: string;
  busy: boolean;
  error: unknown;
  onSubmit: (text: string) => void;
};

/**
 * A command that needs one text (a reason, an outcome): a labelled textarea and one button; the
 * button stays disabled-free, an empty text gets the field's own message from the server.
 */
export function CommandForm({ name, label, description, button, busy, error, onSubmit }: CommandFormProps) {
  const [text, setText] = useState('');
  const errors = error ? formErrorsFrom(error) : noFormErrors;
  const fieldError = errors.fields.find((field) => field.path === name)?.message;
  return (
    <Form errors={errors} fields={[name]} onSubmit={() => onSubmit(text)}>
      <FormFieldTextarea
        name={name}
        label={label}
        description={description}
        rows={3}
        maxLength={4000}
        value={text}
        onChange={(event) => setText(event.target.value)}
        invalid={Boolean(fieldError)}
        errorMessage={fieldError}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={busy}>
          {button}
        </PrimaryActionButton>
      </ButtonGroup>
    </Form>
  );
}
