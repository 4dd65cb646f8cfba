import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
  Textarea,
} from '@utrecht/component-library-react';
import type { SelectChoice } from '../SelectField.tsx';
import { useFieldIds } from './field-ids.ts';

/**
 * A radio button's value and label; where a label alone does not say enough, a description; and the
 * label's language where it differs from the page's (a language's own name, "English").
 */
export type RadioChoice = SelectChoice & { description?: string; lang?: string };

type RadioGroupFieldProps = {
  name: string;
  legend: string;
  value: string;
  onChange: (value: string) => void;
  choices: RadioChoice[];
  description?: string;
  error?: string;
  required?: boolean;
};

/**
 * A group of radio buttons in a fieldset: the legend names the question, the error sits under it and
 * is announced with the group, and the first button is where the error summary sends focus.
 */
export function RadioGroupField({
  name,
  legend,
  value,
  onChange,
  choices,
  description,
  error,
  required = true,
}: RadioGroupFieldProps) {
  const { id, descriptionId, errorId, describedBy } = useFieldIds(name, description, error);
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={describedBy || undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
      {choices.map((choice, index) => (
        <FormField
          key={choice.value}
          type="radio"
          input={
            <RadioButton
              id={`${id}-${index}`}
              name={name}
              value={choice.value}
              checked={value === choice.value}
              required={required}
              invalid={Boolean(error)}
              aria-invalid={error ? true : undefined}
              aria-describedby={choice.description ? `${id}-${index}-description` : undefined}
              onChange={() => onChange(choice.value)}
            />
          }
          label={
            <FormLabel htmlFor={`${id}-${index}`} type="radio" lang={choice.lang}>
              {choice.label}
            </FormLabel>
          }
          description={
            choice.description ? (
              <FormFieldDescription id={`${id}-${index}-description`}>
                {choice.description}
              </FormFieldDescription>
            ) : null
          }
        />
      ))}
    </Fieldset>
  );
}

type CheckboxFieldProps = {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: string;
  error?: string;
  required?: boolean;
};

/** One tick box with its label, description and error, wired like the text fields. */
export function CheckboxField({
  name,
  label,
  checked,
  onChange,
  description,
  error,
  required = false,
}: CheckboxFieldProps) {
  const { id, descriptionId, errorId, describedBy } = useFieldIds(name, description, error);
  return (
    <FormField
      type="checkbox"
      invalid={Boolean(error)}
      label={
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
      }
      description={
        description ? <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription> : null
      }
      errorMessage={error ? <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage> : null}
      input={
        <Checkbox
          id={id}
          name={name}
          checked={checked}
          required={required}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
      }
    />
  );
}

type TextAreaFieldProps = {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  description?: string;
  error?: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  rows?: number;
};

/** A text of several lines, with its limit from the contract. */
export function TextAreaField({
  name,
  label,
  value,
  onChange,
  description,
  error,
  required = true,
  maxLength,
  minLength,
  rows = 4,
}: TextAreaFieldProps) {
  const { id, descriptionId, errorId, describedBy } = useFieldIds(name, description, error);
  return (
    <FormField
      invalid={Boolean(error)}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={
        description ? <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription> : null
      }
      errorMessage={error ? <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage> : null}
      input={
        <Textarea
          id={id}
          name={name}
          rows={rows}
          value={value}
          required={required}
          maxLength={maxLength}
          minLength={minLength}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      }
    />
  );
}
