import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import type { InputHTMLAttributes, Ref } from 'react';
import { useFieldIds } from './form/field-ids.ts';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  description?: string;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
};

/** Label, description, input and error message, wired with aria-describedby and aria-invalid. */
export function TextField({
  name,
  label,
  value,
  onChange,
  description,
  error,
  inputRef,
  className,
  required = true,
  type = 'text',
  ...inputProps
}: TextFieldProps) {
  const { id, descriptionId, errorId, describedBy } = useFieldIds(name, description, error);
  return (
    <FormField
      invalid={Boolean(error)}
      className={className}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={
        description ? <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription> : null
      }
      errorMessage={error ? <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage> : null}
      input={
        <Textbox
          {...inputProps}
          ref={inputRef}
          id={id}
          name={name}
          type={type}
          value={value}
          required={required}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      }
    />
  );
}
