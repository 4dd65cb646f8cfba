import { useMutation } from '@tanstack/react-query';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormLabel,
  PrimaryActionButton,
  RadioButton,
} from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TrajectoryDetail, trajectoryDetailSchema } from '../../../../contracts/trajectories.ts';
import { api } from '../../app/api.ts';
import { type FormErrors, formErrorsFrom, moduleMessageFor, noFormErrors } from '../../app/forms.ts';
import { Form } from '../../ui/Form.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** One input of an intake step; its label is `fields.<name>` in the trajectories catalogue. */
export type StepField =
  | { name: string; kind: 'date' | 'text' | 'textarea'; optional?: boolean }
  | { name: string; kind: 'select' | 'checkboxes'; choices: readonly string[]; choiceKey: string }
  | { name: string; kind: 'yesno' };

export type StepValues = Record<string, string | string[] | boolean | null>;

type StepFormProps = {
  trajectoryId: string;
  /** The step's path under /api/trajectories/:id/. */
  step: string;
  fields: StepField[];
  initial: StepValues;
  submitLabel: string;
  /** Turns the form's values into the request body (empty texts become null where the API wants that). */
  toBody?: (values: StepValues) => unknown;
  onSaved: (detail: TrajectoryDetail) => void;
};

/**
 * The form of one intake step (E9, E2, E11): labelled inputs from a field list, the server's field
 * errors next to their fields, and the saved trajectory handed back to the page.
 */
export function StepForm({
  trajectoryId,
  step,
  fields,
  initial,
  submitLabel,
  toBody,
  onSaved,
}: StepFormProps) {
  const { t } = useTranslation('trajectories');
  const [values, setValues] = useState<StepValues>(initial);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const formId = useId();
  const save = useMutation({
    mutationFn: () =>
      api.post(
        `/api/trajectories/${trajectoryId}/${step}`,
        toBody ? toBody(values) : values,
        trajectoryDetailSchema,
      ),
    onSuccess: (detail) => {
      setErrors(noFormErrors);
      onSaved(detail);
    },
    onError: (error) => setErrors(formErrorsFrom(error)),
  });
  const set = (name: string, value: StepValues[string]) =>
    setValues((current) => ({ ...current, [name]: value }));
  const errorOf = (name: string) => moduleMessageFor('trajectories', errors, name);
  const label = (name: string) => t(`fields.${name}` as 'fields.observed');

  return (
    <Form errors={errors} fields={fields.map((field) => field.name)} onSubmit={() => save.mutate()}>
      {fields.map((field) => {
        const id = `${formId}-${field.name}`;
        const error = errorOf(field.name);
        if (field.kind === 'textarea')
          return (
            <FormFieldTextarea
              key={field.name}
              name={field.name}
              label={label(field.name)}
              rows={3}
              maxLength={4000}
              value={String(values[field.name] ?? '')}
              onChange={(event) => set(field.name, event.target.value)}
              invalid={Boolean(error)}
              errorMessage={error}
            />
          );
        if (field.kind === 'date' || field.kind === 'text')
          return (
            <TextField
              key={field.name}
              name={field.name}
              type={field.kind}
              label={label(field.name)}
              required={!('optional' in field && field.optional)}
              value={String(values[field.name] ?? '')}
              onChange={(value) => set(field.name, value)}
              error={error}
            />
          );
        if (field.kind === 'select')
          return (
            <SelectField
              key={field.name}
              name={field.name}
              label={label(field.name)}
              placeholder={t('form.choose')}
              value={String(values[field.name] ?? '')}
              onChange={(value) => set(field.name, value)}
              choices={field.choices.map((value) => ({
                value,
                label: t(`${field.choiceKey}.${value}` as 'form.choose'),
              }))}
              error={error}
            />
          );
        const errorId = `${id}-error`;
        if (field.kind === 'checkboxes') {
          const chosen = (values[field.name] as string[] | undefined) ?? [];
          return (
            <Fieldset
              key={field.name}
              invalid={Boolean(error)}
              aria-describedby={error ? errorId : undefined}
            >
              <FieldsetLegend>{label(field.name)}</FieldsetLegend>
              {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
              {field.choices.map((value) => (
                <FormFieldCheckbox
                  key={value}
                  name={field.name}
                  label={t(`${field.choiceKey}.${value}` as 'form.choose')}
                  checked={chosen.includes(value)}
                  onChange={(event) =>
                    set(
                      field.name,
                      event.target.checked ? [...chosen, value] : chosen.filter((item) => item !== value),
                    )
                  }
                />
              ))}
            </Fieldset>
          );
        }
        return (
          <Fieldset key={field.name} invalid={Boolean(error)} aria-describedby={error ? errorId : undefined}>
            <FieldsetLegend>{label(field.name)}</FieldsetLegend>
            {error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
            {([true, false] as const).map((answer) => (
              <FormField
                key={String(answer)}
                type="radio"
                input={
                  <RadioButton
                    id={`${id}-${answer}`}
                    name={field.name}
                    checked={values[field.name] === answer}
                    invalid={Boolean(error)}
                    onChange={() => set(field.name, answer)}
                  />
                }
                label={
                  <FormLabel htmlFor={`${id}-${answer}`} type="radio">
                    {t(answer ? 'form.yes' : 'form.no')}
                  </FormLabel>
                }
              />
            ))}
          </Fieldset>
        );
      })}
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={save.isPending}>
          {submitLabel}
        </PrimaryActionButton>
      </ButtonGroup>
    </Form>
  );
}
