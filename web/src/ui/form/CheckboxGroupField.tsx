import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
} from '@utrecht/component-library-react';
import type { SelectChoice } from '../SelectField.tsx';
import { useFieldIds } from './field-ids.ts';

type CheckboxGroupFieldProps = {
  /** The path of the list in the form: every box carries it, so the error summary finds the first. */
  name: string;
  legend: string;
  /** The values ticked, in the order of the choices. */
  value: readonly string[];
  onChange: (value: string[]) => void;
  choices: SelectChoice[];
  description?: string;
  error?: string;
};

/**
 * Several tick boxes for one question with more than one answer (a list in the contract): a fieldset
 * whose legend asks the question, with one error for the group under it.
 */
export function CheckboxGroupField({
  name,
  legend,
  value,
  onChange,
  choices,
  description,
  error,
}: CheckboxGroupFieldProps) {
  const { id, descriptionId, errorId, describedBy } = useFieldIds(name, description, error);
  const toggle = (choice: string, checked: boolean) =>
    onChange(
      choices
        .map((option) => option.value)
        .filter((option) => (option === choice ? checked : value.includes(option))),
    );
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={describedBy || undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
      {choices.map((choice, index) => (
        <FormField
          key={choice.value}
          type="checkbox"
          input={
            <Checkbox
              id={`${id}-${index}`}
              name={name}
              value={choice.value}
              checked={value.includes(choice.value)}
              invalid={Boolean(error)}
              aria-invalid={error ? true : undefined}
              onChange={(event) => toggle(choice.value, event.target.checked)}
            />
          }
          label={
            <FormLabel htmlFor={`${id}-${index}`} type="checkbox">
              {choice.label}
            </FormLabel>
          }
        />
      ))}
    </Fieldset>
  );
}
