import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useFieldIds } from './form/field-ids.ts';

export type SelectChoice = { value: string; label: string };
export type SelectGroup = { label: string; choices: SelectChoice[] };

type SelectFieldProps = {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown as the empty first option. */
  placeholder: string;
  choices?: SelectChoice[];
  groups?: SelectGroup[];
  description?: string;
  error?: string;
  busy?: boolean;
  /** False for an optional choice: the empty first option is then a valid answer. */
  required?: boolean;
};

/** A labelled select with description and error message, like TextField. */
export function SelectField({
  name,
  label,
  value,
  onChange,
  placeholder,
  choices = [],
  groups = [],
  description,
  error,
  busy,
  required = true,
}: SelectFieldProps) {
  const { id, descriptionId, errorId, describedBy } = useFieldIds(name, description, error);
  const options = (list: SelectChoice[]): ReactNode =>
    list.map((choice) => (
      <SelectOption key={choice.value} value={choice.value}>
        {choice.label}
      </SelectOption>
    ));
  return (
    <FormField
      invalid={Boolean(error)}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={
        description ? <FormFieldDescription id={descriptionId}>{description}</FormFieldDescription> : null
      }
      errorMessage={error ? <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage> : null}
      input={
        <Select
          id={id}
          name={name}
          value={value}
          required={required}
          busy={busy}
          invalid={Boolean(error)}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onChange(event.target.value)}
        >
          <SelectOption value="">{placeholder}</SelectOption>
          {options(choices)}
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {options(group.choices)}
            </optgroup>
          ))}
        </Select>
      }
    />
  );
}
