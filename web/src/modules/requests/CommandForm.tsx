import { ButtonGroup, PrimaryActionButton } from '@utrecht/component-library-react';
import type { z } from 'zod';
import type { RequestDetail } from '../../../../contracts/requests.ts';
import { ContractForm } from '../../ui/Form.tsx';
import { TextAreaField } from '../../ui/form/ChoiceFields.tsx';
import { type ConfirmQuestion, useContractForm } from '../../ui/form/useContractForm.ts';

type CommandFormProps<S extends z.ZodType> = {
  /** The command's contract: one text (a reason, an outcome) under `name`. */
  schema: S;
  name: string;
  label: string;
  description?: string;
  button: string;
  /** Asked before the command is sent: these commands cannot be undone. */
  question: ConfirmQuestion;
  send: (input: z.output<S>) => Promise<RequestDetail>;
  onDone: (detail: RequestDetail) => void;
};

/**
 * A command that needs one text (a reason, an outcome): a labelled textarea with its limit from the
 * contract, one button, and the question before it is sent.
 */
export function CommandForm<S extends z.ZodType>({
  schema,
  name,
  label,
  description,
  button,
  question,
  send,
  onDone,
}: CommandFormProps<S>) {
  const form = useContractForm({
    schema,
    namespace: 'requests',
    initial: { [name]: '' } as Record<string, string>,
    send,
    confirm: () => question,
    onSuccess: onDone,
  });
  return (
    <ContractForm form={form}>
      <TextAreaField label={label} description={description} rows={3} {...form.field(name)} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.pending}>
          {button}
        </PrimaryActionButton>
      </ButtonGroup>
    </ContractForm>
  );
}
