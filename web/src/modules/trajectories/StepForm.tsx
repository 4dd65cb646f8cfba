import { ButtonGroup, PrimaryActionButton } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type TrajectoryDetail, trajectoryDetailSchema } from '../../../../contracts/trajectories.ts';
import { api } from '../../app/api.ts';
import type { FieldIssue } from '../../app/forms.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { CheckboxGroupField } from '../../ui/form/CheckboxGroupField.tsx';
import { RadioGroupField, TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { type ConfirmQuestion, useContractForm } from '../../ui/form/useContractForm.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * One input of an intake step; its label is `fields.<name>` in the trajectories catalogue. `optional`
 * sends an empty answer as null (the contract's "not given"), otherwise as missing.
 */
export type StepField =
  | { name: string; kind: 'date' | 'text' | 'textarea'; optional?: boolean }
  | { name: string; kind: 'select'; choices: readonly string[]; choiceKey: string; optional?: boolean }
  | { name: string; kind: 'checkboxes'; choices: readonly string[]; choiceKey: string }
  | { name: string; kind: 'yesno' };

/** The form's values: text for inputs, selects and yes/no ('true', 'false'), a list for tick boxes. */
export type StepValues = Record<string, string | string[]>;

type StepFormProps<S extends z.ZodType> = {
  trajectoryId: string;
  /** The step's path under /api/trajectories/:id/. */
  step: string;
  /** The step's contract: what is required and how long a text may be. */
  schema: S;
  fields: StepField[];
  initial: StepValues;
  submitLabel: string;
  /** The step's rules between fields, so the question before it comes only for a complete answer. */
  check?: (values: StepValues) => FieldIssue[];
  /** Asked before a step that cannot be corrected afterwards. */
  confirm?: (input: z.output<S>) => ConfirmQuestion | null;
  onSaved: (detail: TrajectoryDetail) => void;
};

/** The request body of a step: yes/no as a boolean, an empty answer as null or missing. */
function inputOf(fields: StepField[], values: StepValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (Array.isArray(value)) input[field.name] = value;
    else if (field.kind === 'yesno') input[field.name] = value === '' ? undefined : value === 'true';
    else if (value === '' || value === undefined)
      input[field.name] = 'optional' in field && field.optional ? null : undefined;
    else input[field.name] = value;
  }
  return input;
}

/**
 * The form of one intake step (E9, E2, E11) on its contract: labelled inputs from a field list, every
 * problem in the summary and beside its field, nothing sent while one is left, and the saved
 * trajectory handed back to the page.
 */
export function StepForm<S extends z.ZodType>({
  trajectoryId,
  step,
  schema,
  fields,
  initial,
  submitLabel,
  check,
  confirm,
  onSaved,
}: StepFormProps<S>) {
  const { t } = useTranslation('trajectories');
  const form = useContractForm({
    schema,
    initial,
    toInput: (values) => inputOf(fields, values),
    check,
    namespace: 'trajectories',
    send: (input) => api.post(`/api/trajectories/${trajectoryId}/${step}`, input, trajectoryDetailSchema),
    confirm,
    onSuccess: (detail) => onSaved(detail),
  });
  const label = (name: string) => t(`fields.${name}` as 'fields.observed');
  const choicesOf = (choices: readonly string[], choiceKey: string) =>
    choices.map((value) => ({ value, label: t(`${choiceKey}.${value}` as 'form.choose') }));

  return (
    <ContractForm form={form}>
      {fields.map((field) => {
        switch (field.kind) {
          case 'textarea':
            return (
              <TextAreaField
                key={field.name}
                label={label(field.name)}
                rows={3}
                {...form.field(field.name)}
              />
            );
          case 'date':
          case 'text':
            return (
              <TextField
                key={field.name}
                type={field.kind}
                label={label(field.name)}
                {...form.field(field.name)}
              />
            );
          case 'select':
            return (
              <SelectField
                key={field.name}
                label={label(field.name)}
                placeholder={t('form.choose')}
                choices={choicesOf(field.choices, field.choiceKey)}
                {...form.field(field.name, 'choice')}
              />
            );
          case 'checkboxes':
            return (
              <CheckboxGroupField
                key={field.name}
                name={field.name}
                legend={label(field.name)}
                choices={choicesOf(field.choices, field.choiceKey)}
                value={(form.values[field.name] as string[] | undefined) ?? []}
                onChange={(value) => form.set(field.name, value)}
                error={form.message(field.name)}
              />
            );
          default:
            return (
              <RadioGroupField
                key={field.name}
                legend={label(field.name)}
                choices={[
                  { value: 'true', label: t('form.yes') },
                  { value: 'false', label: t('form.no') },
                ]}
                {...form.field(field.name, 'choice')}
                // A yes or no the contract needs: its boolean cannot say so, an unanswered question can.
                required
              />
            );
        }
      })}
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {submitLabel}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}
