import { useTranslation } from 'react-i18next';
import { type FieldIssue, type FormErrors, messageFor } from '../../app/forms.ts';
import type { ContractFormState } from '../../ui/form/useContractForm.ts';
import { TextField } from '../../ui/TextField.tsx';

type NewPasswordFieldsProps<V> = {
  /** The field path of the new password in the contract (e.g. `password`, `newPassword`). */
  name: string;
  label: string;
  repeatLabel: string;
  form: ContractFormState<V>;
};

/** The path of the "repeat" field, for form error lists. */
export function repeatPath(name: string): string {
  return `${name}Repeat`;
}

/** A client-side problem when the two passwords differ. */
export function mismatchIssue(name: string, value: string, repeat: string): FieldIssue[] {
  return value && repeat !== value ? [{ path: repeatPath(name), code: 'password_mismatch' }] : [];
}

/** A new password typed twice, with the length hint; the server also refuses common passwords. */
export function NewPasswordFields<V>({ name, label, repeatLabel, form }: NewPasswordFieldsProps<V>) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        type="password"
        label={label}
        description={t('common.passwordHint')}
        autoComplete="new-password"
        {...form.field(name)}
      />
      <TextField
        type="password"
        label={repeatLabel}
        autoComplete="new-password"
        {...form.field(repeatPath(name))}
        // Not in the contract (the server never sees it), yet it must be typed.
        required
      />
    </>
  );
}

type PasswordFieldsProps = {
  name: string;
  label: string;
  repeatLabel: string;
  value: string;
  repeat: string;
  onChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  errors: FormErrors;
};

/** @deprecated for forms kept by hand until they move to the form kit; use `NewPasswordFields`. */
export function PasswordFields(props: PasswordFieldsProps) {
  const { t } = useTranslation();
  const { name, label, repeatLabel, value, repeat, onChange, onRepeatChange, errors } = props;
  return (
    <>
      <TextField
        name={name}
        type="password"
        label={label}
        description={t('common.passwordHint')}
        autoComplete="new-password"
        minLength={12}
        value={value}
        onChange={onChange}
        error={messageFor(t, errors, name)}
      />
      <TextField
        name={repeatPath(name)}
        type="password"
        label={repeatLabel}
        autoComplete="new-password"
        value={repeat}
        onChange={onRepeatChange}
        error={messageFor(t, errors, repeatPath(name))}
      />
    </>
  );
}
